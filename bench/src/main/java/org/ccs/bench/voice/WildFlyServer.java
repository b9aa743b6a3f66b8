package org.ccs.bench.voice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A WildFly of its own for the benchmark: the provisioned server (server-ear/target/server) started with a
 * fresh base directory (a copy of its configuration) holding the real ccs.ear, on a port offset, as
 * server-ear's DatabaseDownIT does. Stopped (the process and its children, by their ids) by {@link #close()}.
 */
final class WildFlyServer implements AutoCloseable {

    /** What a server writes while it runs; a fresh base directory starts without them. */
    private static final Set<String> RUNTIME_DIRS = Set.of("deployments", "tmp", "data", "log");

    private final Process process;
    private final Path base;
    private final int httpsPort;
    private final HttpClient http;

    private WildFlyServer(Process process, Path base, int httpsPort) {
        this.process = process;
        this.base = base;
        this.httpsPort = httpsPort;
        this.http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Copies the configuration of {@code home}/standalone to {@code base}, deploys {@code ear} there and
     * starts {@code home}/bin/standalone.sh with the given system properties and environment.
     */
    static WildFlyServer start(Path home, Path ear, Path base, int portOffset, List<String> systemProperties,
                               Map<String, String> environment) throws IOException {
        copyConfiguration(home.resolve("standalone"), base);
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(ear, base.resolve("deployments/ccs.ear"), StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + portOffset));
        command.addAll(systemProperties);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("console.log").toFile());
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        pb.environment().putAll(environment);
        return new WildFlyServer(pb.start(), base, 8443 + portOffset);
    }

    Path base() {
        return base;
    }

    String healthUrl() {
        return "https://localhost:" + httpsPort + "/manager/health";
    }

    /** The body of /manager/health, or empty while the server does not answer. */
    Optional<String> health() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(healthUrl()))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(r.body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits for health "UP"; fails when the server stops or the time runs out. */
    void awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly stopped; see " + base.resolve("console.log"));
            }
            Optional<String> h = health();
            if (h.isPresent()) {
                last = h.get();
                if (last.startsWith("{\"status\":\"UP\"")) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("WildFly not UP within " + timeout + "; last health: " + last
                + "; see " + base.resolve("log/server.log"));
    }

    /** The WildFly JVM (the java child of standalone.sh), for CPU figures. */
    Optional<ProcessHandle> jvm() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst();
    }

    /** Stops the server: TERM to the script's children and the script (the script forwards it), then KILL after 60 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(60, TimeUnit.SECONDS);
            for (ProcessHandle c : children) {
                c.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // still running: killed below
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static void copyConfiguration(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> s = Files.walk(to)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(p);
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    if (rel.getNameCount() == 0 || !RUNTIME_DIRS.contains(rel.getName(0).toString())) {
                        Files.createDirectories(target);
                    }
                } else if (!RUNTIME_DIRS.contains(rel.getName(0).toString())) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The server's self-signed localhost certificate is accepted (loopback, benchmark only). */
    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
