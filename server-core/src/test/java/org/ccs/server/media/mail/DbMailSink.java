package org.ccs.server.media.mail;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ccs.server.contact.TestIngestion;
import org.ccs.server.media.ConversationStore;
import org.ccs.server.testing.TestDatabase;

/** The mail sink as the server has it, over a test database: each call its own transaction. */
final class DbMailSink implements MailSink {

    private final TestDatabase db;
    private final Clock clock;
    private final Long groupId;
    /** Makes the next n calls of take() fail, as a database outage would. */
    final AtomicInteger failNext = new AtomicInteger();

    DbMailSink(TestDatabase db, Clock clock, Long groupId) {
        this.db = db;
        this.clock = clock;
        this.groupId = groupId;
    }

    MailRecords records(jakarta.persistence.EntityManager em) {
        return new MailRecords(new ConversationStore(em, TestIngestion.over(em), clock), TestIngestion.over(em));
    }

    @Override
    public Optional<Cursor> cursor(long mailboxId) {
        return db.inTransaction(em -> records(em).cursor(mailboxId));
    }

    @Override
    public void advance(long mailboxId, String folder, Cursor cursor, int unparseableMoved) {
        db.inTransaction(em -> {
            records(em).advance(mailboxId, folder, cursor, unparseableMoved);
            return null;
        });
    }

    @Override
    public boolean take(IncomingMail mail) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("database unavailable (test)");
        }
        return db.inTransaction(em -> records(em).take(mail, groupId)).isPresent();
    }
}
