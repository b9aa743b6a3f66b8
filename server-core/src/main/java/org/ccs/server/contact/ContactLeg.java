package org.ccs.server.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** One stretch of a contact: queued, ringing at a device, talking, on hold, transferred or conferenced. */
@Entity
@Table(name = "contact_leg")
public class ContactLeg {

    /** Ids come from the table's sequence in blocks of 50 (V11), so that many rows go out as one JDBC batch. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_leg_id")
    @SequenceGenerator(name = "contact_leg_id", sequenceName = "contact_leg_id_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id", nullable = false, updatable = false)
    private ContactRecord contact;

    @Column(name = "leg_no", nullable = false, updatable = false)
    private int legNo;

    @Enumerated(EnumType.STRING)
    @Column(name = "leg_type", nullable = false, length = 12, updatable = false)
    private LegType legType;

    @Column(name = "device", nullable = false, length = 64, updatable = false)
    private String device;

    @Column(name = "agent_id", updatable = false)
    private Long agentId;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "ended_at", updatable = false)
    private Instant endedAt;

    protected ContactLeg() {
        // for JPA
    }

    ContactLeg(ContactRecord contact, int legNo, LegType legType, String device, Long agentId,
               Instant startedAt, Instant endedAt) {
        this.contact = Objects.requireNonNull(contact, "contact is required");
        this.legNo = legNo;
        this.legType = Objects.requireNonNull(legType, "leg type is required");
        this.device = Objects.requireNonNull(device, "device is required");
        this.agentId = agentId;
        this.startedAt = Objects.requireNonNull(startedAt, "leg start is required");
        this.endedAt = endedAt;
    }

    public Long id() { return id; }
    public int legNo() { return legNo; }
    public LegType legType() { return legType; }
    public String device() { return device; }
    public Long agentId() { return agentId; }
    public Instant startedAt() { return startedAt; }
    public Instant endedAt() { return endedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ContactLeg other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return ContactLeg.class.hashCode();
    }
}
