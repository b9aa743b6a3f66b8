package org.ccs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Informix scripts cannot run here (no Informix server), so the rules of INFORMIX.md that can be
 * checked on the text are: {@link InformixLint} over db/migration/informix must find nothing, and
 * must find each known mistake in a sample.
 */
class InformixScriptLintTest {

    @Test
    void informixMigrationsBreakNoRule() {
        List<InformixLint.Finding> findings = InformixLint.lintDirectory(Scripts.folder(Dialect.INFORMIX));
        assertTrue(findings.isEmpty(), () -> findings.stream().map(Object::toString)
                .collect(Collectors.joining("\n", "Informix lint:\n", "")));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("create-or-replace", "CREATE OR REPLACE PROCEDURE p() END PROCEDURE;"),
                Arguments.of("limit-in-subquery", "DELETE FROM t WHERE id IN (SELECT id FROM t ORDER BY id LIMIT 10);"),
                Arguments.of("limit-in-subquery", "DELETE FROM t WHERE id IN (SELECT FIRST 10 id FROM t);"),
                Arguments.of("limit", "DELETE FROM t WHERE id > 5 LIMIT 10;"),
                Arguments.of("multi-row-values", "INSERT INTO t (a) VALUES (1), (2);"),
                Arguments.of("pg-only", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL);"),
                Arguments.of("pg-only", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, body TEXT);"),
                Arguments.of("pg-only", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, doc JSONB);"),
                Arguments.of("pg-only", "CREATE TABLE t (id SERIAL PRIMARY KEY);"),
                Arguments.of("pg-only", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, at TIMESTAMP);"),
                Arguments.of("pg-only", "GRANT USAGE ON SEQUENCE t_id_seq TO ccs_app;"),
                Arguments.of("pg-only", "DO $$ BEGIN NULL; END $$;"),
                Arguments.of("lowercase-bigserial", "CREATE TABLE t (id bigserial PRIMARY KEY);"),
                Arguments.of("pg-cast", "SELECT '1'::INTEGER FROM systables WHERE tabid = 1;"),
                Arguments.of("dollar-quote", "CREATE FUNCTION f() RETURNING INTEGER; RETURN 1; END FUNCTION; SELECT $$x$$ FROM systables;"),
                Arguments.of("end-routine", "CREATE PROCEDURE p() RAISE EXCEPTION -746, 0, 'x';"),
                Arguments.of("end-routine", "CREATE FUNCTION f() RETURNING INTEGER; RETURN 1; END PROCEDURE;"),
                Arguments.of("constraint-name", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, d INTEGER CONSTRAINT ck_d CHECK (d > 0));"),
                Arguments.of("varchar-length", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, h VARCHAR(512) NOT NULL);"),
                Arguments.of("varchar-length", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, h VARCHAR NOT NULL);"),
                Arguments.of("default", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, at DATETIME YEAR TO FRACTION(3) DEFAULT now());"),
                Arguments.of("default", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, ok BOOLEAN DEFAULT TRUE);"),
                Arguments.of("boolean-literal", "UPDATE t SET ok = TRUE;"),
                Arguments.of("fk-action", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, p BIGINT REFERENCES p (id) ON DELETE SET NULL);"),
                Arguments.of("brace", "{ a comment } CREATE ROLE r;"),
                Arguments.of("double-quote", "INSERT INTO t (a) VALUES (\"x\");"),
                Arguments.of("newline-in-string", "INSERT INTO t (a) VALUES ('two\nlines');"),
                Arguments.of("spl-define-default", "CREATE PROCEDURE p() DEFINE n INTEGER DEFAULT 0; LET n = 1; END PROCEDURE;"),
                Arguments.of("raise", "CREATE PROCEDURE p() RAISE EXCEPTION 'no'; END PROCEDURE;"),
                Arguments.of("pg-only", "CREATE PROCEDURE p() SYSTEM 'date'; END PROCEDURE;"),
                Arguments.of("placeholder", "INSERT INTO t (a) VALUES ('${user}');"),
                Arguments.of("syntax", "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, b VARCHAR(1), );"),
                Arguments.of("plpgsql", "CREATE PROCEDURE p() DEFINE n INTEGER; n := 1; END PROCEDURE;"),
                Arguments.of("plpgsql", "CREATE PROCEDURE p(a INTEGER) IF a > 1 THEN RETURN; ELSIF a > 0 THEN RETURN; END IF; END PROCEDURE;"),
                Arguments.of("plpgsql", "CREATE FUNCTION f() RETURNING INTEGER; RETURN NEXT 1; END FUNCTION;"),
                Arguments.of("plpgsql", "CREATE PROCEDURE p() RAISE NOTICE 'x'; END PROCEDURE;"),
                Arguments.of("plpgsql", "CREATE PROCEDURE p() PERFORM q(); END PROCEDURE;"),
                Arguments.of("spl-returning", "CREATE FUNCTION f() RETURN 1; END FUNCTION;"),
                Arguments.of("spl-returning", "CREATE PROCEDURE p() RETURN 1; END PROCEDURE;"),
                Arguments.of("self-subquery", "DELETE FROM t WHERE id IN (SELECT id FROM t WHERE a = 1);"),
                Arguments.of("self-subquery", "CREATE PROCEDURE p() UPDATE t SET a = 1 WHERE id IN (SELECT x.id FROM t x); END PROCEDURE;"));
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @MethodSource("mistakes")
    void lintFindsTheMistake(String rule, String sql) {
        List<InformixLint.Finding> findings = InformixLint.lint("sample.sql", sql);
        assertTrue(findings.stream().anyMatch(f -> f.rule().equals(rule)),
                () -> "expected [" + rule + "] for: " + sql + "\nfound: " + findings);
    }

    @Test
    void schemaRulesFindKeyAndTypeMistakes() {
        String sql = """
                CREATE TABLE parent (id BIGSERIAL PRIMARY KEY, code VARCHAR(255) NOT NULL UNIQUE);
                CREATE TABLE child (
                    id BIGSERIAL PRIMARY KEY,
                    parent_id INTEGER REFERENCES parent (id),
                    user VARCHAR(10),
                    at DATETIME YEAR TO SECOND
                );
                CREATE INDEX ix_child_parent ON child (parent_id);
                """;
        List<String> rules = InformixLint.lintSchema(SqlSchemaReader.read(sql, true)).stream()
                .map(InformixLint.Finding::rule).sorted().toList();
        assertEquals(List.of("column-name", "foreign-key", "redundant-index", "timestamp", "varchar-length"), rules);
    }

    @Test
    void functionalIndexesNeedANotVariantSplFunction() {
        SqlSchema schema = SqlSchemaReader.read("""
                CREATE TABLE t (id BIGSERIAL PRIMARY KEY, n VARCHAR(100));
                CREATE INDEX ix_builtin ON t (LOWER(n));
                CREATE INDEX ix_unknown ON t (fold_it(n));
                CREATE INDEX ix_ok ON t (ccs_fold(n));
                CREATE INDEX ix_column ON t (ccs_fold(missing));
                """, true);
        List<String> findings = new java.util.ArrayList<>();
        InformixLint.lintSchema(schema).forEach(f -> findings.add(f.rule() + " " + f.message()));
        InformixLint.lintFunctionalIndexes(schema, java.util.Set.of("ccs_fold"))
                .forEach(f -> findings.add(f.rule() + " " + f.message()));
        assertEquals(3, findings.size(), findings::toString);
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("functional-index ix_builtin") && f.contains("-9844")), findings::toString);
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("functional-index ix_unknown")), findings::toString);
        assertTrue(findings.stream().anyMatch(f -> f.startsWith("index ix_column")), findings::toString);
    }

    @Test
    void quartzOriginalInformixScriptIsCaught() {
        // the table of Quartz 2.5.2's tables_informix.sql that fails on a real server (trailing comma, VARCHAR(512))
        String original = """
                CREATE TABLE qsimprop_triggers
                  (
                    SCHED_NAME VARCHAR(120) NOT NULL,
                    TRIGGER_NAME VARCHAR(200) NOT NULL,
                    TRIGGER_GROUP VARCHAR(200) NOT NULL,
                    STR_PROP_1 VARCHAR(512) NULL,
                    BOOL_PROP_2 VARCHAR(1) NULL,
                );
                """;
        List<String> rules = InformixLint.lint("tables_informix.sql", original).stream()
                .map(InformixLint.Finding::rule).distinct().sorted().toList();
        assertEquals(List.of("syntax", "varchar-length"), rules);
    }

    @Test
    void validInformixIsNotFlagged() {
        String sql = """
                -- comment
                CREATE PROCEDURE p(v INTEGER)
                    DEFINE n INTEGER;
                    LET n = (SELECT COUNT(*) FROM t WHERE a = v);
                    IF n > 0 THEN
                        RAISE EXCEPTION -746, 0, 'refused';
                    END IF;
                END PROCEDURE;
                CREATE TABLE t (
                    id BIGSERIAL PRIMARY KEY,
                    a INTEGER NOT NULL CHECK (a BETWEEN 1 AND 3653) CONSTRAINT ck_t_a,
                    ok BOOLEAN DEFAULT 't' NOT NULL,
                    note LVARCHAR(4000),
                    at DATETIME YEAR TO FRACTION(3) DEFAULT CURRENT YEAR TO FRACTION(3) NOT NULL,
                    UNIQUE (a) CONSTRAINT uq_t_a
                );
                INSERT INTO t (id, a) VALUES (0, 1);
                SELECT FIRST 5 id FROM t ORDER BY id;
                """;
        assertEquals(List.of(), InformixLint.lint("ok.sql", sql));
    }
}
