package org.ccs.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Calls the GDPR procedures the way a client does on each database: {@code SELECT * FROM f(...)} on
 * PostgreSQL, {@code EXECUTE FUNCTION f(...)} on Informix (autocommit on: the Informix routines
 * open their own transaction). Result columns are read by name, as both dialects label them.
 */
final class GdprProcedures {

    /** One row of ccs_gdpr_find. */
    record Hit(String table, long rowId, Long contactId, String matchedBy, String eraseAction) {
        String key() {
            return table + "#" + rowId;
        }
    }

    /** One row of ccs_gdpr_export. */
    record Document(int seq, String table, long rowId, String json) {
    }

    /** One row of ccs_gdpr_erase / ccs_gdpr_erase_agent. */
    record Count(String table, String action, int rows, String note) {
    }

    private final Dialect dialect;

    GdprProcedures(Dialect dialect) {
        this.dialect = dialect;
    }

    private String call(String function, int parameters) {
        String args = String.join(", ", java.util.Collections.nCopies(parameters, "?"));
        return dialect == Dialect.INFORMIX ? "EXECUTE FUNCTION " + function + "(" + args + ")"
                : "SELECT * FROM " + function + "(" + args + ")";
    }

    List<Hit> find(Connection c, String subject, String requestRef) throws SQLException {
        List<Hit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(call("ccs_gdpr_find", 2))) {
            ps.setString(1, subject);
            setRef(ps, 2, requestRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long contact = rs.getLong("contact_id");
                    out.add(new Hit(rs.getString("table_name").strip(), rs.getLong("row_id"), rs.wasNull() ? null : contact,
                            rs.getString("matched_by").strip(), rs.getString("erase_action").strip()));
                }
            }
        }
        return out;
    }

    Set<String> findKeys(Connection c, String subject) throws SQLException {
        Set<String> keys = new TreeSet<>();
        for (Hit h : find(c, subject, null)) {
            keys.add(h.key());
        }
        return keys;
    }

    List<Document> export(Connection c, String subject, String requestRef) throws SQLException {
        List<Document> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(call("ccs_gdpr_export", 2))) {
            ps.setString(1, subject);
            setRef(ps, 2, requestRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Document(rs.getInt("seq"), rs.getString("table_name").strip(), rs.getLong("row_id"),
                            rs.getString("document")));
                }
            }
        }
        return out;
    }

    /** One row of ccs_gdpr_history. */
    record Run(String procedure, String requestRef, int rowsFound, int rowsErased, String matchedBy) {
    }

    List<Run> history(Connection c, String subject) throws SQLException {
        List<Run> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(call("ccs_gdpr_history", 1))) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ref = rs.getString("request_ref");
                    out.add(new Run(rs.getString("procedure_name").strip(), ref == null ? null : ref.strip(),
                            rs.getInt("rows_found"), rs.getInt("rows_erased"), rs.getString("matched_by").strip()));
                }
            }
        }
        return out;
    }

    List<Count> erase(Connection c, String subject, String requestRef, boolean dryRun) throws SQLException {
        return counts(c, "ccs_gdpr_erase", subject, requestRef, dryRun);
    }

    List<Count> eraseAgent(Connection c, String login, String requestRef, boolean dryRun) throws SQLException {
        return counts(c, "ccs_gdpr_erase_agent", login, requestRef, dryRun);
    }

    private List<Count> counts(Connection c, String function, String subject, String requestRef, boolean dryRun)
            throws SQLException {
        List<Count> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(call(function, 3))) {
            ps.setString(1, subject);
            setRef(ps, 2, requestRef);
            ps.setBoolean(3, dryRun);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Count(rs.getString("table_name").strip(), rs.getString("erase_action").strip(),
                            rs.getInt("row_count"), rs.getString("note")));
                }
            }
        }
        return out;
    }

    private static void setRef(PreparedStatement ps, int index, String requestRef) throws SQLException {
        if (requestRef == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, requestRef);
        }
    }
}
