package org.ccs.server.gdpr;

import java.util.List;

/**
 * The outcome of an erasure: the counts per table and action, or, when the subject is under legal
 * hold, {@code refused} with the procedure's message (nothing was changed).
 */
public record GdprEraseResult(boolean dryRun, boolean refused, String message, List<GdprCount> counts) {

    public GdprEraseResult {
        counts = List.copyOf(counts);
    }

    /** Rows deleted, anonymised or blanked (or that would be, in a dry run). */
    public int rowsChanged() {
        return counts.stream().filter(c -> !c.action().equals("KEEP") && !c.action().equals("REFUSED"))
                .mapToInt(GdprCount::rows).sum();
    }
}
