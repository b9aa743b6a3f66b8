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
import java.util.UUID;

/**
 * An agent of the contact center. First and last name are optional; the pseudonym is stable and
 * stands for the agent in reports after the person has been erased.
 */
@Entity
@Table(name = "agent")
@NamedQuery(name = Agent.BY_LOGIN, query = "select a from Agent a where a.loginName = :login")
@NamedQuery(name = Agent.BY_EXTENSION, query = "select a from Agent a where a.extension = :extension")
@NamedQuery(name = Agent.WITH_EXTENSION, query = "select a from Agent a where a.extension is not null order by a.extension")
public class Agent {

    public static final String BY_LOGIN = "Agent.byLogin";
    public static final String BY_EXTENSION = "Agent.byExtension";
    public static final String WITH_EXTENSION = "Agent.withExtension";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "login_name", nullable = false, length = 64, unique = true)
    private String loginName;

    @Column(name = "first_name", length = 100)
    private String firstName;

    @Column(name = "last_name", length = 100)
    private String lastName;

    /** The CSTA device of the agent's phone. */
    @Column(name = "extension", length = 32, unique = true)
    private String extension;

    @Column(name = "department_id")
    private Long departmentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 24)
    private AgentState state;

    @Column(name = "state_since", nullable = false)
    private Instant stateSince;

    @Column(name = "pseudonym", nullable = false, length = 64, unique = true, updatable = false)
    private String pseudonym;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Agent() {
        // for JPA
    }

    public Agent(String loginName, String firstName, String lastName, String extension, Instant now) {
        if (loginName == null || loginName.isBlank()) {
            throw new IllegalArgumentException("login name is required");
        }
        this.loginName = loginName;
        this.firstName = blankToNull(firstName);
        this.lastName = blankToNull(lastName);
        this.extension = blankToNull(extension);
        this.createdAt = Objects.requireNonNull(now, "creation time is required");
        this.state = AgentState.LOGGED_OFF;
        this.stateSince = now;
        this.pseudonym = "agent-" + UUID.randomUUID();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Records a new ACD state; returns false when the agent already was in it. */
    public boolean changeState(AgentState newState, Instant at) {
        Objects.requireNonNull(newState, "state is required");
        Objects.requireNonNull(at, "time is required");
        if (newState == state) {
            return false;
        }
        state = newState;
        stateSince = at;
        return true;
    }

    /** First and last name when given, otherwise the login name. */
    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? loginName : name;
    }

    public Long id() { return id; }
    public String loginName() { return loginName; }
    public String firstName() { return firstName; }
    public String lastName() { return lastName; }
    public String extension() { return extension; }
    public Long departmentId() { return departmentId; }
    public AgentState state() { return state; }
    public Instant stateSince() { return stateSince; }
    public String pseudonym() { return pseudonym; }
    public Instant createdAt() { return createdAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Agent other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return Agent.class.hashCode();
    }
}
