package org.ccs.server.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import javax.sql.DataSource;
import org.ccs.db.Dialect;
import org.ccs.db.Migrator;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * A throw-away database on the test PostgreSQL (ccs.test.db.host/port/admin.user), migrated by
 * db-scripts, with a resource-local Hibernate over the server's entities: what the server does in
 * its container, for tests (and benchmarks) outside it. {@link #close()} drops the database.
 */
public final class TestDatabase implements AutoCloseable {

    /** Every entity of server-core the text-media code touches (and what they reference). */
    public static final List<String> ENTITIES = List.of(
            "org.ccs.server.agent.Agent", "org.ccs.server.agent.AgentGroup", "org.ccs.server.agent.AgentGroupMember",
            "org.ccs.server.security.UserAccount", "org.ccs.server.contact.ContactRecord",
            "org.ccs.server.contact.ContactLeg", "org.ccs.server.contact.ContactData", "org.ccs.server.contact.EmailReference",
            "org.ccs.server.contact.TranscriptMessage", "org.ccs.server.media.Mailbox",
            "org.ccs.server.media.ChatEntryPoint", "org.ccs.server.media.OpenMediaConnector",
            "org.ccs.server.media.Conversation", "org.ccs.server.media.ConversationMessage",
            "org.ccs.server.media.mail.MailSyncState", "org.ccs.server.routing.AgentMediaSkill");

    private static final String HOST = System.getProperty("ccs.test.db.host", "127.0.0.1");
    private static final String PORT = System.getProperty("ccs.test.db.port", "55432");
    private static final String ADMIN = System.getProperty("ccs.test.db.admin.user", "postgres");
    private static final String ADMIN_PASSWORD = System.getProperty("ccs.test.db.admin.password", "");

    private final String name;
    private final EntityManagerFactory emf;

    private TestDatabase(String prefix) throws SQLException {
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        this.name = prefix + "_" + HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        Migrator.migrate(url(name), ADMIN, ADMIN_PASSWORD, Dialect.POSTGRESQL);
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", url(name));
        settings.put("jakarta.persistence.jdbc.user", ADMIN);
        settings.put("jakarta.persistence.jdbc.password", ADMIN_PASSWORD);
        settings.put("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
        settings.put("hibernate.hbm2ddl.auto", "none");
        settings.put("hibernate.jdbc.time_zone", "UTC");
        settings.put("hibernate.connection.pool_size", "8");
        settings.put("hibernate.jdbc.batch_size", "50");
        settings.put("hibernate.order_inserts", "true");
        this.emf = new HibernatePersistenceProvider().createContainerEntityManagerFactory(new Unit(), settings);
    }

    /** A new migrated database whose name starts with {@code prefix}. */
    public static TestDatabase create(String prefix) throws SQLException {
        return new TestDatabase(prefix);
    }

    public String name() {
        return name;
    }

    public String url() {
        return url(name);
    }

    /** A JDBC connection as the owner, to look at what the code wrote. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(name), ADMIN, ADMIN_PASSWORD);
    }

    public EntityManagerFactory emf() {
        return emf;
    }

    /** Runs the work in a transaction of its own and commits (rolls back when it throws). */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    @Override
    public void close() throws SQLException {
        emf.close();
        try (Connection c = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static String url(String db) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
    }

    private static final class Unit implements PersistenceUnitInfo {
        @Override public String getPersistenceUnitName() { return "ccs-test"; }
        @Override public String getPersistenceProviderClassName() { return HibernatePersistenceProvider.class.getName(); }
        @Override public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
        @Override public DataSource getJtaDataSource() { return null; }
        @Override public DataSource getNonJtaDataSource() { return null; }
        @Override public List<String> getMappingFileNames() { return List.of(); }
        @Override public List<URL> getJarFileUrls() { return List.of(); }
        @Override public URL getPersistenceUnitRootUrl() { return null; }
        @Override public List<String> getManagedClassNames() { return ENTITIES; }
        @Override public boolean excludeUnlistedClasses() { return true; }
        @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
        @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }
        @Override public Properties getProperties() { return new Properties(); }
        @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
        @Override public ClassLoader getClassLoader() { return TestDatabase.class.getClassLoader(); }
        @Override public void addTransformer(ClassTransformer transformer) { }
        @Override public ClassLoader getNewTempClassLoader() { return TestDatabase.class.getClassLoader(); }
    }
}
