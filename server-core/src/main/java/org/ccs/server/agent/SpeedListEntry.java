package org.ccs.server.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One number on an agent's own speed list, typed in by the agent or imported from LDAP (then
 * {@code externalRef} is the directory entry, so that a new import replaces it).
 */
@Entity
@Table(name = "speed_list_entry")
@NamedQuery(name = SpeedListEntry.OF_AGENT,
        query = "select e from SpeedListEntry e where e.agentId = :agentId order by e.sortOrder, e.displayName")
public class SpeedListEntry {

    public static final String OF_AGENT = "SpeedListEntry.ofAgent";

    /** Where the entry came from. */
    public enum Source { MANUAL, LDAP }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agent_id", nullable = false, updatable = false)
    private Long agentId;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(name = "phone_number", nullable = false, length = 64)
    private String phoneNumber;

    /** E.164 digits, when the number could be normalised. */
    @Column(name = "phone_number_norm", length = 32)
    private String phoneNumberNormalized;

    @Enumerated(EnumType.STRING)
    @Column(name = "source", nullable = false, length = 8, updatable = false)
    private Source source;

    @Column(name = "external_ref", length = 255, updatable = false)
    private String externalRef;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected SpeedListEntry() {
        // for JPA
    }

    private SpeedListEntry(Long agentId, String displayName, String phoneNumber, String phoneNumberNormalized,
                           Source source, String externalRef, int sortOrder, Instant createdAt) {
        this.agentId = Objects.requireNonNull(agentId, "agent is required");
        this.displayName = Names.require(displayName, "name", 100);
        this.phoneNumber = Names.require(phoneNumber, "phone number", 64);
        this.phoneNumberNormalized = Names.optional(phoneNumberNormalized, "normalised phone number", 32);
        this.source = Objects.requireNonNull(source, "source is required");
        this.externalRef = externalRef;
        this.sortOrder = sortOrder;
        this.createdAt = Objects.requireNonNull(createdAt, "creation time is required");
    }

    /** An entry the agent typed in. */
    public static SpeedListEntry manual(Long agentId, String displayName, String phoneNumber,
                                        String phoneNumberNormalized, int sortOrder, Instant now) {
        return new SpeedListEntry(agentId, displayName, phoneNumber, phoneNumberNormalized, Source.MANUAL, null,
                sortOrder, now);
    }

    /** An entry imported from the directory entry {@code directoryEntry} (its DN). */
    public static SpeedListEntry fromLdap(Long agentId, String displayName, String phoneNumber,
                                          String phoneNumberNormalized, String directoryEntry, int sortOrder, Instant now) {
        return new SpeedListEntry(agentId, displayName, phoneNumber, phoneNumberNormalized, Source.LDAP,
                Names.require(directoryEntry, "directory entry", 255), sortOrder, now);
    }

    /** Changes name and number (an LDAP import does this on a re-import). */
    public void correct(String newDisplayName, String newPhoneNumber, String newPhoneNumberNormalized) {
        this.displayName = Names.require(newDisplayName, "name", 100);
        this.phoneNumber = Names.require(newPhoneNumber, "phone number", 64);
        this.phoneNumberNormalized = Names.optional(newPhoneNumberNormalized, "normalised phone number", 32);
    }

    public void moveTo(int newSortOrder) {
        this.sortOrder = newSortOrder;
    }

    public Long id() { return id; }
    public Long agentId() { return agentId; }
    public String displayName() { return displayName; }
    public String phoneNumber() { return phoneNumber; }
    public String phoneNumberNormalized() { return phoneNumberNormalized; }
    public Source source() { return source; }
    public String externalRef() { return externalRef; }
    public int sortOrder() { return sortOrder; }
    public Instant createdAt() { return createdAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SpeedListEntry other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return SpeedListEntry.class.hashCode();
    }
}
