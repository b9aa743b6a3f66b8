package org.ccs.server.schema;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.ccs.db.Dialect;
import org.ccs.db.Migrator;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's own schema validation (hbm2ddl validate: tables, columns and their types) of every
 * entity of server-core against a PostgreSQL database migrated by db-scripts — what
 * {@code DatabaseReadiness} does at run time, proven at build time. Uses the test PostgreSQL
 * (ccs.test.db.host/port/admin.user) and a database of its own, dropped afterwards.
 */
class PostgresSchemaValidationTest {

    private static final String HOST = System.getProperty("ccs.test.db.host", "127.0.0.1");
    private static final String PORT = System.getProperty("ccs.test.db.port", "55432");
    private static final String ADMIN = System.getProperty("ccs.test.db.admin.user", "postgres");
    private static final String ADMIN_PASSWORD = System.getProperty("ccs.test.db.admin.password", "");
    private static String database;

    @BeforeAll
    static void createAndMigrate() throws SQLException {
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        database = "ccs_validate_" + HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        Migrator.migrate(url(database), ADMIN, ADMIN_PASSWORD, Dialect.POSTGRESQL);
    }

    @AfterAll
    static void drop() throws SQLException {
        if (database == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static String url(String db) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
    }

    @Test
    void everyEntityValidatesAgainstTheMigratedSchema() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", url(database));
        settings.put("jakarta.persistence.jdbc.user", ADMIN);
        settings.put("jakarta.persistence.jdbc.password", ADMIN_PASSWORD);
        settings.put("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
        settings.put("hibernate.hbm2ddl.auto", "validate");
        settings.put("hibernate.connection.pool_size", "1");
        assertDoesNotThrow(() -> {
            EntityManagerFactory emf = new HibernatePersistenceProvider()
                    .createContainerEntityManagerFactory(HibernateDdl.unit(HibernateDdl.entityClasses()), settings);
            emf.close();
        });
    }
}
