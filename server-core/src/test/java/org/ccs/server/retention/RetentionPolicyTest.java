package org.ccs.server.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    void daysAreBetweenOneAndTenYears() {
        RetentionPolicy policy = new RetentionPolicy(RetentionCategory.TRANSCRIPT, 365);
        assertThrows(IllegalArgumentException.class, () -> policy.changeDays(3654, "manager", NOW));
        assertThrows(IllegalArgumentException.class, () -> policy.changeDays(0, "manager", NOW));
        policy.changeDays(3653, "manager", NOW);
        assertEquals(3653, policy.days());
        assertEquals("manager", policy.updatedBy());
        assertEquals(Instant.parse("2026-01-05T10:00:00Z"), new RetentionPolicy(RetentionCategory.AUDIT_TRAIL, 10).purgeBefore(NOW));
    }

    @Test
    void legalHoldIsReleasedOnce() {
        LegalHold hold = LegalHold.onCustomer("CASE-1", 7L, "dpo", NOW);
        assertTrue(hold.isActive());
        hold.release("dpo", NOW.plusSeconds(60));
        assertFalse(hold.isActive());
        assertThrows(IllegalStateException.class, () -> hold.release("dpo", NOW.plusSeconds(120)));
    }
}
