package org.ccs.server.schema;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ccs.db.Dialect;
import org.ccs.db.SqlSchema;
import org.ccs.db.SqlSchemaReader;
import org.junit.jupiter.api.Test;

/**
 * Every table and column that Hibernate's PostgreSQLDialect wants for the entities of server-core
 * exists in db-scripts' PostgreSQL migrations (offline: Hibernate renders its DDL into
 * target/ddl/postgresql-create.sql, read back with {@link SqlSchemaReader}); the twin of
 * {@link InformixDdlMatchesScriptsTest}.
 */
class PostgresDdlMatchesScriptsTest {

    @Test
    void postgresqlScriptsHoldEveryMappedTableAndColumn() {
        List<Class<?>> entities = HibernateDdl.entityClasses();
        assertFalse(entities.isEmpty(), "no @Entity classes found");
        String ddl = HibernateDdl.createScript("org.hibernate.dialect.PostgreSQLDialect", entities,
                "postgresql-create.sql");
        SqlSchema hibernate = SqlSchemaReader.read(ddl, false);
        assertTrue(hibernate.tableNames().size() >= entities.size(), () -> "Hibernate DDL not read: " + ddl);
        SqlSchema scripts = SqlSchemaReader.readMigrations(Dialect.POSTGRESQL, getClass().getClassLoader());
        List<String> differences = HibernateDdl.differences(hibernate, scripts, "db/migration/postgresql");
        assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
    }
}
