package org.ccs.server.schema;

import jakarta.persistence.Entity;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.ccs.db.SqlSchema;
import org.ccs.server.agent.Agent;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * Renders the DDL Hibernate would create for every entity of server-core, offline (no database), and
 * compares it with the schema the db-scripts migrations build.
 */
final class HibernateDdl {

    private HibernateDdl() {
    }

    /** Every class of server-core's main output annotated with {@code @Entity}. */
    static List<Class<?>> entityClasses() {
        Path classes = mainClassesFolder();
        List<Class<?>> entities = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, HibernateDdl.class.getClassLoader());
                if (type.isAnnotationPresent(Entity.class)) {
                    entities.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return entities;
    }

    private static Path mainClassesFolder() {
        try {
            URL location = Agent.class.getProtectionDomain().getCodeSource().getLocation();
            return Path.of(location.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the create script for {@code dialect} into target/ddl/{@code fileName} and returns its text. */
    static String createScript(String dialect, List<Class<?>> entities, String fileName) {
        Path target = mainClassesFolder().getParent().resolve("ddl").resolve(fileName);
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target); // Hibernate appends to an existing script
            Map<String, Object> settings = new HashMap<>();
            settings.put("hibernate.dialect", dialect);
            settings.put("hibernate.boot.allow_jdbc_metadata_access", "false");
            settings.put("jakarta.persistence.schema-generation.database.action", "none");
            settings.put("jakarta.persistence.schema-generation.scripts.action", "create");
            settings.put("jakarta.persistence.schema-generation.scripts.create-target", target.toString());
            settings.put("hibernate.hbm2ddl.delimiter", ";");
            settings.put("hibernate.format_sql", "false");
            new HibernatePersistenceProvider().generateSchema(new OfflineUnit(entities), settings);
            return Files.readString(target, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What Hibernate wants that the scripts do not give: missing tables and columns, columns the scripts
     * make NOT NULL but the entity may leave null, and strings longer in the entity than in the table.
     */
    static List<String> differences(SqlSchema hibernate, SqlSchema scripts, String scriptsName) {
        List<String> out = new ArrayList<>();
        for (SqlSchema.Table wanted : hibernate.tables().values()) {
            SqlSchema.Table table = scripts.tables().get(wanted.name());
            if (table == null) {
                out.add("table " + wanted.name() + " is mapped but not created by " + scriptsName);
                continue;
            }
            for (SqlSchema.Column column : wanted.columns().values()) {
                SqlSchema.Column actual = table.columns().get(column.name());
                String at = wanted.name() + "." + column.name();
                if (actual == null) {
                    out.add(at + " is mapped but not created by " + scriptsName);
                    continue;
                }
                if (column.nullable() && !actual.nullable()) {
                    out.add(at + " is NOT NULL in " + scriptsName + " but nullable in the entity");
                }
                int wantedLength = stringLength(column);
                int actualLength = stringLength(actual);
                if (wantedLength > 0 && actualLength > 0 && wantedLength > actualLength) {
                    out.add(at + " holds " + wantedLength + " characters in the entity, " + actual.type() + " in "
                            + scriptsName);
                }
            }
        }
        return out;
    }

    /** The declared length of a character column, or -1 for other types. */
    private static int stringLength(SqlSchema.Column c) {
        String t = c.type().toUpperCase(Locale.ROOT);
        boolean text = t.startsWith("VARCHAR") || t.startsWith("LVARCHAR") || t.startsWith("NVARCHAR")
                || t.startsWith("CHARACTER VARYING") || t.startsWith("CHAR");
        return text ? c.length() : -1;
    }

    /** A persistence unit listing {@code entities}, without a data source (settings supply any connection). */
    static PersistenceUnitInfo unit(List<Class<?>> entities) {
        return new OfflineUnit(entities);
    }

    /** A persistence unit that lists the entities and has no data source: DDL to a script only. */
    private static final class OfflineUnit implements PersistenceUnitInfo {
        private final List<String> classNames;

        OfflineUnit(List<Class<?>> entities) {
            this.classNames = entities.stream().map(Class::getName).toList();
        }

        @Override public String getPersistenceUnitName() { return "ccs-ddl"; }
        @Override public String getPersistenceProviderClassName() { return HibernatePersistenceProvider.class.getName(); }
        @Override public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
        @Override public DataSource getJtaDataSource() { return null; }
        @Override public DataSource getNonJtaDataSource() { return null; }
        @Override public List<String> getMappingFileNames() { return List.of(); }
        @Override public List<URL> getJarFileUrls() { return List.of(); }
        @Override public URL getPersistenceUnitRootUrl() { return null; }
        @Override public List<String> getManagedClassNames() { return classNames; }
        @Override public boolean excludeUnlistedClasses() { return true; }
        @Override public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.NONE; }
        @Override public ValidationMode getValidationMode() { return ValidationMode.NONE; }
        @Override public Properties getProperties() { return new Properties(); }
        @Override public String getPersistenceXMLSchemaVersion() { return "3.0"; }
        @Override public ClassLoader getClassLoader() { return HibernateDdl.class.getClassLoader(); }
        @Override public void addTransformer(ClassTransformer transformer) { }
        @Override public ClassLoader getNewTempClassLoader() { return HibernateDdl.class.getClassLoader(); }
    }
}
