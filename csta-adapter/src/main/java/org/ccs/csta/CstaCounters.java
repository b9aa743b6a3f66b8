package org.ccs.csta;

import java.util.concurrent.atomic.AtomicLong;

/** Link counters for health and metrics. Thread-safe; one instance per link (or simulator). */
public final class CstaCounters {

    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private final AtomicLong badFrames = new AtomicLong();
    private final AtomicLong unknownMessages = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    /** An immutable copy of the counters at one moment. */
    public record Snapshot(long framesIn, long framesOut, long badFrames, long unknownMessages, long reconnects) {
    }

    public void frameIn() { framesIn.incrementAndGet(); }

    public void frameOut() { framesOut.incrementAndGet(); }

    public void badFrame() { badFrames.incrementAndGet(); }

    public void unknownMessage() { unknownMessages.incrementAndGet(); }

    public void reconnect() { reconnects.incrementAndGet(); }

    /** Well-formed frames received (known or not). */
    public long framesIn() { return framesIn.get(); }

    public long framesOut() { return framesOut.get(); }

    /** Frames dropped as malformed (header, invoke id, encoding or XML), and resynchronisations. */
    public long badFrames() { return badFrames.get(); }

    /** Well-formed messages whose root element this adapter does not handle (ignored). */
    public long unknownMessages() { return unknownMessages.get(); }

    public long reconnects() { return reconnects.get(); }

    public Snapshot snapshot() {
        return new Snapshot(framesIn(), framesOut(), badFrames(), unknownMessages(), reconnects());
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
