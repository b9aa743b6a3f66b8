package org.ccs.server.gdpr;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One run of a GDPR procedure (find, export, erase). Holds no personal data: the data subject is only
 * {@link #subjectHash()}, the hex HMAC-SHA-256 of the normalised identifier under the site secret, so
 * that repeated requests about one person can be matched without naming them. Written by the
 * procedures; read-only here.
 */
@Entity
@Table(name = "gdpr_request_log")
@NamedQuery(name = GdprRequestLogEntry.BY_SUBJECT,
        query = "select g from GdprRequestLogEntry g where g.subjectHash = :subjectHash order by g.executedAt")
@NamedQuery(name = GdprRequestLogEntry.LATEST,
        query = "select g from GdprRequestLogEntry g order by g.executedAt desc, g.id desc")
public class GdprRequestLogEntry {

    public static final String BY_SUBJECT = "GdprRequestLogEntry.bySubject";
    public static final String LATEST = "GdprRequestLogEntry.latest";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "subject_hash", nullable = false, length = 128, updatable = false)
    private String subjectHash;

    @Column(name = "procedure_name", nullable = false, length = 64, updatable = false)
    private String procedureName;

    /** The database user that ran the procedure. */
    @Column(name = "db_user", nullable = false, length = 64, updatable = false)
    private String dbUser;

    /** The request's ticket or case number, if given. */
    @Column(name = "request_ref", length = 64, updatable = false)
    private String requestRef;

    @Column(name = "rows_found", nullable = false, updatable = false)
    private int rowsFound;

    @Column(name = "rows_erased", nullable = false, updatable = false)
    private int rowsErased;

    /** Counts per table, e.g. {@code contact_record=3;transcript_message=12}. */
    @Column(name = "counts_detail", length = 255, updatable = false)
    private String countsDetail;

    @Column(name = "executed_at", nullable = false, updatable = false)
    private Instant executedAt;

    protected GdprRequestLogEntry() {
        // for JPA
    }

    public GdprRequestLogEntry(String subjectHash, String procedureName, String dbUser, String requestRef,
                               int rowsFound, int rowsErased, String countsDetail, Instant executedAt) {
        if (subjectHash == null || !subjectHash.matches("[0-9a-f]{16,128}")) {
            throw new IllegalArgumentException("subject hash is required (lower-case hex)");
        }
        this.subjectHash = subjectHash;
        this.procedureName = requireText(procedureName, "procedure name is required");
        this.dbUser = requireText(dbUser, "database user is required");
        this.requestRef = requestRef;
        if (rowsFound < 0 || rowsErased < 0) {
            throw new IllegalArgumentException("row counts cannot be negative");
        }
        this.rowsFound = rowsFound;
        this.rowsErased = rowsErased;
        this.countsDetail = countsDetail;
        this.executedAt = Objects.requireNonNull(executedAt, "execution time is required");
    }

    private static String requireText(String s, String message) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s;
    }

    public Long id() { return id; }
    public String subjectHash() { return subjectHash; }
    public String procedureName() { return procedureName; }
    public String dbUser() { return dbUser; }
    public String requestRef() { return requestRef; }
    public int rowsFound() { return rowsFound; }
    public int rowsErased() { return rowsErased; }
    public String countsDetail() { return countsDetail; }
    public Instant executedAt() { return executedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof GdprRequestLogEntry other && id != null && id.equals(other.id));
    }

    @Override
    public int hashCode() {
        return GdprRequestLogEntry.class.hashCode();
    }
}
