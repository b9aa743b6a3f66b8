package org.ccs.server.gdpr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The JDBC calls of the GDPR procedures of db-scripts V8, exactly as a client runs them: on
 * PostgreSQL {@code SELECT * FROM ccs_gdpr_find(?, ?)}, on Informix {@code EXECUTE FUNCTION
 * ccs_gdpr_find(?, ?)} (with autocommit on: the Informix routines begin and commit their own
 * transaction). No rule of the procedures is repeated here.
 */
final class GdprProcedures {

    private final boolean informix;

    private GdprProcedures(boolean informix) {
        this.informix = informix;
    }

    /** The calls for the database behind {@code c} (Informix or, otherwise, PostgreSQL). */
    static GdprProcedures of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        return new GdprProcedures(product != null && product.toLowerCase(Locale.ROOT).contains("informix"));
    }

    boolean informix() {
        return informix;
    }

    private String call(String function, int parameters) {
        String args = String.join(", ", Collections.nCopies(parameters, "?"));
        return informix ? "EXECUTE FUNCTION " + function + "(" + args + ")" : "SELECT * FROM " + function + "(" + args + ")";
    }

    List<GdprHit> find(Connection c, String subject, String requestRef) throws SQLException {
        List<GdprHit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(call("ccs_gdpr_find", 2))) {
            ps.setString(1, subject);
            setNullable(ps, 2, requestRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long contact = rs.getLong("contact_id");
                    Long contactId = rs.wasNull() ? null : contact;
                    out.add(new GdprHit(strip(rs.getString("table_name")), rs.getLong("row_id"), contactId,
                            strip(rs.getString("matched_by")), strip(rs.getString("erase_action"))));
                }
            }
        }
        return out;
    }

    List<GdprDocument> export(Connection c, String subject, String requestRef) throws SQLException {
        List<GdprDocument> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(call("ccs_gdpr_export", 2))) {
            ps.setString(1, subject);
            setNullable(ps, 2, requestRef);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GdprDocument(rs.getInt("seq"), strip(rs.getString("table_name")), rs.getLong("row_id"),
                            rs.getString("document")));
                }
            }
        }
        return out;
    }

    List<GdprCount> erase(Connection c, String subject, String requestRef, boolean dryRun) throws SQLException {
        return counts(c, "ccs_gdpr_erase", subject, requestRef, dryRun);
    }

    List<GdprCount> eraseAgent(Connection c, String login, String requestRef, boolean dryRun) throws SQLException {
        return counts(c, "ccs_gdpr_erase_agent", login, requestRef, dryRun);
    }

    private List<GdprCount> counts(Connection c, String function, String subject, String requestRef, boolean dryRun)
            throws SQLException {
        List<GdprCount> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(call(function, 3))) {
            ps.setString(1, subject);
            setNullable(ps, 2, requestRef);
            ps.setBoolean(3, dryRun);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new GdprCount(strip(rs.getString("table_name")), strip(rs.getString("erase_action")),
                            rs.getInt("row_count"), strip(rs.getString("note"))));
                }
            }
        }
        return out;
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    /**
     * True when the database refused the request as the procedures' own validation does
     * (PostgreSQL: invalid_parameter_value 22023, no_data_found P0002; Informix: -746 raised by SPL).
     */
    static boolean isRequestError(SQLException e) {
        String state = e.getSQLState();
        return "22023".equals(state) || "P0002".equals(state) || e.getErrorCode() == -746;
    }

    /** True when the site has no active GDPR secret (PostgreSQL 55000; Informix: the SPL message). */
    static boolean isMissingSecret(SQLException e) {
        return "55000".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("no active GDPR site secret");
    }

    /** The procedure's own message: the first line, without the driver's "ERROR: " prefix. */
    static String message(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        return m.startsWith("ERROR: ") ? m.substring("ERROR: ".length()).strip() : m.strip();
    }
}
