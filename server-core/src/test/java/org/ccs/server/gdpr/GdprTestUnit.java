package org.ccs.server.gdpr;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;

/** A resource-local persistence unit over the entities the GDPR test writes (settings give the connection). */
final class GdprTestUnit implements PersistenceUnitInfo {

    static final List<String> ENTITIES = List.of(
            "org.ccs.server.agent.Agent", "org.ccs.server.agent.SpeedListEntry",
            "org.ccs.server.contact.ContactRecord", "org.ccs.server.contact.ContactLeg",
            "org.ccs.server.contact.ContactData", "org.ccs.server.contact.TranscriptMessage",
            "org.ccs.server.contact.EmailReference", "org.ccs.server.customer.Customer",
            "org.ccs.server.customer.CustomerIdentifier", "org.ccs.server.customer.ConsentRecord",
            "org.ccs.server.security.AuditEntry", "org.ccs.server.media.ChatEntryPoint",
            "org.ccs.server.media.OpenMediaConnector", "org.ccs.server.media.Conversation",
            "org.ccs.server.media.ConversationMessage");

    @Override public String getPersistenceUnitName() { return "ccs-gdpr-test"; }
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
    @Override public ClassLoader getClassLoader() { return GdprTestUnit.class.getClassLoader(); }
    @Override public void addTransformer(ClassTransformer transformer) { }
    @Override public ClassLoader getNewTempClassLoader() { return GdprTestUnit.class.getClassLoader(); }
}
