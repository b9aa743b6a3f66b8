package org.ccs.server.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A group of agents (a skill or ACD group). Designated numbers, mailboxes and chat entry points route
 * to a group; supervisors look after groups; the team list can show a whole group.
 */
@Entity
@Table(name = "agent_group")
@NamedQuery(name = AgentGroup.ALL, query = "select g from AgentGroup g order by g.name")
public class AgentGroup {

    public static final String ALL = "AgentGroup.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 100, unique = true)
    private String name;

    @Column(name = "department_id")
    private Long departmentId;

    protected AgentGroup() {
        // for JPA
    }

    public AgentGroup(String name, Long departmentId) {
        this.name = Names.require(name, "group name", 100);
        this.departmentId = departmentId;
    }

    public void rename(String newName) {
        this.name = Names.require(newName, "group name", 100);
    }

    /** Moves the group to a department, or out of any with null. */
    public void moveToDepartment(Long newDepartmentId) {
        this.departmentId = newDepartmentId;
    }

    public Long id() { return id; }
    public String name() { return name; }
    public Long departmentId() { return departmentId; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AgentGroup other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return AgentGroup.class.hashCode();
    }
}
