package org.ccs.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.ccs.db.SqlTokenizer.Kind;
import org.ccs.db.SqlTokenizer.Statement;
import org.ccs.db.SqlTokenizer.Token;

/**
 * A lint for the Informix scripts. No Informix server runs where CCS is built, so the rules of
 * {@code INFORMIX.md} that can be checked on the text are checked here, file by file and across the
 * migrations (keys, indexes, foreign-key types). Every rule has an id; a finding names file and line.
 */
public final class InformixLint {

    /** One broken rule. */
    public record Finding(String file, int line, String rule, String message) {
        public Finding {
            Objects.requireNonNull(rule, "rule is required");
            Objects.requireNonNull(message, "message is required");
        }

        @Override
        public String toString() {
            return (file == null ? "<sql>" : file) + ":" + line + " [" + rule + "] " + message;
        }
    }

    /** PostgreSQL (or other) types that Informix lacks or that CCS does not use on Informix. */
    private static final Map<String, String> FORBIDDEN_TYPES = Map.ofEntries(
            Map.entry("TIMESTAMPTZ", "PostgreSQL type: use DATETIME YEAR TO FRACTION(3) (UTC)"),
            Map.entry("TIMESTAMP", "no TIMESTAMP type in Informix: use DATETIME YEAR TO FRACTION(3)"),
            Map.entry("JSONB", "PostgreSQL type: use LVARCHAR (or Informix JSON/BSON)"),
            Map.entry("BYTEA", "PostgreSQL type: use BLOB or BYTE"),
            Map.entry("BOOL", "PostgreSQL spelling: use BOOLEAN"),
            Map.entry("UUID", "PostgreSQL type: use CHAR(36)"),
            Map.entry("CITEXT", "PostgreSQL extension type"),
            Map.entry("TEXT", "TEXT is a legacy Informix blob (no LIKE, no index): use VARCHAR or LVARCHAR"),
            Map.entry("SERIAL", "ids are 64-bit (Java Long, Hibernate IDENTITY): use BIGSERIAL"),
            Map.entry("SERIAL8", "use BIGSERIAL (one spelling for 64-bit ids)"),
            Map.entry("SMALLSERIAL", "PostgreSQL type: use BIGSERIAL"),
            Map.entry("PLPGSQL", "PL/pgSQL: Informix routines are SPL (CREATE PROCEDURE ... END PROCEDURE)"),
            Map.entry("ILIKE", "PostgreSQL operator: use LOWER(x) LIKE"),
            Map.entry("CURRENT_TIMESTAMP", "use CURRENT (server local time: prefer values from the application)"),
            Map.entry("OFFSET", "PostgreSQL paging: Informix uses SKIP n FIRST m, and not in subqueries"),
            Map.entry("SYSTEM", "SYSTEM runs a shell command on the database server: never in CCS scripts"));
    private static final Set<String> CONSTRAINT_KINDS = Set.of("PRIMARY", "UNIQUE", "DISTINCT", "FOREIGN", "CHECK",
            "NOT", "NULL", "REFERENCES", "DEFAULT");
    private static final Set<String> DEFAULT_WORDS = Set.of("NULL", "USER", "CURRENT", "SYSDATE", "TODAY", "SITENAME",
            "DBSERVERNAME");
    /** Built-in functions Informix cannot index directly (error -9844): wrap them in a NOT VARIANT SPL function. */
    private static final Set<String> BUILT_IN_FUNCTIONS = Set.of("LOWER", "UPPER", "TRIM", "LTRIM", "RTRIM", "SUBSTR",
            "SUBSTRING", "REPLACE", "NVL", "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH", "OCTET_LENGTH", "TO_CHAR", "TO_DATE",
            "DATE", "YEAR", "MONTH", "DAY", "EXTEND", "MOD", "ABS", "ROUND", "TRUNC", "CONCAT", "LPAD", "RPAD", "HEX");
    /** PL/pgSQL words that have no place in SPL: what to write instead. */
    private static final Map<String, String> PLPGSQL_WORDS = Map.of(
            "ELSIF", "SPL writes ELIF",
            "ELSEIF", "SPL writes ELIF",
            "PERFORM", "SPL calls a procedure with CALL p(...) or LET x = f(...)",
            "DECLARE", "SPL declares variables with DEFINE (after the routine header, before any statement)");
    private static final Set<String> RESERVED_COLUMN_NAMES = Set.of("user", "current", "today", "sysdate", "sitename");
    private static final String TIMESTAMP_TYPE = "DATETIME YEAR TO FRACTION(3)";
    private static final int MAX_IDENTIFIER = 128;
    private static final int MAX_ROLE_NAME = 32;
    private static final int MAX_VARCHAR = 255;
    private static final int MAX_INDEXED_VARCHAR = 254;

    private final String file;
    private final List<Finding> findings = new ArrayList<>();

    private InformixLint(String file) {
        this.file = file;
    }

    /** Lints every {@code *.sql} file of {@code dir}, then the schema the migrations build together. */
    public static List<Finding> lintDirectory(Path dir) {
        List<Finding> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted(Comparator.naturalOrder()).toList()) {
                all.addAll(lint(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        if (all.stream().noneMatch(f -> f.rule().equals("syntax"))) {
            SqlSchema schema = SqlSchemaReader.readMigrations(dir, Dialect.INFORMIX);
            all.addAll(lintSchema(schema));
            all.addAll(lintFunctionalIndexes(schema, notVariantFunctions(dir)));
        }
        return all;
    }

    /** Names (lower case) of the SPL functions of {@code dir} declared {@code WITH (NOT VARIANT)}. */
    private static Set<String> notVariantFunctions(Path dir) {
        Set<String> out = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                for (Statement st : SqlTokenizer.statements(Files.readString(f, StandardCharsets.UTF_8), true)) {
                    List<Token> t = st.tokens();
                    if (!st.startsWith("CREATE", "FUNCTION") || t.size() < 3) {
                        continue;
                    }
                    for (int i = 0; i + 3 < t.size() && !t.get(i).isSymbol(";"); i++) {
                        if (t.get(i).is("WITH") && t.get(i + 1).isSymbol("(") && t.get(i + 2).is("NOT")
                                && t.get(i + 3).is("VARIANT")) {
                            out.add(t.get(2).identifier());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return out;
    }

    /**
     * A functional index key must be an SPL function declared {@code WITH (NOT VARIANT)} (Informix
     * refuses built-ins such as LOWER, error -9844, and variant functions).
     */
    public static List<Finding> lintFunctionalIndexes(SqlSchema schema, Set<String> notVariantFunctions) {
        InformixLint lint = new InformixLint(null);
        for (SqlSchema.Index index : schema.indexes()) {
            for (String key : index.columns()) {
                String fn = SqlSchema.Index.functionOf(key);
                if (fn != null && !BUILT_IN_FUNCTIONS.contains(fn.toUpperCase(Locale.ROOT)) && !notVariantFunctions.contains(fn)) {
                    lint.add(index.source(), index.line(), "functional-index", index.name() + ": " + fn
                            + " is not an SPL function declared WITH (NOT VARIANT) in the migrations");
                }
            }
        }
        return lint.findings;
    }

    /** Lints one script's text; {@code fileName} only labels the findings. */
    public static List<Finding> lint(String fileName, String sql) {
        InformixLint lint = new InformixLint(fileName);
        List<Statement> statements;
        try {
            lint.tokens(SqlTokenizer.tokens(sql));
            statements = SqlTokenizer.statements(sql, true);
        } catch (IllegalArgumentException e) {
            lint.add(1, "syntax", e.getMessage());
            return lint.findings;
        }
        if (sql.contains("${")) {
            lint.add(1, "placeholder", "'${' would be taken for a Flyway placeholder");
        }
        for (Statement st : statements) {
            lint.statement(st);
        }
        return lint.findings;
    }

    /** Rules on the schema the migrations build: keys, indexes, column names and types. */
    public static List<Finding> lintSchema(SqlSchema schema) {
        InformixLint lint = new InformixLint(null);
        for (SqlSchema.Table table : schema.tables().values()) {
            lint.table(schema, table);
        }
        for (SqlSchema.Index index : schema.indexes()) {
            lint.index(schema, index);
        }
        return lint.findings;
    }

    private void tokens(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            switch (t.kind()) {
                case DOLLAR_QUOTED -> add(t.line(), "dollar-quote", "$$ bodies are PostgreSQL: SPL routines end with END PROCEDURE/FUNCTION");
                case QUOTED -> add(t.line(), "double-quote", "double quotes delimit strings in Informix (identifiers only with DELIMIDENT): use single quotes");
                case STRING -> {
                    if (t.text().indexOf('\n') >= 0) {
                        add(t.line(), "newline-in-string", "newlines inside string literals are refused unless IFX_ALLOW_NEWLINE is set");
                    }
                }
                case SYMBOL -> {
                    if (t.isSymbol("::")) {
                        add(t.line(), "pg-cast", "'::' casts are PostgreSQL: use CAST(x AS type)");
                    } else if (t.isSymbol("{") || t.isSymbol("}")) {
                        add(t.line(), "brace", "{ } comments clash with JDBC escapes: use --");
                    }
                }
                case WORD -> word(tokens, i, t);
                default -> {
                }
            }
        }
    }

    private void word(List<Token> tokens, int i, Token t) {
        String upper = t.upper();
        String why = FORBIDDEN_TYPES.get(upper);
        if (why != null) {
            add(t.line(), "pg-only", upper + ": " + why);
        }
        if (t.text().equals("bigserial")) {
            add(t.line(), "lowercase-bigserial", "write BIGSERIAL: lower-case bigserial is a line copied from the PostgreSQL twin");
        }
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            add(t.line(), "boolean-literal", "BOOLEAN literals are 't' and 'f' in Informix");
        }
        if (upper.equals("NOW") && i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(")) {
            add(t.line(), "pg-only", "now() is PostgreSQL: use CURRENT");
        }
        if (t.text().length() > MAX_IDENTIFIER) {
            add(t.line(), "identifier-length", "identifier longer than " + MAX_IDENTIFIER + " bytes");
        }
    }

    private void statement(Statement st) {
        List<Token> t = st.tokens();
        if (st.startsWith("CREATE", "OR", "REPLACE")) {
            add(st.line(), "create-or-replace", "no CREATE OR REPLACE in Informix: DROP ... IF EXISTS, then CREATE");
        }
        if (st.startsWith("DO")) {
            add(st.line(), "pg-only", "DO blocks are PostgreSQL");
        }
        routine(st);
        trailingCommas(t);
        subqueries(t);
        values(t);
        constraintNames(t);
        if (st.startsWith("CREATE", "TABLE") || st.startsWith("ALTER", "TABLE") || st.startsWith("CREATE", "RAW", "TABLE")
                || st.startsWith("CREATE", "STANDARD", "TABLE")) {
            varchars(t);
            defaults(t);
            foreignKeyActions(t);
        }
        if (st.startsWith("DELETE") || st.startsWith("UPDATE")) {
            selfSubquery(t);
            for (Token tok : t) {
                if (tok.is("LIMIT")) {
                    add(tok.line(), "limit", "no LIMIT in DELETE/UPDATE: batch with FOREACH ... WITH HOLD");
                }
            }
        }
        if (st.startsWith("CREATE", "ROLE") && t.size() > 2 && t.get(t.size() - 1).text().length() > MAX_ROLE_NAME) {
            add(st.line(), "identifier-length", "role names are at most " + MAX_ROLE_NAME + " bytes");
        }
        if (st.startsWith("GRANT") || st.startsWith("REVOKE")) {
            for (int i = 0; i + 1 < t.size(); i++) {
                if (t.get(i).is("ON") && (t.get(i + 1).is("SCHEMA") || t.get(i + 1).is("SEQUENCE") && t.get(0).is("GRANT")
                        && t.get(1).is("USAGE"))) {
                    add(t.get(i).line(), "pg-only", "GRANT ... ON " + t.get(i + 1).upper() + " is PostgreSQL");
                }
            }
        }
    }

    /** CREATE [DBA] PROCEDURE|FUNCTION must close with END of the same kind; SPL rules inside. */
    private void routine(Statement st) {
        List<Token> t = st.tokens();
        int k = st.startsWith("CREATE", "DBA") ? 2 : 1;
        boolean isRoutine = t.get(0).is("CREATE") && t.size() > k && (t.get(k).is("PROCEDURE") || t.get(k).is("FUNCTION"));
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).is("END") && (t.get(i + 1).is("PROCEDURE") || t.get(i + 1).is("FUNCTION")) && !isRoutine) {
                add(t.get(i).line(), "end-routine", "END " + t.get(i + 1).upper() + " without its CREATE");
            }
        }
        if (!isRoutine) {
            return;
        }
        String kind = t.get(k).upper();
        int n = t.size();
        if (n < 2 || !t.get(n - 2).is("END") || !t.get(n - 1).is(kind)) {
            add(st.line(), "end-routine", "CREATE " + kind + " without END " + kind);
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).is("DEFINE") && !(i + 1 < t.size() && t.get(i + 1).is("GLOBAL"))) {
                for (int j = i + 1; j < t.size() && !t.get(j).isSymbol(";"); j++) {
                    if (t.get(j).is("DEFAULT")) {
                        add(t.get(j).line(), "spl-define-default", "SPL local variables take no DEFAULT: assign with LET");
                    }
                }
            }
            if (t.get(i).is("RAISE") && i + 2 < t.size() && t.get(i + 1).is("EXCEPTION")
                    && t.get(i + 2).kind() == Kind.STRING) {
                add(t.get(i).line(), "raise", "RAISE EXCEPTION takes an SQL error code first: RAISE EXCEPTION -746, 0, 'text'");
            }
            if (t.get(i).is("RETURNS")) {
                add(t.get(i).line(), "pg-only", "RETURNS is PostgreSQL: SPL functions declare RETURNING type AS name");
            }
            String plpgsql = t.get(i).kind() == Kind.WORD ? PLPGSQL_WORDS.get(t.get(i).upper()) : null;
            if (plpgsql != null) {
                add(t.get(i).line(), "plpgsql", t.get(i).upper() + " is PL/pgSQL: " + plpgsql);
            }
            if (t.get(i).isSymbol(":") && i + 1 < t.size() && t.get(i + 1).isSymbol("=")) {
                add(t.get(i).line(), "plpgsql", "':=' is PL/pgSQL: SPL assigns with LET x = ...");
            }
            if (t.get(i).is("RETURN") && i + 1 < t.size() && (t.get(i + 1).is("NEXT") || t.get(i + 1).is("QUERY"))) {
                add(t.get(i).line(), "plpgsql", "RETURN " + t.get(i + 1).upper()
                        + " is PL/pgSQL: SPL returns rows one by one with RETURN ... WITH RESUME");
            }
            if (t.get(i).is("RAISE") && i + 1 < t.size() && t.get(i + 1).kind() == Kind.WORD
                    && Set.of("NOTICE", "WARNING", "INFO", "LOG", "DEBUG").contains(t.get(i + 1).upper())) {
                add(t.get(i).line(), "plpgsql", "RAISE " + t.get(i + 1).upper() + " is PL/pgSQL: SPL only raises errors "
                        + "(RAISE EXCEPTION -746, 0, 'text'); use TRACE for diagnostics");
            }
            if (t.get(i).is("EXCEPTION") && i + 1 < t.size() && t.get(i + 1).is("WHEN")) {
                add(t.get(i).line(), "plpgsql", "EXCEPTION WHEN is PL/pgSQL: SPL declares ON EXCEPTION ... END EXCEPTION after its DEFINEs");
            }
        }
        boolean returning = t.stream().anyMatch(x -> x.is("RETURNING"));
        if (kind.equals("FUNCTION") && !returning) {
            add(st.line(), "spl-returning", "an SPL FUNCTION declares RETURNING type AS name (a routine that returns nothing is a PROCEDURE)");
        }
        if (kind.equals("PROCEDURE") && !returning) {
            for (int i = 0; i + 1 < t.size(); i++) {
                if (t.get(i).is("RETURN") && !t.get(i + 1).isSymbol(";")) {
                    add(t.get(i).line(), "spl-returning", "this PROCEDURE returns a value: make it a FUNCTION ... RETURNING");
                }
            }
        }
        selfSubqueries(t);
    }

    /**
     * UPDATE or DELETE whose subquery reads the table it modifies: Informix refuses it (error -360,
     * "cannot modify table or view used in subquery"). Checked statement by statement, in routines too.
     */
    private void selfSubqueries(List<Token> t) {
        int start = 0;
        for (int i = 0; i <= t.size(); i++) {
            if (i == t.size() || t.get(i).isSymbol(";")) {
                selfSubquery(t.subList(start, i));
                start = i + 1;
            }
        }
    }

    private void selfSubquery(List<Token> s) {
        int target = -1;
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).is("UPDATE") && s.get(i + 1).kind() == Kind.WORD && !s.get(i + 1).is("STATISTICS")
                    && (i == 0 || !s.get(i - 1).is("ON") && !s.get(i - 1).is("FOR"))) {
                target = i + 1;
                break;
            }
            if (s.get(i).is("DELETE") && s.get(i + 1).is("FROM") && i + 2 < s.size() && (i == 0 || !s.get(i - 1).is("ON"))) {
                target = i + 2;
                break;
            }
        }
        if (target < 0 || target >= s.size()) {
            return;
        }
        String table = s.get(target).identifier();
        for (int i = target + 1; i + 1 < s.size(); i++) {
            if ((s.get(i).is("FROM") || s.get(i).is("JOIN")) && s.get(i + 1).kind() == Kind.WORD
                    && s.get(i + 1).identifier().equals(table)) {
                add(s.get(i).line(), "self-subquery", "a subquery reads " + table + ", the table the statement modifies"
                        + " (Informix error -360): collect the keys in a temp table first");
            }
        }
    }

    /** A comma right before ')' (Quartz's tables_informix.sql shipped one for years) or doubled. */
    private void trailingCommas(List<Token> t) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).isSymbol(",") && (t.get(i + 1).isSymbol(")") || t.get(i + 1).isSymbol(","))) {
                add(t.get(i).line(), "syntax", "stray comma before '" + t.get(i + 1).text() + "'");
            }
            if (t.get(i).isSymbol("(") && t.get(i + 1).isSymbol(",")) {
                add(t.get(i).line(), "syntax", "stray comma after '('");
            }
        }
    }

    /** FIRST, LIMIT and SKIP are not allowed in subqueries. */
    private void subqueries(List<Token> t) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).isSymbol("(") && t.get(i + 1).is("SELECT")) {
                int close = SqlSchemaReader.matching(t, i);
                for (int j = i + 1; j < close; j++) {
                    if (t.get(j).is("FIRST") || t.get(j).is("LIMIT") || t.get(j).is("SKIP")) {
                        add(t.get(j).line(), "limit-in-subquery", t.get(j).upper() + " is not allowed in a subquery");
                    }
                }
            }
        }
    }

    /** No multi-row VALUES lists. */
    private void values(List<Token> t) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).is("VALUES") && t.get(i + 1).isSymbol("(")) {
                int close = SqlSchemaReader.matching(t, i + 1);
                if (close + 2 < t.size() && t.get(close + 1).isSymbol(",") && t.get(close + 2).isSymbol("(")) {
                    add(t.get(i).line(), "multi-row-values", "one row per INSERT: Informix has no multi-row VALUES");
                }
            }
        }
    }

    /** Informix names a constraint after its definition: {@code CHECK (...) CONSTRAINT ck_x}. */
    private void constraintNames(List<Token> t) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.get(i).is("CONSTRAINT") && t.get(i + 1).kind() == Kind.WORD
                    && !CONSTRAINT_KINDS.contains(t.get(i + 1).upper())
                    && CONSTRAINT_KINDS.contains(t.get(i + 2).upper())) {
                add(t.get(i).line(), "constraint-name", "constraint name before the definition (PostgreSQL order): write "
                        + t.get(i + 2).upper() + " ... CONSTRAINT " + t.get(i + 1).text());
            }
        }
    }

    private void varchars(List<Token> t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).is("VARCHAR") || t.get(i).is("NVARCHAR")) {
                if (i + 2 >= t.size() || !t.get(i + 1).isSymbol("(") || t.get(i + 2).kind() != Kind.NUMBER) {
                    add(t.get(i).line(), "varchar-length", "VARCHAR needs a length");
                } else if (Integer.parseInt(t.get(i + 2).text()) > MAX_VARCHAR) {
                    add(t.get(i).line(), "varchar-length", "VARCHAR(" + t.get(i + 2).text() + ") is over " + MAX_VARCHAR
                            + " bytes: use LVARCHAR(n)");
                }
            }
        }
    }

    /** DEFAULT takes only NULL, a literal, USER, CURRENT, SYSDATE, TODAY, SITENAME, DBSERVERNAME. */
    private void defaults(List<Token> t) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (!t.get(i).is("DEFAULT")) {
                continue;
            }
            Token v = t.get(i + 1);
            boolean ok = v.kind() == Kind.STRING || v.kind() == Kind.NUMBER
                    || (v.kind() == Kind.SYMBOL && (v.isSymbol("-") || v.isSymbol("+")) && i + 2 < t.size()
                    && t.get(i + 2).kind() == Kind.NUMBER)
                    || (v.kind() == Kind.WORD && DEFAULT_WORDS.contains(v.upper())
                    && !(i + 2 < t.size() && t.get(i + 2).isSymbol("(")));
            if (!ok) {
                add(v.line(), "default", "DEFAULT " + v.text() + ": Informix accepts only NULL, a literal, USER, CURRENT, "
                        + "SYSDATE, TODAY, SITENAME or DBSERVERNAME");
            }
        }
    }

    /** Informix foreign keys know ON DELETE CASCADE and nothing else. */
    private void foreignKeyActions(List<Token> t) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (t.get(i).is("ON") && t.get(i + 1).is("UPDATE")) {
                add(t.get(i).line(), "fk-action", "no ON UPDATE actions in Informix");
            }
            if (t.get(i).is("ON") && t.get(i + 1).is("DELETE") && !t.get(i + 2).is("CASCADE")) {
                add(t.get(i).line(), "fk-action", "Informix supports only ON DELETE CASCADE");
            }
        }
    }

    private void table(SqlSchema schema, SqlSchema.Table table) {
        int serials = 0;
        Set<String> indexed = new HashSet<>(table.primaryKey());
        table.uniqueKeys().forEach(indexed::addAll);
        table.foreignKeys().forEach(fk -> indexed.addAll(fk.columns()));
        for (SqlSchema.Index ix : schema.indexes()) {
            if (ix.table().equals(table.name())) {
                indexed.addAll(ix.columns());
            }
        }
        for (SqlSchema.Column c : table.columns().values()) {
            String at = table.name() + "." + c.name();
            String base = c.baseType();
            if (RESERVED_COLUMN_NAMES.contains(c.name())) {
                add(c.source(), c.line(), "column-name", at + ": '" + c.name() + "' reads as a built-in in Informix");
            }
            if (base.equals("BIGSERIAL") || base.equals("SERIAL") || base.equals("SERIAL8")) {
                serials++;
                if (c.defaultValue() != null) {
                    add(c.source(), c.line(), "serial", at + ": no DEFAULT on serial columns");
                }
            }
            if (base.equals("DATETIME") && !c.type().equals(TIMESTAMP_TYPE) && !table.name().startsWith("qrtz_")) {
                add(c.source(), c.line(), "timestamp", at + ": timestamps are " + TIMESTAMP_TYPE + " (UTC), not " + c.type());
            }
            if ((base.equals("VARCHAR") || base.equals("NVARCHAR")) && indexed.contains(c.name())
                    && c.length() > MAX_INDEXED_VARCHAR) {
                add(c.source(), c.line(), "varchar-length", at + ": an indexed VARCHAR is at most " + MAX_INDEXED_VARCHAR + " bytes");
            }
        }
        if (serials > 1) {
            add(table.source(), table.line(), "serial", table.name() + ": at most one serial column per table");
        }
        for (SqlSchema.ForeignKey fk : table.foreignKeys()) {
            SqlSchema.Table ref = schema.tables().get(fk.refTable());
            if (ref == null) {
                add(table.source(), table.line(), "foreign-key", table.name() + " references unknown table " + fk.refTable());
                continue;
            }
            List<String> refCols = fk.refColumns().isEmpty() ? ref.primaryKey() : fk.refColumns();
            for (int k = 0; k < fk.columns().size() && k < refCols.size(); k++) {
                SqlSchema.Column own = table.columns().get(fk.columns().get(k));
                SqlSchema.Column other = ref.columns().get(refCols.get(k));
                if (own == null || other == null) {
                    add(table.source(), table.line(), "foreign-key", table.name() + ": foreign key on unknown column "
                            + fk.columns().get(k) + " -> " + fk.refTable() + "." + refCols.get(k));
                    continue;
                }
                String expected = serialBase(other.type());
                if (!serialBase(own.type()).equals(expected) || isSerial(own.baseType())) {
                    add(own.source(), own.line(), "foreign-key", table.name() + "." + own.name() + " is " + own.type()
                            + " but references " + ref.name() + "." + other.name() + " (" + other.type() + "): use " + expected);
                }
            }
        }
    }

    private void index(SqlSchema schema, SqlSchema.Index index) {
        SqlSchema.Table table = schema.tables().get(index.table());
        if (table == null) {
            add(index.source(), index.line(), "index", index.name() + " is on unknown table " + index.table());
            return;
        }
        for (String key : index.columns()) {
            String fn = SqlSchema.Index.functionOf(key);
            if (fn != null && BUILT_IN_FUNCTIONS.contains(fn.toUpperCase(Locale.ROOT))) {
                add(index.source(), index.line(), "functional-index", index.name() + ": Informix cannot index the built-in "
                        + fn.toUpperCase(Locale.ROOT) + "() (error -9844): wrap it in an SPL function declared WITH (NOT VARIANT)");
            }
            for (String c : SqlSchema.Index.argumentsOf(key)) {
                if (!table.columns().containsKey(c)) {
                    add(index.source(), index.line(), "index", index.name() + " names unknown column " + index.table() + "." + c);
                }
            }
        }
        List<List<String>> keys = new ArrayList<>(table.uniqueKeys());
        keys.add(table.primaryKey());
        table.foreignKeys().forEach(fk -> keys.add(fk.columns()));
        if (keys.contains(index.columns())) {
            add(index.source(), index.line(), "redundant-index", index.name() + " repeats the index Informix already keeps for the key "
                    + index.columns() + " of " + index.table() + " (CREATE INDEX can fail with -350)");
        }
    }

    private static boolean isSerial(String base) {
        return base.equals("SERIAL") || base.equals("SERIAL8") || base.equals("BIGSERIAL");
    }

    /** The type a column referencing one of this type must have: BIGSERIAL -> BIGINT, SERIAL -> INTEGER. */
    private static String serialBase(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "BIGSERIAL" -> "BIGINT";
            case "SERIAL8" -> "INT8";
            case "SERIAL" -> "INTEGER";
            case "INT" -> "INTEGER";
            default -> t;
        };
    }

    private void add(int line, String rule, String message) {
        findings.add(new Finding(file, line, rule, message));
    }

    private void add(String source, int line, String rule, String message) {
        findings.add(new Finding(source, line, rule, message));
    }
}
