package org.ccs.server.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TeamVisibilityTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    void aLineShowsEitherAnAgentOrAGroup() {
        TeamVisibility agent = TeamVisibility.ofAgent(1L, 2L, NOW);
        assertEquals(2L, agent.visibleAgentId());
        assertNull(agent.visibleGroupId());
        TeamVisibility group = TeamVisibility.ofGroup(1L, 9L, NOW);
        assertNull(group.visibleAgentId());
        assertEquals(9L, group.visibleGroupId());
        assertThrows(IllegalArgumentException.class, () -> TeamVisibility.ofAgent(1L, 1L, NOW));
        assertThrows(NullPointerException.class, () -> TeamVisibility.ofGroup(1L, null, NOW));
    }

    @Test
    void speedListEntriesFromLdapKeepTheirDirectoryEntry() {
        SpeedListEntry e = SpeedListEntry.fromLdap(1L, "Reception", "+44 20 7946 0000", "442079460000",
                "cn=reception,ou=phones,dc=example,dc=com", 1, NOW);
        assertEquals(SpeedListEntry.Source.LDAP, e.source());
        assertThrows(IllegalArgumentException.class, () -> SpeedListEntry.manual(1L, " ", "+44 20 7946 0001", null, 1, NOW));
    }
}
