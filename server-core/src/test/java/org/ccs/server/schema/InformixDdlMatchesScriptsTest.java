package org.ccs.server.schema;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ccs.db.Dialect;
import org.ccs.db.SqlSchema;
import org.ccs.db.SqlSchemaReader;
import org.junit.jupiter.api.Test;

/**
 * Every table and column that Hibernate's community InformixDialect wants for the entities of
 * server-core exists in db-scripts' Informix migrations (no Informix server needed: Hibernate renders
 * its DDL offline into target/ddl/informix-create.sql, read back with {@link SqlSchemaReader}).
 */
class InformixDdlMatchesScriptsTest {

    @Test
    void informixScriptsHoldEveryMappedTableAndColumn() {
        List<Class<?>> entities = HibernateDdl.entityClasses();
        assertFalse(entities.isEmpty(), "no @Entity classes found");
        String ddl = HibernateDdl.createScript("org.hibernate.community.dialect.InformixDialect", entities,
                "informix-create.sql");
        SqlSchema hibernate = SqlSchemaReader.read(ddl, true);
        assertTrue(hibernate.tableNames().size() >= entities.size(), () -> "Hibernate DDL not read: " + ddl);
        SqlSchema scripts = SqlSchemaReader.readMigrations(Dialect.INFORMIX, getClass().getClassLoader());
        List<String> differences = HibernateDdl.differences(hibernate, scripts, "db/migration/informix");
        assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
    }
}
