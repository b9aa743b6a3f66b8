package org.ccs.server.gdpr;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.ccs.server.common.Settings;
import org.ccs.server.security.AuditEntry;

/**
 * Data-subject requests for the Manager: runs the GDPR procedures of db-scripts (the same a DBA runs
 * in psql or dbaccess; no rule is implemented twice) and writes one audit entry per call, with its
 * outcome, whatever happens.
 *
 * <p>The application's own datasource logs in as a member of {@code ccs_app}, which may not execute
 * the procedures. They are called through a second datasource whose login is a member of
 * {@code ccs_gdpr}, configured by the site ({@code server-ear/src/main/wildfly/cli/datasource-gdpr.cli},
 * JNDI name {@value #DEFAULT_DATASOURCE}, or the setting {@code ccs.gdpr.datasource}). Without it the
 * calls answer {@link GdprUnavailableException}; the rest of the server is unaffected. The calls run
 * outside any JTA transaction with autocommit on: the procedures are one transaction each (on
 * Informix they begin and commit it themselves).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GdprService {

    /** The JNDI name of the GDPR datasource unless {@code ccs.gdpr.datasource} says otherwise. */
    public static final String DEFAULT_DATASOURCE = "java:jboss/datasources/CcsGdprDS";

    private static final Logger LOG = Logger.getLogger(GdprService.class.getName());

    @Inject
    GdprAudit audit;

    /** Set by tests; otherwise looked up at each call, so that a site can add the datasource at run time. */
    DataSource dataSource;

    /** Every row about the subject, with what erasure would do with it. */
    public List<GdprHit> find(List<SubjectIdentifier> identifiers, String requestRef, GdprActor actor) {
        return run(actor, "gdpr.find", requestRef, c -> {
            List<GdprHit> hits = procedures(c).find(c, SubjectIdentifier.subject(identifiers), requestRef);
            return new Outcome<>(hits, AuditEntry.Outcome.SUCCESS, "rows=" + hits.size() + " " + countsOf(hits));
        });
    }

    /** The same rows as JSON objects, one per row (Art. 15 access, Art. 20 portability). */
    public List<GdprDocument> export(List<SubjectIdentifier> identifiers, String requestRef, GdprActor actor) {
        return run(actor, "gdpr.export", requestRef, c -> {
            List<GdprDocument> docs = procedures(c).export(c, SubjectIdentifier.subject(identifiers), requestRef);
            return new Outcome<>(docs, AuditEntry.Outcome.SUCCESS, "documents=" + docs.size());
        });
    }

    /** Erases (or with {@code dryRun} only counts) everything about the subject; refused under legal hold. */
    public GdprEraseResult erase(List<SubjectIdentifier> identifiers, String requestRef, boolean dryRun, GdprActor actor) {
        return run(actor, dryRun ? "gdpr.erase.dry_run" : "gdpr.erase", requestRef,
                c -> eraseOutcome(procedures(c).erase(c, SubjectIdentifier.subject(identifiers), requestRef, dryRun), dryRun));
    }

    /** Erases (or counts) an employee: the user goes, the agent keeps its stable pseudonym. */
    public GdprEraseResult eraseAgent(String login, String requestRef, boolean dryRun, GdprActor actor) {
        return run(actor, dryRun ? "gdpr.erase_agent.dry_run" : "gdpr.erase_agent", requestRef,
                c -> eraseOutcome(procedures(c).eraseAgent(c,
                        new SubjectIdentifier(SubjectIdentifier.Type.AGENT, login).value(), requestRef, dryRun), dryRun));
    }

    private static Outcome<GdprEraseResult> eraseOutcome(List<GdprCount> counts, boolean dryRun) {
        GdprCount refusal = counts.stream().filter(n -> n.action().equals("REFUSED")).findFirst().orElse(null);
        if (refusal != null) {
            return new Outcome<>(new GdprEraseResult(dryRun, true, refusal.note(), counts), AuditEntry.Outcome.DENIED,
                    "refused: legal hold");
        }
        GdprEraseResult result = new GdprEraseResult(dryRun, false, null, counts);
        return new Outcome<>(result, AuditEntry.Outcome.SUCCESS, "rows=" + result.rowsChanged() + " "
                + counts.stream().map(n -> n.table() + ":" + n.action() + "=" + n.rows()).collect(Collectors.joining(";")));
    }

    private static String countsOf(List<GdprHit> hits) {
        return hits.stream().collect(Collectors.groupingBy(GdprHit::table, java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    private record Outcome<T>(T value, AuditEntry.Outcome outcome, String detail) {
    }

    @FunctionalInterface
    private interface Call<T> {
        Outcome<T> on(Connection c) throws SQLException;
    }

    private <T> T run(GdprActor actor, String action, String requestRef, Call<T> call) {
        java.util.Objects.requireNonNull(actor, "actor is required");
        String ref = requestRef == null || requestRef.isBlank() ? null : requestRef.strip();
        if (ref != null && !ref.matches("[A-Za-z0-9._/#:-]{1,64}")) {
            // the reference goes into the audit trail: a case number, never a name or an address
            audit.record(actor, action, null, AuditEntry.Outcome.FAILED, "request reference not valid");
            throw new GdprRequestException("requestRef is a case number (up to 64 letters, digits and . _ / # : -)");
        }
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(true);
            Outcome<T> outcome = call.on(c);
            audit.record(actor, action, ref, outcome.outcome(), outcome.detail());
            return outcome.value();
        } catch (SQLException e) {
            if (GdprProcedures.isRequestError(e)) {
                audit.record(actor, action, ref, AuditEntry.Outcome.FAILED, "refused by the procedure: request not valid");
                throw new GdprRequestException(GdprProcedures.message(e));
            }
            audit.record(actor, action, ref, AuditEntry.Outcome.FAILED, "database error " + e.getSQLState());
            if (GdprProcedures.isMissingSecret(e)) {
                throw new GdprUnavailableException("the site has no active GDPR secret yet (see docs/dba-gdpr.md)", e);
            }
            if ("42501".equals(e.getSQLState())) {
                LOG.warning("the GDPR datasource's login may not execute the GDPR procedures: make it a member of ccs_gdpr");
                throw new GdprUnavailableException("the GDPR datasource's login is not a member of ccs_gdpr", e);
            }
            // SQL state and error code only: the message may quote the request
            LOG.log(Level.WARNING, "GDPR procedure for {0} failed: SQL state {1}, error {2}",
                    new Object[] {action, e.getSQLState(), e.getErrorCode()});
            throw new GdprUnavailableException("the GDPR procedures failed or the database does not answer", e);
        } catch (GdprUnavailableException e) {
            audit.record(actor, action, ref, AuditEntry.Outcome.FAILED, "GDPR datasource unavailable");
            throw e;
        } catch (GdprRequestException e) {
            audit.record(actor, action, ref, AuditEntry.Outcome.FAILED, "request not valid");
            throw e;
        }
    }

    private static GdprProcedures procedures(Connection c) throws SQLException {
        return GdprProcedures.of(c);
    }

    private DataSource dataSource() {
        if (dataSource != null) {
            return dataSource;
        }
        String name = Settings.get("ccs.gdpr.datasource", DEFAULT_DATASOURCE);
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new GdprUnavailableException("the GDPR datasource " + name + " is not configured"
                    + " (server-ear/src/main/wildfly/cli/datasource-gdpr.cli)", e);
        }
    }
}
