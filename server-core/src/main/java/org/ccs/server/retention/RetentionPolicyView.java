package org.ccs.server.retention;

import java.time.Instant;

/**
 * A retention period as the Manager shows it: the category, the days, the allowed range, and who last
 * changed it when (null while the installation default holds).
 */
public record RetentionPolicyView(RetentionCategory category, int days, int minDays, int maxDays, Instant updatedAt,
                                  String updatedBy) {

    static RetentionPolicyView of(RetentionPolicy p) {
        return new RetentionPolicyView(p.category(), p.days(), RetentionPolicy.MIN_DAYS, RetentionPolicy.MAX_DAYS,
                p.updatedAt(), p.updatedBy());
    }
}
