package org.ccs.server.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ccs.db.SqlSchema;
import org.ccs.db.SqlSchemaReader;
import org.junit.jupiter.api.Test;

/** The comparison behind the DDL tests finds what it should (so that a passing DDL test means something). */
class DdlComparisonTest {

    @Test
    void reportsMissingTablesColumnsNullabilityAndLength() {
        SqlSchema hibernate = SqlSchemaReader.read("""
                create table t (id bigint not null, a varchar(10), b varchar(20) not null, c integer, primary key (id));
                create table u (id bigint not null, primary key (id));
                """, false);
        SqlSchema scripts = SqlSchemaReader.read("""
                CREATE TABLE t (id bigserial PRIMARY KEY, b varchar(10) NOT NULL, c integer NOT NULL);
                """, false);
        assertEquals(List.of(
                "t.a is mapped but not created by scripts",
                "t.b holds 20 characters in the entity, VARCHAR(10) in scripts",
                "t.c is NOT NULL in scripts but nullable in the entity",
                "table u is mapped but not created by scripts"),
                HibernateDdl.differences(hibernate, scripts, "scripts"));
    }
}
