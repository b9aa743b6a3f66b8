package org.ccs.bench.media;

import java.util.Arrays;

/** Latencies in nanoseconds: percentiles in milliseconds. */
final class Stats {

    private Stats() {
    }

    static double percentileMillis(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
