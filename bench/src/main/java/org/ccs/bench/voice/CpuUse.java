package org.ccs.bench.voice;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of processes and threads from Linux's /proc (user + system, in clock ticks of 1/100 s), to see
 * where a phase's time went: the WildFly JVM (per thread), PostgreSQL (the postmaster and its backends) and
 * this JVM (the simulator, the pollers).
 */
final class CpuUse {

    private static final double TICKS_PER_SECOND = 100.0;

    private CpuUse() {
    }

    /** user + system ticks of one process or thread, from its stat file; -1 when gone. */
    static long ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            // the command name (field 2) is in parentheses and may hold spaces
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long processTicks(long pid) {
        return Math.max(0, ticks(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** A process and all its descendants (PostgreSQL: the postmaster and its backends). */
    static long treeTicks(long pid) {
        long sum = processTicks(pid);
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isPresent()) {
            for (ProcessHandle d : p.get().descendants().toList()) {
                sum += processTicks(d.pid());
            }
        }
        return sum;
    }

    /** Thread name -> ticks for every thread of a process (several threads of one name are added). */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks) {
                long ticks = ticks(t.resolve("stat"));
                if (ticks < 0) {
                    continue;
                }
                String name;
                try {
                    name = Files.readString(t.resolve("comm")).strip();
                } catch (IOException e) {
                    continue;
                }
                out.merge(name + "#" + t.getFileName(), ticks, Long::sum);
            }
        } catch (IOException e) {
            // process gone
        }
        return out;
    }

    /** The threads that used the most CPU between two {@link #threadTicks} snapshots, as "name s". */
    static List<String> top(Map<String, Long> before, Map<String, Long> after, int n, double wallSeconds) {
        List<Map.Entry<String, Long>> diff = new ArrayList<>();
        after.forEach((k, v) -> diff.add(Map.entry(k, v - before.getOrDefault(k, 0L))));
        diff.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : diff.subList(0, Math.min(n, diff.size()))) {
            String name = e.getKey().substring(0, e.getKey().lastIndexOf('#'));
            out.add(String.format(java.util.Locale.ROOT, "%s %.1f s (%.0f %% of a core)", name,
                    e.getValue() / TICKS_PER_SECOND, 100 * e.getValue() / TICKS_PER_SECOND / wallSeconds));
        }
        return out;
    }

    static double seconds(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }

    /** The 1-minute load average. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
