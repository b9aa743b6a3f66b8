package org.ccs.server.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Gives Quartz's JDBC job store the connections of the server's datasource
 * ({@code java:jboss/datasources/CcsDS}): no pool of Quartz's own, no second set of credentials.
 * Shutting Quartz down leaves the datasource alone (it belongs to the server).
 */
final class DataSourceConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;

    DataSourceConnectionProvider(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "data source is required");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the datasource is the server's
    }

    @Override
    public void initialize() {
        // nothing to set up
    }
}
