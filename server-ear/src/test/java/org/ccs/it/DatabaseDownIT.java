package org.ccs.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server started while its database is unreachable: it says which datasource and address
 * failed, in one line and without a wall of stack traces, keeps running and retrying, reports
 * DOWN, and comes up by itself once the database answers. A second WildFly from the provisioned
 * server (own base directory, port offset 100) with the real EAR; the database address is a port on
 * which a forwarder to the real PostgreSQL is started only later.
 */
class DatabaseDownIT {

    private static final int OFFSET = Https.PORT_OFFSET + 100;
    /** What a server writes while it runs; a fresh base directory starts without them. */
    private static final java.util.Set<String> RUNTIME_DIRS = java.util.Set.of("deployments", "tmp", "data", "log");
    private Process server;
    private ServerSocket forwarder;

    @Test
    void unreachableDatabaseIsReportedRetriedAndRecovered() throws Exception {
        ItEnvironment env = new ItEnvironment();
        int dbPort = freePort();
        Path base = Path.of("target", "dbdown-base").toAbsolutePath();
        copyTree(Path.of(System.getProperty("jboss.home"), "standalone"), base);
        Files.copy(Path.of(System.getProperty("ccs.ear")), base.resolve("deployments/ccs.ear"),
                StandardCopyOption.REPLACE_EXISTING);
        Path console = base.resolve("console.log");

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("jboss.home"), "bin", "standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Dccs.db.url=jdbc:postgresql://127.0.0.1:" + dbPort + "/ccs_it",
                "-Dccs.db.user=" + env.server.getProperty("ccs.db.user"), "-Dccs.db.retry.max.millis=4000")
                .redirectErrorStream(true).redirectOutput(console.toFile());
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        pb.environment().put("CCS_DB_PASSWORD", env.server.getProperty("ccs.db.password"));
        server = pb.start();

        Https http = new Https();
        String health = "https://localhost:" + (8443 + OFFSET) + "/manager/health";
        HttpResponse<String> down = await(http, health, 503, Duration.ofSeconds(120));
        assertTrue(down.body().contains("\"status\":\"DOWN\""), down.body());
        assertTrue(down.body().contains("\"state\":\"UNREACHABLE\""), down.body());
        assertFalse(down.body().contains(Integer.toString(dbPort)), "no address in the public health answer");

        String log = Files.readString(base.resolve("log/server.log"), StandardCharsets.UTF_8);
        List<String> reports = log.lines().filter(l -> l.contains("datasource java:jboss/datasources/CcsDS")).toList();
        assertFalse(reports.isEmpty(), "the log names the datasource");
        assertTrue(reports.get(0).contains("127.0.0.1:" + dbPort), "and the address: " + reports.get(0));
        assertTrue(reports.get(0).contains("retrying"), reports.get(0));
        long stackLines = log.lines().filter(l -> l.startsWith("\tat ")).count();
        assertTrue(stackLines < 40, "no wall of stack traces: " + stackLines + " lines");
        // WildFly's stock configuration logs its own boot configuration (org.jboss.as.config, passwords
        // redacted) at DEBUG; everything else, CCS's loggers first, stays at the default level
        assertTrue(log.lines().filter(l -> !l.contains("[org.jboss.as.config]"))
                .noneMatch(l -> l.contains(" TRACE ") || l.contains(" DEBUG ")), "default log level");
        assertTrue(server.isAlive(), "the server keeps running");

        // the database comes back: the server must find it by itself
        startForwarder(dbPort, Integer.parseInt(System.getProperty("ccs.test.db.port", "55432")));
        HttpResponse<String> up = await(http, health, 200, Duration.ofSeconds(90));
        assertTrue(up.body().contains("\"state\":\"READY\""), up.body());
        String after = Files.readString(base.resolve("log/server.log"), StandardCharsets.UTF_8);
        assertTrue(after.contains("is reachable again"), "the recovery is logged");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        if (forwarder != null) {
            forwarder.close();
        }
    }

    private static HttpResponse<String> await(Https http, String url, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = http.get(url);
                if (last.statusCode() == status) {
                    return last;
                }
            } catch (IOException notYet) {
                // server still starting
            }
            Thread.sleep(500);
        }
        assertEquals(status, last == null ? -1 : last.statusCode(), "status of " + url + ": "
                + (last == null ? "no answer" : last.body()));
        return last;
    }

    /** A plain TCP forwarder from the advertised database port to the real PostgreSQL. */
    private void startForwarder(int from, int to) throws IOException {
        forwarder = new ServerSocket(from, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!forwarder.isClosed()) {
                try {
                    Socket client = forwarder.accept();
                    Socket db = new Socket(InetAddress.getLoopbackAddress(), to);
                    pipe(client.getInputStream(), db.getOutputStream(), db);
                    pipe(db.getInputStream(), client.getOutputStream(), client);
                } catch (IOException e) {
                    return;
                }
            }
        }, "db-forwarder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pipe(InputStream in, OutputStream out, Socket closeWhenDone) {
        Thread t = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // connection closed
            } finally {
                try {
                    closeWhenDone.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "db-forwarder-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> s = Files.walk(to)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!RUNTIME_DIRS.contains(from.relativize(p).getName(0).toString())) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
