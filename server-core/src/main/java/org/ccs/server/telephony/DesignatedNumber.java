package org.ccs.server.telephony;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * A contact center number on the PBX (routing point, ACD group or pilot number). Only calls that
 * arrive over one of these become contact records.
 */
@Entity
@Table(name = "designated_number")
@NamedQuery(name = DesignatedNumber.ACTIVE, query = "select d from DesignatedNumber d where d.active = true order by d.device")
public class DesignatedNumber {

    public static final String ACTIVE = "DesignatedNumber.active";

    /** What kind of contact center device the number is. */
    public enum Kind { ROUTING_POINT, ACD_GROUP, PILOT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "device", nullable = false, length = 64, unique = true)
    private String device;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private Kind kind;

    @Column(name = "label", length = 100)
    private String label;

    @Column(name = "group_id")
    private Long groupId;

    @Column(name = "active", nullable = false)
    private boolean active;

    protected DesignatedNumber() {
        // for JPA
    }

    public DesignatedNumber(String device, Kind kind, String label) {
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("device is required");
        }
        this.device = device.strip();
        this.kind = Objects.requireNonNull(kind, "kind is required");
        this.label = label;
        this.active = true;
    }

    public Long id() { return id; }
    public String device() { return device; }
    public Kind kind() { return kind; }
    public String label() { return label; }
    public Long groupId() { return groupId; }
    public boolean active() { return active; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof DesignatedNumber other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return DesignatedNumber.class.hashCode();
    }
}
