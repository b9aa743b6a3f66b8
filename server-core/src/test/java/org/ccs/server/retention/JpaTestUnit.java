package org.ccs.server.retention;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * Hibernate over a test database, outside the container: every entity of server-core, the server's
 * settings (UTC, no schema generation), connections as the application role. A service under test
 * gets an {@link EntityManager} and runs inside {@link #inTransaction}, as the EJB container would run it.
 */
final class JpaTestUnit implements AutoCloseable {

    private final EntityManagerFactory emf;

    JpaTestUnit(RetentionTestDb db) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", db.url());
        settings.put("jakarta.persistence.jdbc.user", db.appUser);
        settings.put("jakarta.persistence.jdbc.password", db.appPassword);
        settings.put("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
        settings.put("hibernate.hbm2ddl.auto", "none");
        settings.put("hibernate.jdbc.time_zone", "UTC");
        settings.put("hibernate.connection.pool_size", "2");
        emf = new HibernatePersistenceProvider().createContainerEntityManagerFactory(new Unit(entities()), settings);
    }

    EntityManager entityManager() {
        return emf.createEntityManager();
    }

    /** Runs {@code work} in one transaction, committed unless it throws; the exception is rethrown. */
    <T> T inTransaction(EntityManager em, Function<EntityManager, T> work) {
        em.getTransaction().begin();
        try {
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        } finally {
            em.clear();
        }
    }

    /** As the container does with an application exception marked rollback=false: commit, then rethrow. */
    <T> T inTransactionCommitting(EntityManager em, Function<EntityManager, T> work) {
        em.getTransaction().begin();
        try {
            return work.apply(em);
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().commit();
            }
            em.clear();
        }
    }

    @Override
    public void close() {
        emf.close();
    }

    private static List<String> entities() {
        Path classes;
        try {
            URL location = RetentionPolicy.class.getProtectionDomain().getCodeSource().getLocation();
            classes = Path.of(location.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, JpaTestUnit.class.getClassLoader());
                if (type.isAnnotationPresent(Entity.class)) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private record Unit(List<String> classes) implements PersistenceUnitInfo {
        @Override public String getPersistenceUnitName() { return "ccs-test"; }
        @Override public String getPersistenceProviderClassName() { return HibernatePersistenceProvider.class.getName(); }
        @Override public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
        @Override public DataSource getJtaDataSource() { return null; }
        @Override public DataSource getNonJtaDataSource() { return null; }
        @Override public List<String> getMappingFileNames() { return List.of(); }
        @Override public List<URL> getJarFileUrls() { return List.of(); }
        @Override public URL getPersistenceUnitRootUrl() { return null; }
        @Override public List<String> getManagedClassNames() { return classes; }
        @Override public boolean excludeUnlistedClasses() { return true; }
        @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
        @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }
        @Override public Properties getProperties() { return new Properties(); }
        @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
        @Override public ClassLoader getClassLoader() { return JpaTestUnit.class.getClassLoader(); }
        @Override public void addTransformer(ClassTransformer transformer) { }
        @Override public ClassLoader getNewTempClassLoader() { return JpaTestUnit.class.getClassLoader(); }
    }
}
