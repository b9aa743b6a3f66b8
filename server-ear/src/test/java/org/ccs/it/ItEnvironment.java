package org.ccs.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** What PrepareItDatabase set up for this run: server properties, database connections. */
final class ItEnvironment {

    final Properties server = new Properties();

    ItEnvironment() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("ccs.it.properties")))) {
            server.load(in);
        }
    }

    String managerPassword() {
        return server.getProperty("ccs.initial.manager.password");
    }

    String agentPassword() {
        return server.getProperty("ccs.demo.agent.password");
    }

    int cstaPort() {
        return Integer.parseInt(server.getProperty("ccs.csta.port"));
    }

    int property(String name) {
        return Integer.parseInt(server.getProperty(name));
    }

    /** The database as its owner (the test cluster's superuser), to check what the server wrote. */
    Connection admin() throws SQLException {
        return DriverManager.getConnection(server.getProperty("ccs.db.url"),
                System.getProperty("ccs.test.db.admin.user", "postgres"), "");
    }
}
