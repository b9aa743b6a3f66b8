package org.ccs.server.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A department of the site; groups and agents may belong to one. */
@Entity
@Table(name = "department")
@NamedQuery(name = Department.ALL, query = "select d from Department d order by d.name")
public class Department {

    public static final String ALL = "Department.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = 100, unique = true)
    private String name;

    protected Department() {
        // for JPA
    }

    public Department(String name) {
        this.name = Names.require(name, "department name", 100);
    }

    /** Gives the department a new name. */
    public void rename(String newName) {
        this.name = Names.require(newName, "department name", 100);
    }

    public Long id() { return id; }
    public String name() { return name; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Department other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return Department.class.hashCode();
    }
}
