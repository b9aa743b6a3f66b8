package org.ccs.csta;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer's times from a call's legs, as wall-clock time: overlapping legs count once (two agents
 * in a conference talk at the same time; a group rings two phones at once).
 * <ul>
 * <li>queue: time at designated devices; ring: time ringing at agents;</li>
 * <li>talk: time connected to at least one agent who did not have the call on hold;</li>
 * <li>hold: time on hold at some agent while no other agent talked with the customer.</li>
 * </ul>
 */
record CallTimes(long queueMillis, long ringMillis, long talkMillis, long holdMillis) {

    static CallTimes of(List<Leg> legs) {
        List<long[]> queue = new ArrayList<>();
        List<long[]> ring = new ArrayList<>();
        List<long[]> hold = new ArrayList<>();
        Map<String, List<long[]>> talkByDevice = new HashMap<>();
        Map<String, List<long[]>> holdByDevice = new HashMap<>();
        for (Leg l : legs) {
            long[] span = {l.startedAt().toEpochMilli(), l.endedAt().toEpochMilli()};
            switch (l.legType()) {
                case QUEUE -> queue.add(span);
                case RING -> ring.add(span);
                case TALK -> talkByDevice.computeIfAbsent(l.device(), d -> new ArrayList<>()).add(span);
                case HOLD -> {
                    hold.add(span);
                    holdByDevice.computeIfAbsent(l.device(), d -> new ArrayList<>()).add(span);
                }
            }
        }
        List<long[]> talking = new ArrayList<>();
        talkByDevice.forEach((device, talk) ->
                talking.addAll(minus(talk, holdByDevice.getOrDefault(device, List.of()))));
        List<long[]> talk = union(talking);
        return new CallTimes(measure(union(queue)), measure(union(ring)), measure(talk),
                measure(minus(union(hold), talk)));
    }

    /** Sorted, non-overlapping intervals covering the same time. */
    static List<long[]> union(List<long[]> spans) {
        List<long[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(s -> s[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] s : sorted) {
            if (s[1] <= s[0]) {
                continue;
            }
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && s[0] <= last[1]) {
                last[1] = Math.max(last[1], s[1]);
            } else {
                out.add(new long[] {s[0], s[1]});
            }
        }
        return out;
    }

    /** The time in {@code a} not in {@code b}. */
    static List<long[]> minus(List<long[]> a, List<long[]> b) {
        List<long[]> cut = union(b);
        List<long[]> out = new ArrayList<>();
        for (long[] s : union(a)) {
            long from = s[0];
            for (long[] c : cut) {
                if (c[1] <= from || c[0] >= s[1]) {
                    continue;
                }
                if (c[0] > from) {
                    out.add(new long[] {from, c[0]});
                }
                from = Math.max(from, c[1]);
            }
            if (from < s[1]) {
                out.add(new long[] {from, s[1]});
            }
        }
        return out;
    }

    static long measure(List<long[]> disjoint) {
        long sum = 0;
        for (long[] s : disjoint) {
            sum += s[1] - s[0];
        }
        return sum;
    }
}
