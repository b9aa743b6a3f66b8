package org.ccs.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole database as text: every row of every table of the current schema (PostgreSQL) or
 * every user table (Informix), every column read with {@code getString}, found through JDBC
 * metadata so that no table can be forgotten. Binary columns (Quartz's blobs) are left out.
 */
final class DatabaseDump {

    /** "table#id" (or "table#n" for tables without an id column) -> the row as "col=value|col=value". */
    final Map<String, String> rows = new TreeMap<>();

    private DatabaseDump() {
    }

    static DatabaseDump of(Connection c, boolean informix) throws SQLException {
        DatabaseDump dump = new DatabaseDump();
        for (String table : tables(c, informix)) {
            dump.table(c, table);
        }
        return dump;
    }

    private static List<String> tables(Connection c, boolean informix) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> out = new ArrayList<>();
        String schema = informix ? null : c.getSchema();
        try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").strip().toLowerCase(Locale.ROOT);
                if (informix && name.startsWith("sys")) {
                    continue;
                }
                out.add(name);
            }
        }
        if (!out.contains("contact_record")) {
            throw new IllegalStateException("the dump did not see the CCS tables: " + out);
        }
        return out;
    }

    private void table(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            int idColumn = 0;
            for (int i = 1; i <= md.getColumnCount(); i++) {
                if (md.getColumnName(i).equalsIgnoreCase("id")) {
                    idColumn = i;
                }
            }
            int n = 0;
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    int type = md.getColumnType(i);
                    if (type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY
                            || type == Types.LONGVARBINARY) {
                        continue;
                    }
                    row.append(md.getColumnName(i).toLowerCase(Locale.ROOT)).append('=').append(rs.getString(i)).append('|');
                }
                String key = table + "#" + (idColumn > 0 ? rs.getString(idColumn) : "n" + n++);
                rows.put(key, row.toString());
            }
        }
    }

    /** Rows whose text holds one of the needles (ignoring case): "table#id: needle". */
    List<String> occurrences(List<String> needles) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : rows.entrySet()) {
            String text = e.getValue().toLowerCase(Locale.ROOT);
            for (String needle : needles) {
                if (text.contains(needle.toLowerCase(Locale.ROOT))) {
                    out.add(e.getKey() + ": " + needle);
                }
            }
        }
        return out;
    }

    /** The rows of one table. */
    Map<String, String> table(String table) {
        Map<String, String> out = new TreeMap<>();
        rows.forEach((k, v) -> {
            if (k.startsWith(table + "#")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
