package org.ccs.bench.media;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ccs.server.media.MediaFixture;
import org.ccs.server.media.TextChannels;
import org.ccs.server.testing.TestDatabase;

/**
 * Chat messages stored per second, with p50/p99 latency of one customer message (a transaction:
 * check the chat's token, number the message, insert it), from several threads, each its own chats;
 * then the end of every chat (contact record + transcript). Next to it, in the same run, the raw JDBC
 * insert rate of the same message rows (one autocommit INSERT each, same threads).
 * <p>
 * Run: {@code java -cp 'bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' org.ccs.bench.media.ChatIngestBenchmark [chats] [messagesPerChat] [threads]}
 * (defaults 100, 20, 4; the test PostgreSQL on 127.0.0.1:55432, or -Dccs.test.db.host/port).
 */
public final class ChatIngestBenchmark {

    private ChatIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int chats = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perChat = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (TestDatabase db = TestDatabase.create("ccs_bench_chat")) {
            MediaFixture fx = new MediaFixture(db, Clock.systemUTC(), new TextChannels.Limits(2000, 1_000_000, 1_000_000, 1_000_000));
            List<TextChannels.ChatSession> sessions = new ArrayList<>();
            for (int i = 0; i < chats; i++) {
                sessions.add(fx.channels.startChat(new TextChannels.ChatStart(MediaFixture.ENTRY_POINT, fx.chatKey, null, null,
                        null), null, "198.51.100." + (i % 250)));
            }
            String text = "Hello, I have a question about order number 12345 and its delivery date.";
            // warm-up: one message per chat, not measured
            for (TextChannels.ChatSession s : sessions) {
                fx.channels.customerSays(s.chatId(), s.token(), text);
            }
            long[] latencies = new long[chats * perChat];
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                jobs.add(pool.submit(() -> {
                    for (int c = thread; c < chats; c += threads) {
                        TextChannels.ChatSession s = sessions.get(c);
                        for (int m = 0; m < perChat; m++) {
                            long t0 = System.nanoTime();
                            fx.channels.customerSays(s.chatId(), s.token(), text);
                            latencies[c * perChat + m] = System.nanoTime() - t0;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int messages = chats * perChat;

            long endStart = System.nanoTime();
            for (TextChannels.ChatSession s : sessions) {
                fx.channels.customerEnds(s.chatId(), s.token());
            }
            double endSeconds = (System.nanoTime() - endStart) / 1e9;

            // baseline: the same rows with plain JDBC, one autocommit INSERT each, same threads
            long conversationId;
            try (Connection c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery(
                    "insert into media_conversation (conversation_ref, channel, source_id, state, next_seq, started_at, queued_at, "
                            + "last_activity_at) values ('bench-raw', 'CHAT', 1, 'QUEUED', 1, now(), now(), now()) returning id")) {
                rs.next();
                conversationId = rs.getLong(1);
            }
            long rawStart = System.nanoTime();
            List<Future<?>> rawJobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                rawJobs.add(pool.submit(() -> {
                    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("insert into conversation_message "
                            + "(conversation_id, seq, sender_type, sender_id, sent_at, message_text) values (?, ?, 'CUSTOMER', null, ?, ?)")) {
                        for (int i = thread; i < messages; i += threads) {
                            ps.setLong(1, conversationId);
                            ps.setInt(2, i + 1);
                            ps.setTimestamp(3, Timestamp.from(Instant.now()));
                            ps.setString(4, text);
                            ps.executeUpdate();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : rawJobs) {
                f.get();
            }
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
            pool.shutdown();

            System.out.printf("chat messages stored: %d in %.2f s = %.0f messages/s, latency p50 %.2f ms, p99 %.2f ms (%d threads)%n",
                    messages, seconds, messages / seconds, Stats.percentileMillis(latencies, 50),
                    Stats.percentileMillis(latencies, 99), threads);
            System.out.printf("raw JDBC insert of the same rows: %.2f s = %.0f rows/s (ratio %.2f)%n", rawSeconds,
                    messages / rawSeconds, (messages / seconds) / (messages / rawSeconds));
            System.out.printf("chats ended (contact record + %d transcript rows each): %d in %.2f s = %.0f chats/s%n",
                    perChat + 1, chats, endSeconds, chats / endSeconds);
        }
    }
}
