package org.ccs.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tables, views and indexes that a set of SQL scripts leaves behind, as read by
 * {@link SqlSchemaReader}. Names are lower case (as both databases fold unquoted identifiers).
 */
public final class SqlSchema {

    /** A column: its name, its type as written (upper case, normalised spacing), and whether it takes NULL. */
    public record Column(String name, String type, boolean nullable, boolean unique, String defaultValue,
                         String source, int line) {
        public Column {
            Objects.requireNonNull(name, "column name is required");
            Objects.requireNonNull(type, "column type is required");
        }

        /** The first word of the type: {@code VARCHAR}, {@code DATETIME}, {@code BIGSERIAL}, ... */
        public String baseType() {
            int end = 0;
            while (end < type.length() && (Character.isLetterOrDigit(type.charAt(end)) || type.charAt(end) == '_')) {
                end++;
            }
            return type.substring(0, end);
        }

        /** The first number in parentheses ({@code VARCHAR(64)} gives 64), or -1. */
        public int length() {
            int open = type.indexOf('(');
            if (open < 0) {
                return -1;
            }
            int end = open + 1;
            while (end < type.length() && Character.isDigit(type.charAt(end))) {
                end++;
            }
            return end == open + 1 ? -1 : Integer.parseInt(type.substring(open + 1, end));
        }

        Column withNullable(boolean value) {
            return new Column(name, type, value, unique, defaultValue, source, line);
        }

        Column withType(String value) {
            return new Column(name, value, nullable, unique, defaultValue, source, line);
        }

        Column withName(String value) {
            return new Column(value, type, nullable, unique, defaultValue, source, line);
        }

        Column withUnique(boolean value) {
            return new Column(name, type, nullable, value, defaultValue, source, line);
        }
    }

    /** A foreign key; {@code refColumns} is empty when the script lets it default to the primary key. */
    public record ForeignKey(List<String> columns, String refTable, List<String> refColumns, String onDelete) {
        public ForeignKey {
            columns = List.copyOf(columns);
            refColumns = List.copyOf(refColumns);
        }
    }

    /** An index created by CREATE [UNIQUE] INDEX. */
    /**
     * An index; a functional key is one entry {@code fn(col,...)} in {@link #columns()}, see
     * {@link #functionOf(String)} and {@link #argumentsOf(String)}.
     */
    public record Index(String name, String table, List<String> columns, boolean unique, String source, int line) {
        public Index {
            columns = List.copyOf(columns);
        }

        /** The function of a functional key {@code fn(a,b)}, or null for a plain column. */
        public static String functionOf(String key) {
            int open = key.indexOf('(');
            return open < 0 ? null : key.substring(0, open);
        }

        /** The column arguments of a functional key, or the key itself for a plain column. */
        public static List<String> argumentsOf(String key) {
            int open = key.indexOf('(');
            if (open < 0) {
                return List.of(key);
            }
            String inner = key.substring(open + 1, key.length() - 1);
            return inner.isEmpty() ? List.of() : List.of(inner.split(","));
        }
    }

    /** A table with its columns in declaration order and its key constraints. */
    public static final class Table {
        private final String name;
        private final String source;
        private final int line;
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private final List<String> primaryKey = new ArrayList<>();
        private final List<List<String>> uniqueKeys = new ArrayList<>();
        private final List<ForeignKey> foreignKeys = new ArrayList<>();

        Table(String name, String source, int line) {
            this.name = Objects.requireNonNull(name, "table name is required");
            this.source = source;
            this.line = line;
        }

        public String name() {
            return name;
        }

        /** The script file that created the table (null when read from a string). */
        public String source() {
            return source;
        }

        public int line() {
            return line;
        }

        /** Columns by lower-case name, in declaration order. */
        public Map<String, Column> columns() {
            return Collections.unmodifiableMap(columns);
        }

        public Optional<Column> column(String columnName) {
            return Optional.ofNullable(columns.get(columnName.toLowerCase(Locale.ROOT)));
        }

        public Set<String> columnNames() {
            return Collections.unmodifiableSet(columns.keySet());
        }

        public List<String> primaryKey() {
            return Collections.unmodifiableList(primaryKey);
        }

        /** UNIQUE constraints, column-level ones as single-column lists. */
        public List<List<String>> uniqueKeys() {
            return Collections.unmodifiableList(uniqueKeys);
        }

        public List<ForeignKey> foreignKeys() {
            return Collections.unmodifiableList(foreignKeys);
        }

        void addColumn(Column column) {
            columns.put(column.name(), column);
        }

        void replaceColumn(String oldName, Column column) {
            Map<String, Column> copy = new LinkedHashMap<>(columns);
            columns.clear();
            copy.forEach((k, v) -> {
                if (k.equals(oldName)) {
                    columns.put(column.name(), column);
                } else {
                    columns.put(k, v);
                }
            });
        }

        void removeColumn(String columnName) {
            columns.remove(columnName);
        }

        void setPrimaryKey(List<String> cols) {
            primaryKey.clear();
            primaryKey.addAll(cols);
            for (String c : cols) {
                Column col = columns.get(c);
                if (col != null) {
                    columns.put(c, col.withNullable(false));
                }
            }
        }

        void addUnique(List<String> cols) {
            uniqueKeys.add(List.copyOf(cols));
        }

        void addForeignKey(ForeignKey fk) {
            foreignKeys.add(fk);
        }

        @Override
        public String toString() {
            return name + columns.keySet();
        }
    }

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Set<String> views = new LinkedHashSet<>();
    private final Map<String, Index> indexes = new LinkedHashMap<>();

    /** Tables by lower-case name, in creation order. */
    public Map<String, Table> tables() {
        return Collections.unmodifiableMap(tables);
    }

    public Set<String> tableNames() {
        return Collections.unmodifiableSet(tables.keySet());
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name.toLowerCase(Locale.ROOT)));
    }

    public Set<String> viewNames() {
        return Collections.unmodifiableSet(views);
    }

    public List<Index> indexes() {
        return List.copyOf(indexes.values());
    }

    Table createTable(String name, String source, int line) {
        Table t = new Table(name, source, line);
        tables.put(name, t);
        return t;
    }

    Table tableOrNull(String name) {
        return tables.get(name);
    }

    void dropTable(String name) {
        tables.remove(name);
        indexes.values().removeIf(i -> i.table().equals(name));
    }

    void renameTable(String from, String to) {
        Table old = tables.remove(from);
        if (old == null) {
            return;
        }
        Table renamed = new Table(to, old.source, old.line);
        old.columns.values().forEach(renamed::addColumn);
        renamed.primaryKey.addAll(old.primaryKey);
        renamed.uniqueKeys.addAll(old.uniqueKeys);
        renamed.foreignKeys.addAll(old.foreignKeys);
        tables.put(to, renamed);
    }

    void addView(String name) {
        views.add(name);
    }

    void dropView(String name) {
        views.remove(name);
    }

    void addIndex(Index index) {
        indexes.put(index.name(), index);
    }

    void dropIndex(String name) {
        indexes.remove(name);
    }
}
