package org.ccs.csta;

import java.util.concurrent.atomic.AtomicLong;

/** Link counters for health and metrics. Thread-safe; one instance per link (or simulator). */
public final class CstaCounters {

    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private final AtomicLong badFrames = new AtomicLong();
    private final AtomicLong unknownMessages = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong resynchronisations = new AtomicLong();
    private final AtomicLong callsClosedByResync = new AtomicLong();

    /** An immutable copy of the counters at one moment. */
    public record Snapshot(long framesIn, long framesOut, long badFrames, long unknownMessages, long reconnects,
                           long resynchronisations, long callsClosedByResync) {
    }

    public void frameIn() { framesIn.incrementAndGet(); }

    public void frameOut() { framesOut.incrementAndGet(); }

    public void badFrame() { badFrames.incrementAndGet(); }

    public void unknownMessage() { unknownMessages.incrementAndGet(); }

    public void reconnect() { reconnects.incrementAndGet(); }

    /** A session start-up finished its snapshots and resynchronised the calls in progress. */
    public void resynchronised(int callsClosed) {
        resynchronisations.incrementAndGet();
        callsClosedByResync.addAndGet(callsClosed);
    }

    /** Well-formed frames received (known or not). */
    public long framesIn() { return framesIn.get(); }

    public long framesOut() { return framesOut.get(); }

    /** Frames dropped as malformed (header, invoke id, encoding or XML), and resynchronisations. */
    public long badFrames() { return badFrames.get(); }

    /** Well-formed messages whose root element this adapter does not handle (ignored). */
    public long unknownMessages() { return unknownMessages.get(); }

    public long reconnects() { return reconnects.get(); }

    /** Session start-ups that ended with SnapshotDevice on every monitored device. */
    public long resynchronisations() { return resynchronisations.get(); }

    /** Calls closed (and flagged) because they ended while the link was down. */
    public long callsClosedByResync() { return callsClosedByResync.get(); }

    public Snapshot snapshot() {
        return new Snapshot(framesIn(), framesOut(), badFrames(), unknownMessages(), reconnects(),
                resynchronisations(), callsClosedByResync());
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
