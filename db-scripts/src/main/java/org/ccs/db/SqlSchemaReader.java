package org.ccs.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ccs.db.SqlTokenizer.Kind;
import org.ccs.db.SqlTokenizer.Statement;
import org.ccs.db.SqlTokenizer.Token;

/**
 * Reads the schema that SQL scripts build: CREATE TABLE (columns, types, nullability, keys), ALTER
 * TABLE (add/drop/modify/rename columns, add constraints), CREATE/DROP VIEW and INDEX, DROP TABLE.
 * Other statements (grants, triggers, routines, DML) are skipped. Works on the PostgreSQL and
 * Informix scripts of this module and on Hibernate's generated DDL; it is a reader of the subset of
 * DDL these use, not a validating parser.
 */
public final class SqlSchemaReader {

    /** Words that end a column's type and start its constraints. */
    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("NOT", "NULL", "PRIMARY", "UNIQUE", "DISTINCT",
            "REFERENCES", "CHECK", "DEFAULT", "CONSTRAINT", "GENERATED", "COLLATE");
    /** Words that start a table-level constraint inside CREATE TABLE. */
    private static final Set<String> TABLE_CONSTRAINT_WORDS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "DISTINCT",
            "FOREIGN", "CHECK", "EXCLUDE");
    private static final Pattern MIGRATION_VERSION = Pattern.compile("^V(\\d+(?:[._]\\d+)*)__.*\\.sql$");

    private final SqlSchema schema;
    private String source;

    private SqlSchemaReader(SqlSchema schema) {
        this.schema = schema;
    }

    /** The schema built by one script. {@code splRoutines}: true for Informix (see {@link SqlTokenizer}). */
    public static SqlSchema read(String sql, boolean splRoutines) {
        SqlSchema schema = new SqlSchema();
        new SqlSchemaReader(schema).apply(sql, splRoutines, null);
        return schema;
    }

    /** The schema built by the Flyway scripts {@code V<n>__*.sql} of {@code dir}, applied in version order. */
    public static SqlSchema readMigrations(Path dir, Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect is required");
        SqlSchema schema = new SqlSchema();
        SqlSchemaReader reader = new SqlSchemaReader(schema);
        for (Path file : migrationFiles(dir)) {
            try {
                reader.apply(Files.readString(file, StandardCharsets.UTF_8), dialect == Dialect.INFORMIX,
                        file.getFileName().toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return schema;
    }

    /**
     * The schema built by the migrations of {@code dialect} as found on the class path of {@code loader}
     * (db-scripts' {@code target/classes} folder or its jar): what a module that depends on db-scripts
     * checks its mappings against.
     */
    public static SqlSchema readMigrations(Dialect dialect, ClassLoader loader) {
        Objects.requireNonNull(dialect, "dialect is required");
        URL url = Objects.requireNonNull(loader, "class loader is required").getResource(dialect.resourcePath());
        if (url == null) {
            throw new IllegalStateException(dialect.resourcePath() + " is not on the class path: is db-scripts a dependency?");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return readMigrations(jar.getPath(dialect.resourcePath()), dialect);
                }
            }
            return readMigrations(Path.of(uri), dialect);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** The versioned migration files {@code V<n>__*.sql} of {@code dir}, in Flyway's version order. */
    public static List<Path> migrationFiles(Path dir) {
        Objects.requireNonNull(dir, "directory is required");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> MIGRATION_VERSION.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(f -> version(f.getFileName().toString()), SqlSchemaReader::compareVersions))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The version of a migration file name, e.g. {@code 1.2} for {@code V1_2__x.sql}. */
    public static String version(String fileName) {
        Matcher m = MIGRATION_VERSION.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a versioned migration file name: " + fileName);
        }
        return m.group(1).replace('_', '.');
    }

    private static int compareVersions(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            long x = i < pa.length ? Long.parseLong(pa[i]) : 0;
            long y = i < pb.length ? Long.parseLong(pb[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    private void apply(String sql, boolean splRoutines, String sourceName) {
        this.source = sourceName;
        for (Statement st : SqlTokenizer.statements(sql, splRoutines)) {
            try {
                statement(st);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("cannot read statement at line " + st.line()
                        + (sourceName == null ? "" : " of " + sourceName) + ": " + st.text(), e);
            }
        }
    }

    private void statement(Statement st) {
        List<Token> t = st.tokens();
        if (t.isEmpty()) {
            return;
        }
        if (t.get(0).is("CREATE")) {
            int i = 1;
            if (t.get(i).is("OR") && t.get(i + 1).is("REPLACE")) {
                i += 2;
            }
            boolean temporary = false;
            boolean unique = false;
            while (i < t.size() && (t.get(i).is("GLOBAL") || t.get(i).is("LOCAL") || t.get(i).is("TEMP")
                    || t.get(i).is("TEMPORARY") || t.get(i).is("UNLOGGED") || t.get(i).is("RAW")
                    || t.get(i).is("STANDARD") || t.get(i).is("UNIQUE") || t.get(i).is("DISTINCT")
                    || t.get(i).is("CLUSTER"))) {
                temporary |= t.get(i).is("TEMP") || t.get(i).is("TEMPORARY");
                unique |= t.get(i).is("UNIQUE") || t.get(i).is("DISTINCT");
                i++;
            }
            if (t.get(i).is("TABLE") && !temporary) {
                createTable(t, i + 1, st.line());
            } else if (t.get(i).is("VIEW")) {
                int n = skipIfNotExists(t, i + 1);
                schema.addView(name(t, n).name);
            } else if (t.get(i).is("INDEX")) {
                createIndex(t, skipIfNotExists(t, i + 1), unique, st.line());
            }
        } else if (t.get(0).is("ALTER") && t.get(1).is("TABLE")) {
            alterTable(t);
        } else if (t.get(0).is("DROP") && t.size() > 2) {
            int n = 2;
            if (t.get(n).is("IF") && t.get(n + 1).is("EXISTS")) {
                n += 2;
            }
            if (t.get(1).is("TABLE")) {
                for (List<Token> part : splitTopLevel(t, n, t.size())) {
                    schema.dropTable(name(part, 0).name);
                }
            } else if (t.get(1).is("VIEW")) {
                schema.dropView(name(t, n).name);
            } else if (t.get(1).is("INDEX")) {
                schema.dropIndex(name(t, n).name);
            }
        } else if (t.get(0).is("RENAME") && t.size() >= 4) {
            rename(t);
        }
    }

    // CREATE TABLE [IF NOT EXISTS] name ( element, ... ) ...
    private void createTable(List<Token> t, int i, int line) {
        i = skipIfNotExists(t, i);
        Name name = name(t, i);
        i = name.next;
        if (i >= t.size() || !t.get(i).isSymbol("(")) {
            return; // CREATE TABLE ... AS SELECT, OF type, PARTITION OF: nothing to read
        }
        int close = matching(t, i);
        SqlSchema.Table table = schema.createTable(name.name, source, line);
        List<List<Token>> elements = splitTopLevel(t, i + 1, close);
        for (List<Token> e : elements) {
            if (!e.isEmpty() && !TABLE_CONSTRAINT_WORDS.contains(e.get(0).upper()) && !e.get(0).is("LIKE")) {
                table.addColumn(column(e, table));
            }
        }
        for (List<Token> e : elements) {
            if (!e.isEmpty() && TABLE_CONSTRAINT_WORDS.contains(e.get(0).upper())) {
                tableConstraint(e, 0, table);
            }
        }
    }

    private SqlSchema.Column column(List<Token> e, SqlSchema.Table table) {
        String colName = e.get(0).identifier();
        int i = 1;
        StringBuilder type = new StringBuilder();
        int depth = 0;
        while (i < e.size() && (depth > 0 || !COLUMN_CONSTRAINT_WORDS.contains(e.get(i).upper()))) {
            Token tok = e.get(i);
            if (tok.isSymbol("(")) {
                depth++;
            } else if (tok.isSymbol(")")) {
                depth--;
            }
            appendTypeToken(type, tok);
            i++;
        }
        boolean nullable = true;
        boolean unique = false;
        String defaultValue = null;
        while (i < e.size()) {
            Token tok = e.get(i);
            if (tok.is("NOT") && i + 1 < e.size() && e.get(i + 1).is("NULL")) {
                nullable = false;
                i += 2;
            } else if (tok.is("PRIMARY")) {
                nullable = false;
                table.setPrimaryKey(List.of(colName));
                i += 2;
            } else if (tok.is("UNIQUE") || tok.is("DISTINCT")) {
                unique = true;
                table.addUnique(List.of(colName));
                i++;
            } else if (tok.is("REFERENCES")) {
                Name ref = name(e, i + 1);
                i = ref.next;
                List<String> refCols = List.of();
                if (i < e.size() && e.get(i).isSymbol("(")) {
                    int close = matching(e, i);
                    refCols = identifiers(e, i + 1, close);
                    i = close + 1;
                }
                String onDelete = null;
                if (i + 2 < e.size() && e.get(i).is("ON") && e.get(i + 1).is("DELETE")) {
                    onDelete = e.get(i + 2).upper();
                }
                table.addForeignKey(new SqlSchema.ForeignKey(List.of(colName), ref.name, refCols, onDelete));
            } else if (tok.is("DEFAULT")) {
                int start = ++i;
                int d = 0;
                while (i < e.size() && (d > 0 || !COLUMN_CONSTRAINT_WORDS.contains(e.get(i).upper()))) {
                    d += e.get(i).isSymbol("(") ? 1 : e.get(i).isSymbol(")") ? -1 : 0;
                    i++;
                }
                defaultValue = new Statement(e.subList(start, i), 0).text();
            } else if (tok.isSymbol("(")) {
                i = matching(e, i) + 1;
            } else {
                i++;
            }
        }
        return new SqlSchema.Column(colName, type.toString(), nullable, unique, defaultValue, source, e.get(0).line());
    }

    private static void appendTypeToken(StringBuilder type, Token tok) {
        boolean glue = tok.isSymbol("(") || tok.isSymbol(")") || tok.isSymbol(",")
                || (type.length() > 0 && (type.charAt(type.length() - 1) == '(' || type.charAt(type.length() - 1) == ','));
        if (type.length() > 0 && !glue) {
            type.append(' ');
        }
        type.append(tok.upper());
    }

    // [CONSTRAINT name] PRIMARY KEY (..) | UNIQUE (..) | FOREIGN KEY (..) REFERENCES t [(..)] | CHECK (..) [CONSTRAINT name]
    private void tableConstraint(List<Token> e, int i, SqlSchema.Table table) {
        if (e.get(i).is("CONSTRAINT")) {
            i += 2;
        }
        if (i >= e.size()) {
            return;
        }
        Token kind = e.get(i);
        if (kind.is("PRIMARY")) {
            int open = indexOfSymbol(e, i, "(");
            table.setPrimaryKey(identifiers(e, open + 1, matching(e, open)));
        } else if (kind.is("UNIQUE") || kind.is("DISTINCT")) {
            int open = indexOfSymbol(e, i, "(");
            table.addUnique(identifiers(e, open + 1, matching(e, open)));
        } else if (kind.is("FOREIGN")) {
            int open = indexOfSymbol(e, i, "(");
            int close = matching(e, open);
            List<String> cols = identifiers(e, open + 1, close);
            int r = close + 1;
            while (r < e.size() && !e.get(r).is("REFERENCES")) {
                r++;
            }
            Name ref = name(e, r + 1);
            int n = ref.next;
            List<String> refCols = List.of();
            if (n < e.size() && e.get(n).isSymbol("(")) {
                int c = matching(e, n);
                refCols = identifiers(e, n + 1, c);
                n = c + 1;
            }
            String onDelete = null;
            if (n + 2 < e.size() && e.get(n).is("ON") && e.get(n + 1).is("DELETE")) {
                onDelete = e.get(n + 2).upper();
            }
            table.addForeignKey(new SqlSchema.ForeignKey(cols, ref.name, refCols, onDelete));
        }
    }

    // CREATE [UNIQUE] INDEX name ON table [USING m] (cols)
    private void createIndex(List<Token> t, int i, boolean unique, int line) {
        Name name = name(t, i);
        int on = name.next;
        if (on >= t.size() || !t.get(on).is("ON")) {
            return;
        }
        int n = on + 1;
        if (t.get(n).is("ONLY")) {
            n++;
        }
        Name table = name(t, n);
        int open = indexOfSymbol(t, table.next, "(");
        if (open < 0) {
            return;
        }
        List<String> cols = new ArrayList<>();
        for (List<Token> part : splitTopLevel(t, open + 1, matching(t, open))) {
            if (part.size() > 1 && part.get(1).isSymbol("(")) {
                // a functional key: recorded as fn(col, ...), the function and its column arguments
                List<String> args = identifiers(part, 2, matching(part, 1));
                cols.add(part.get(0).identifier() + "(" + String.join(",", args) + ")");
            } else {
                cols.add(part.get(0).identifier());
            }
        }
        schema.addIndex(new SqlSchema.Index(name.name, table.name, cols, unique, source, line));
    }

    private void alterTable(List<Token> t) {
        int i = 2;
        if (t.get(i).is("IF") && t.get(i + 1).is("EXISTS")) {
            i += 2;
        }
        if (t.get(i).is("ONLY")) {
            i++;
        }
        Name name = name(t, i);
        SqlSchema.Table table = schema.tableOrNull(name.name);
        if (table == null) {
            return;
        }
        for (List<Token> action : splitTopLevel(t, name.next, t.size())) {
            alterAction(action, table, name.name);
        }
    }

    private void alterAction(List<Token> a, SqlSchema.Table table, String tableName) {
        if (a.isEmpty()) {
            return;
        }
        Token verb = a.get(0);
        if (verb.is("ADD")) {
            int i = 1;
            if (a.get(i).is("CONSTRAINT") && a.get(i + 1).isSymbol("(")) {
                // Informix: ADD CONSTRAINT (constraint, ...)
                for (List<Token> c : splitTopLevel(a, i + 2, matching(a, i + 1))) {
                    tableConstraint(c, 0, table);
                }
            } else if (a.get(i).is("CONSTRAINT")) {
                // PostgreSQL: ADD CONSTRAINT name kind ...; Informix: ADD CONSTRAINT kind ... [CONSTRAINT name]
                int k = TABLE_CONSTRAINT_WORDS.contains(a.get(i + 1).upper()) ? i + 1 : i + 2;
                tableConstraint(a, k, table);
            } else if (TABLE_CONSTRAINT_WORDS.contains(a.get(i).upper())) {
                tableConstraint(a, i, table);
            } else if (a.get(i).isSymbol("(")) {
                // Informix: ADD (column, ...)
                for (List<Token> c : splitTopLevel(a, i + 1, matching(a, i))) {
                    table.addColumn(column(c, table));
                }
            } else {
                if (a.get(i).is("COLUMN")) {
                    i++;
                }
                if (a.get(i).is("IF") && a.get(i + 1).is("NOT") && a.get(i + 2).is("EXISTS")) {
                    i += 3;
                }
                table.addColumn(column(a.subList(i, a.size()), table));
            }
        } else if (verb.is("DROP")) {
            int i = 1;
            if (a.get(i).is("CONSTRAINT")) {
                return;
            }
            if (a.get(i).is("COLUMN")) {
                i++;
            }
            if (a.get(i).is("IF") && a.get(i + 1).is("EXISTS")) {
                i += 2;
            }
            if (a.get(i).isSymbol("(")) {
                for (List<Token> c : splitTopLevel(a, i + 1, matching(a, i))) {
                    table.removeColumn(c.get(0).identifier());
                }
            } else {
                table.removeColumn(a.get(i).identifier());
            }
        } else if (verb.is("MODIFY")) {
            // Informix: MODIFY (column definition, ...) or MODIFY column definition
            List<List<Token>> defs = a.get(1).isSymbol("(")
                    ? splitTopLevel(a, 2, matching(a, 1)) : List.of(a.subList(1, a.size()));
            for (List<Token> d : defs) {
                SqlSchema.Column c = column(d, table);
                table.replaceColumn(c.name(), c);
            }
        } else if (verb.is("ALTER")) {
            // PostgreSQL: ALTER [COLUMN] c SET|DROP NOT NULL | [SET DATA] TYPE t
            int i = a.get(1).is("COLUMN") ? 2 : 1;
            String col = a.get(i).identifier();
            SqlSchema.Column c = table.columns().get(col);
            if (c == null) {
                return;
            }
            List<Token> rest = a.subList(i + 1, a.size());
            if (rest.size() >= 3 && rest.get(1).is("NOT") && rest.get(2).is("NULL")) {
                table.replaceColumn(col, c.withNullable(rest.get(0).is("DROP")));
            } else {
                int typeAt = -1;
                for (int k = 0; k < rest.size(); k++) {
                    if (rest.get(k).is("TYPE")) {
                        typeAt = k + 1;
                        break;
                    }
                }
                if (typeAt > 0) {
                    StringBuilder type = new StringBuilder();
                    for (int k = typeAt; k < rest.size() && !rest.get(k).is("USING") && !rest.get(k).is("COLLATE"); k++) {
                        appendTypeToken(type, rest.get(k));
                    }
                    table.replaceColumn(col, c.withType(type.toString()));
                }
            }
        } else if (verb.is("RENAME")) {
            if (a.get(1).is("TO")) {
                schema.renameTable(tableName, a.get(2).identifier());
            } else {
                int i = a.get(1).is("COLUMN") ? 2 : 1;
                String from = a.get(i).identifier();
                SqlSchema.Column c = table.columns().get(from);
                if (c != null && a.get(i + 1).is("TO")) {
                    table.replaceColumn(from, c.withName(a.get(i + 2).identifier()));
                }
            }
        }
    }

    // Informix: RENAME TABLE a TO b | RENAME COLUMN t.a TO b
    private void rename(List<Token> t) {
        if (t.get(1).is("TABLE")) {
            Name from = name(t, 2);
            schema.renameTable(from.name, t.get(from.next + 1).identifier());
        } else if (t.get(1).is("COLUMN") && t.size() >= 7 && t.get(3).isSymbol(".")) {
            SqlSchema.Table table = schema.tableOrNull(t.get(2).identifier());
            String from = t.get(4).identifier();
            if (table != null && table.columns().containsKey(from)) {
                table.replaceColumn(from, table.columns().get(from).withName(t.get(6).identifier()));
            }
        }
    }

    private record Name(String name, int next) {
    }

    /** A possibly qualified name ({@code schema.t}, {@code owner.t}, {@code "owner".t}) starting at i: its last part. */
    private static Name name(List<Token> t, int i) {
        String n = t.get(i).identifier();
        int next = i + 1;
        while (next + 1 < t.size() && t.get(next).isSymbol(".")
                && (t.get(next + 1).kind() == Kind.WORD || t.get(next + 1).kind() == Kind.QUOTED)) {
            n = t.get(next + 1).identifier();
            next += 2;
        }
        return new Name(n, next);
    }

    private static int skipIfNotExists(List<Token> t, int i) {
        if (i + 2 < t.size() && t.get(i).is("IF") && t.get(i + 1).is("NOT") && t.get(i + 2).is("EXISTS")) {
            return i + 3;
        }
        return i;
    }

    private static List<String> identifiers(List<Token> t, int from, int to) {
        List<String> out = new ArrayList<>();
        for (List<Token> part : splitTopLevel(t, from, to)) {
            if (!part.isEmpty()) {
                out.add(part.get(0).identifier());
            }
        }
        return out;
    }

    private static int indexOfSymbol(List<Token> t, int from, String symbol) {
        for (int i = from; i < t.size(); i++) {
            if (t.get(i).isSymbol(symbol)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the ")" matching the "(" at {@code open}. */
    static int matching(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).isSymbol("(")) {
                depth++;
            } else if (t.get(i).isSymbol(")") && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parenthesis at line " + t.get(open).line());
    }

    /** Tokens from..to (exclusive) split at commas outside parentheses. */
    static List<List<Token>> splitTopLevel(List<Token> t, int from, int to) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token tok = t.get(i);
            if (tok.isSymbol("(")) {
                depth++;
            } else if (tok.isSymbol(")")) {
                depth--;
            } else if (tok.isSymbol(",") && depth == 0) {
                parts.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(tok);
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    /** Lower case, as the databases fold unquoted identifiers. */
    static String fold(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }
}
