package org.ccs.server.gdpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ccs.csta.CompletedCall;
import org.ccs.csta.Leg;
import org.ccs.csta.PhoneNumbers;
import org.ccs.csta.Presentation;
import org.ccs.csta.Resync;
import org.ccs.db.Dialect;
import org.ccs.db.Migrator;
import org.ccs.server.agent.Agent;
import org.ccs.server.agent.SpeedListEntry;
import org.ccs.server.contact.CallerPresentation;
import org.ccs.server.contact.Channel;
import org.ccs.server.contact.ContactData;
import org.ccs.server.contact.ContactIngestion;
import org.ccs.server.contact.ContactRecord;
import org.ccs.server.contact.EmailReference;
import org.ccs.server.contact.Outcome;
import org.ccs.server.contact.TestIngestion;
import org.ccs.server.contact.TranscriptMessage;
import org.ccs.server.customer.ConsentRecord;
import org.ccs.server.customer.Customer;
import org.ccs.server.customer.CustomerIdentifier;
import org.ccs.server.media.AccessKeys;
import org.ccs.server.media.ChatEntryPoint;
import org.ccs.server.media.ConversationHub;
import org.ccs.server.media.ConversationStore;
import org.ccs.server.media.OpenMediaConnector;
import org.ccs.server.media.StoreTx;
import org.ccs.server.media.TextChannels;
import org.ccs.server.media.WorkQueue;
import org.ccs.server.security.AuditEntry;
import org.ccs.server.security.Role;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The GDPR service over the database procedures, with data seeded through the product's own path:
 * calls as the CSTA link completes them ({@link CompletedCall}), mapped by the telephony bridge's
 * {@code CallRecords} with caller numbers normalised by {@link PhoneNumbers}, stored by
 * {@link ContactIngestion}; chats, e-mails, IVR digits and the 360-degree view as the server's entities;
 * open chats and SMS conversations, and a chat that ended, through the text channels
 * ({@link TextChannels}, as contact-web calls them).
 * Outside the container: a resource-local Hibernate over a database migrated by db-scripts on the
 * test PostgreSQL, the service's datasource a LOGIN member of ccs_gdpr (another one of ccs_app).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GdprServiceIngestionTest {

    private static final String HOST = System.getProperty("ccs.test.db.host", "127.0.0.1");
    private static final String PORT = System.getProperty("ccs.test.db.port", "55432");
    private static final String ADMIN = System.getProperty("ccs.test.db.admin.user", "postgres");
    private static final String ADMIN_PASSWORD = System.getProperty("ccs.test.db.admin.password", "");
    private static final String SECRET = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final Instant T0 = Instant.parse("2025-05-05T08:00:00Z");
    private static final String REF = "DSR-2025-0100";
    private static final List<String> NEEDLES = List.of("7946 0123", "79460123", "harriet", "quenby", "blue ribbon",
            "green umbrella", "amber scarf");

    private String database;
    private String gdprLogin;
    private String appLogin;
    private EntityManagerFactory emf;
    private GdprService service;
    private final List<Long> harrietContacts = new ArrayList<>();
    private long bobCall;
    private TextChannels channels;
    private TextChannels.ChatSession harrietChat;
    private TextChannels.ChatSession bobChat;
    private String harrietSms;
    private final String chatKey = AccessKeys.newKey();
    private final String connectorKey = AccessKeys.newKey();
    private final GdprActor dpo = new GdprActor("dpo.smith", Role.DPO, "192.0.2.10");

    private final List<SubjectIdentifier> harriet = List.of(
            new SubjectIdentifier(SubjectIdentifier.Type.PHONE, "020 7946 0123"),
            new SubjectIdentifier(SubjectIdentifier.Type.EMAIL, "Harriet.Quenby@Example.com"),
            new SubjectIdentifier(SubjectIdentifier.Type.NAME, "Harriet Quenby"));

    @BeforeAll
    void createSeedAndConnect() throws Exception {
        String suffix = HexFormat.of().formatHex(randomBytes());
        database = "ccs_gdpr_service_" + suffix;
        gdprLogin = "t_gdpr_" + suffix;
        appLogin = "t_app_" + suffix;
        try (Connection c = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        Migrator.migrate(url(database), ADMIN, ADMIN_PASSWORD, Dialect.POSTGRESQL);
        try (Connection c = DriverManager.getConnection(url(database), ADMIN, ADMIN_PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + gdprLogin + " LOGIN PASSWORD 'pw-" + gdprLogin + "' IN ROLE ccs_gdpr");
            s.execute("CREATE ROLE " + appLogin + " LOGIN PASSWORD 'pw-" + appLogin + "' IN ROLE ccs_app");
            s.execute("INSERT INTO gdpr_site_secret (secret_hex, active, created_at) VALUES ('" + SECRET + "', true, now())");
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.jdbc.url", url(database));
        settings.put("jakarta.persistence.jdbc.user", ADMIN);
        settings.put("jakarta.persistence.jdbc.password", ADMIN_PASSWORD);
        settings.put("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
        settings.put("hibernate.hbm2ddl.auto", "none");
        settings.put("hibernate.jdbc.time_zone", "UTC");
        settings.put("hibernate.connection.pool_size", "2");
        emf = new HibernatePersistenceProvider().createContainerEntityManagerFactory(new GdprTestUnit(), settings);
        seed();
        service = new GdprService();
        service.dataSource = dataSource(gdprLogin);
        service.audit = new TransactionalAudit(emf);
    }

    @AfterAll
    void drop() throws SQLException {
        if (emf != null) {
            emf.close();
        }
        try (Connection c = DriverManager.getConnection(url("postgres"), ADMIN, ADMIN_PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + gdprLogin);
            s.execute("DROP ROLE IF EXISTS " + appLogin);
        }
    }

    @Test
    @Order(1)
    void findsWhatTheIngestionStoredWhateverTheWrittenFormOfTheNumber() {
        List<GdprHit> hits = service.find(harriet, REF, dpo);
        Set<Long> contacts = hits.stream().filter(h -> h.table().equals("contact_record")).map(GdprHit::rowId)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(harrietContacts), contacts, "every contact of hers, calls as the CSTA link stored them");
        assertFalse(contacts.contains(bobCall));
        Map<String, Long> byTable = hits.stream().collect(Collectors.groupingBy(GdprHit::table, Collectors.counting()));
        assertEquals(1L, byTable.get("customer"));
        assertEquals(2L, byTable.get("customer_identifier"));
        assertEquals(1L, byTable.get("consent_record"));
        assertEquals(1L, byTable.get("contact_data"));
        assertEquals(3L, byTable.get("transcript_message"), "her stored chat, and the one that ended through the channel");
        assertEquals(1L, byTable.get("email_reference"));
        assertEquals(1L, byTable.get("speed_list_entry"));
        assertEquals(7L, byTable.get("contact_leg"), "two legs of each of the three calls, the queue leg of the ended chat");
        // open conversations: her chat and her SMS (ANONYMISE), the conversation of the ended chat (KEEP);
        // the messages of the open ones, and Bob's message naming her (BLANK)
        Map<String, Long> conversations = hits.stream().filter(h -> h.table().equals("media_conversation"))
                .collect(Collectors.groupingBy(h -> h.matchedBy() + " " + h.eraseAction(), Collectors.counting()));
        assertEquals(Map.of("caller ANONYMISE", 2L, "contact KEEP", 1L), conversations);
        Map<String, Long> messages = hits.stream().filter(h -> h.table().equals("conversation_message"))
                .collect(Collectors.groupingBy(h -> h.matchedBy() + " " + h.eraseAction(), Collectors.counting()));
        assertEquals(Map.of("conversation DELETE", 3L, "text BLANK", 1L), messages);
        for (String written : List.of("+44 20 7946 0123", "0044 20 7946 0123", "+44 (0)20 7946-0123", "02079460123")) {
            List<GdprHit> again = service.find(List.of(new SubjectIdentifier(SubjectIdentifier.Type.PHONE, written)), null, dpo);
            assertEquals(keys(service.find(List.of(harriet.get(0)), null, dpo)), keys(again), written);
        }
    }

    @Test
    @Order(2)
    void exportsEveryRowAsJson() {
        List<GdprDocument> docs = service.export(harriet, REF, dpo);
        assertEquals(service.find(harriet, null, dpo).size(), docs.size());
        for (GdprDocument d : docs) {
            assertTrue(d.json().startsWith("{") && d.json().endsWith("}") && d.json().contains("\"table\""), d.json());
        }
        assertTrue(docs.stream().anyMatch(d -> d.json().contains("my parcel with the blue ribbon")));
        assertTrue(docs.stream().anyMatch(d -> d.table().equals("conversation_message") && d.json().contains("green umbrella")));
        assertTrue(docs.stream().anyMatch(d -> d.table().equals("media_conversation") && d.json().contains("020 7946 0123")),
                "her SMS conversation, under her number as the gateway sent it");
    }

    @Test
    @Order(3)
    void theApplicationLoginCannotRunTheProcedures() throws SQLException {
        GdprService asApplication = new GdprService();
        asApplication.dataSource = dataSource(appLogin);
        asApplication.audit = service.audit;
        assertThrows(GdprUnavailableException.class, () -> asApplication.erase(harriet, REF, false, dpo));
        assertThrows(GdprUnavailableException.class, () -> asApplication.find(harriet, REF, dpo));
        assertEquals(harrietContacts.size(), count("SELECT COUNT(*) FROM contact_record WHERE caller_id_norm IS NOT NULL"
                + " AND id IN (" + harrietContacts.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")"),
                "nothing changed");
    }

    @Test
    @Order(4)
    void badRequestsAreRefusedAndAudited() {
        GdprRequestException e = assertThrows(GdprRequestException.class, () -> service.erase(
                List.of(new SubjectIdentifier(SubjectIdentifier.Type.NAME, "Harriet Quenby")), REF, false, dpo));
        assertTrue(e.getMessage().contains("name alone"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase(Locale.ROOT).contains("quenby"), e.getMessage());
        assertThrows(GdprRequestException.class, () -> service.find(harriet, "harriet@example.com", dpo));
        GdprService unconfigured = new GdprService();
        unconfigured.audit = service.audit;
        GdprUnavailableException u = assertThrows(GdprUnavailableException.class, () -> unconfigured.find(harriet, REF, dpo));
        assertTrue(u.getMessage().contains("datasource-gdpr.cli"), u.getMessage());
    }

    @Test
    @Order(5)
    void dryRunThenEraseLeaveNoTraceAndKeepTheStatistics() throws SQLException {
        long contactsBefore = count("SELECT COUNT(*) FROM report_contact");
        GdprEraseResult dry = service.erase(harriet, REF, true, dpo);
        assertTrue(dry.dryRun());
        assertFalse(dry.refused());
        assertEquals(harrietContacts.size(), rows(dry, "contact_record", "ANONYMISE"));
        assertEquals(2, rows(dry, "media_conversation", "ANONYMISE"));
        assertEquals(1, rows(dry, "media_conversation", "KEEP"));
        assertEquals(3, rows(dry, "conversation_message", "DELETE"));
        assertEquals(1, rows(dry, "conversation_message", "BLANK"));
        assertFalse(occurrences().isEmpty(), "a dry run changes nothing");

        GdprEraseResult done = service.erase(harriet, REF, false, dpo);
        assertEquals(dry.counts(), done.counts().stream().map(n -> new GdprCount(n.table(), n.action(), n.rows(),
                "dry run, nothing changed: " + n.note())).toList(), "the dry run announced exactly what was done");
        assertEquals(List.of(), occurrences(), "no identifier, name or phrase of hers left");
        assertEquals(contactsBefore, count("SELECT COUNT(*) FROM report_contact"), "statistics survive");
        EntityManager em = emf.createEntityManager();
        try {
            for (long id : harrietContacts) {
                ContactRecord kept = em.find(ContactRecord.class, id);
                assertNotNull(kept, "contact record kept for statistics");
                assertNull(kept.callerIdRaw());
                assertNull(kept.callerIdNormalized());
            }
            ContactRecord bob = em.find(ContactRecord.class, bobCall);
            assertEquals("+442079460456", bob.callerIdNormalized(), "the other caller is untouched");
        } finally {
            em.close();
        }
        assertEquals(List.of(), service.find(harriet, REF, dpo), "a second request finds nothing");
        assertEquals(3L, count("SELECT COUNT(*) FROM conversation_message m JOIN media_conversation c ON c.id = m.conversation_id"
                + " WHERE c.party_norm = 'bob.marsh@example.com'"), "Bob's chat keeps its messages");
        assertEquals(1L, count("SELECT COUNT(*) FROM conversation_message m JOIN media_conversation c ON c.id = m.conversation_id"
                + " WHERE c.party_norm = 'bob.marsh@example.com' AND m.message_text = '[erased]'"), "the one naming her blanked");
    }

    @Test
    @Order(6)
    void everyCallIsInTheAuditTrailWithoutPersonalData() {
        EntityManager em = emf.createEntityManager();
        try {
            List<AuditEntry> entries = em.createQuery("select a from AuditEntry a order by a.id", AuditEntry.class).getResultList();
            List<String> actions = entries.stream().map(AuditEntry::action).toList();
            assertTrue(actions.containsAll(List.of("gdpr.find", "gdpr.export", "gdpr.erase.dry_run", "gdpr.erase")), actions::toString);
            assertTrue(entries.stream().anyMatch(a -> a.action().equals("gdpr.erase") && a.outcome() == AuditEntry.Outcome.FAILED),
                    "the application login's refused erasure is recorded");
            assertTrue(entries.stream().anyMatch(a -> a.action().equals("gdpr.erase") && a.outcome() == AuditEntry.Outcome.SUCCESS
                    && REF.equals(a.targetId()) && a.actor().equals("dpo.smith") && a.actorRole() == Role.DPO
                    && "192.0.2.10".equals(a.sourceAddress())));
            for (AuditEntry a : entries) {
                String text = (a.detail() + "|" + a.targetId() + "|" + a.targetType()).toLowerCase(Locale.ROOT);
                for (String needle : NEEDLES) {
                    assertFalse(text.contains(needle), a.action() + " holds " + needle + ": " + text);
                }
            }
        } finally {
            em.close();
        }
    }

    @Test
    @Order(7)
    void herOpenConversationsGoOnWithoutHerIdentification() throws SQLException {
        // the chat is still open: she may go on writing (her token still works); when it ends it is
        // recorded with what was written after the erasure and no caller identification
        channels.customerSays(harrietChat.chatId(), harrietChat.token(), "Thank you");
        channels.customerEnds(harrietChat.chatId(), harrietChat.token());
        EntityManager em = emf.createEntityManager();
        try {
            ContactRecord ended = em.createNamedQuery(ContactRecord.OF_CONVERSATION, ContactRecord.class)
                    .setParameter("ref", harrietChat.chatId()).getSingleResult();
            assertNull(ended.callerIdRaw());
            assertNull(ended.callerIdNormalized());
            assertEquals(List.of("Thank you"), em.createNamedQuery(TranscriptMessage.OF_CONTACT, TranscriptMessage.class)
                    .setParameter("contactId", ended.id()).getResultList().stream().map(TranscriptMessage::text).toList());
        } finally {
            em.close();
        }
        // her next SMS starts a new conversation: the erased one no longer knows her number
        TextChannels.OpenAccepted next = channels.post("gdpr-sms", connectorKey,
                new TextChannels.OpenMessage("SMS", "020 7946 0123", null, "Hello?"));
        assertTrue(next.newConversation());
        assertFalse(next.conversationId().equals(harrietSms));
    }

    // ---------------------------------------------------------------------------------------------

    /** Harriet and Bob through the product's own ingestion and entities. */
    private void seed() throws Exception {
        EntityManager em = emf.createEntityManager();
        ContactIngestion ingestion = new ContactIngestion();
        Field emField = ContactIngestion.class.getDeclaredField("em");
        emField.setAccessible(true);
        emField.set(ingestion, em);
        Method toRecord = Class.forName("org.ccs.server.telephony.CallRecords")
                .getDeclaredMethod("toRecord", CompletedCall.class, Function.class, Instant.class);
        toRecord.setAccessible(true);
        em.getTransaction().begin();
        Agent agent = new Agent("agent3001", "Tom", "Baker", "3001", T0);
        em.persist(agent);
        em.flush();
        Function<String, Long> agents = extension -> extension.equals("3001") ? agent.id() : null;

        // her calls, the caller number as three PBXs might report it
        int n = 0;
        for (String raw : List.of("+44 20 7946 0123", "N<020 7946 0123>", "tel:+442079460123")) {
            ContactRecord call = (ContactRecord) toRecord.invoke(null, call("csta:" + (100 + n) + ":" + n, raw,
                    T0.plus(Duration.ofHours(n))), agents, T0);
            assertTrue(ingestion.ingest(call));
            harrietContacts.add(call.id());
            if (n++ == 0) {
                em.persist(ContactData.masked(call, 1, "account_number", "******4821", T0));
            }
        }
        ContactRecord bob = (ContactRecord) toRecord.invoke(null, call("csta:200:0", "+44 20 7946 0456", T0), agents, T0);
        assertTrue(ingestion.ingest(bob));
        bobCall = bob.id();

        // her chat and her e-mail
        ContactRecord chat = text(Channel.CHAT, "chat:web:77ab01de", "harriet.quenby@example.com", T0.plus(Duration.ofDays(1)));
        assertTrue(ingestion.ingest(chat));
        em.persist(new TranscriptMessage(chat, 1, TranscriptMessage.SenderType.CUSTOMER, "harriet.quenby@example.com",
                T0.plus(Duration.ofDays(1)), "Hello, my parcel with the blue ribbon never arrived"));
        em.persist(new TranscriptMessage(chat, 2, TranscriptMessage.SenderType.AGENT, "agent3001",
                T0.plus(Duration.ofDays(1)), "Sorry to hear that."));
        ContactRecord mail = text(Channel.EMAIL, "imap:support@example.com:INBOX:1:41", "Harriet.Quenby@Example.com",
                T0.plus(Duration.ofDays(2)));
        assertTrue(ingestion.ingest(mail));
        em.persist(new EmailReference(mail, "support@example.com", "INBOX", 1L, 41L, "<41@mail.example.com>",
                "Parcel never arrived", T0.plus(Duration.ofDays(2))));
        harrietContacts.add(chat.id());
        harrietContacts.add(mail.id());

        // 360-degree view, consent, an agent's speed list
        Customer customer = new Customer("Harriet Quenby", T0);
        em.persist(customer);
        em.flush();
        em.persist(new CustomerIdentifier(customer.id(), CustomerIdentifier.Type.PHONE, "020 7946 0123",
                PhoneNumbers.normalize("020 7946 0123", "GB"), T0));
        em.persist(new CustomerIdentifier(customer.id(), CustomerIdentifier.Type.EMAIL, "Harriet.Quenby@Example.com",
                "harriet.quenby@example.com", T0));
        em.persist(new ConsentRecord(customer.id(), "MARKETING_EMAIL", ConsentRecord.Status.GRANTED, ConsentRecord.Source.WEB,
                "form-2025-1", "web", T0, null));
        em.persist(SpeedListEntry.manual(agent.id(), "Harriet Quenby", "020 7946 0123",
                PhoneNumbers.normalize("020 7946 0123", "GB"), 1, T0));
        // the chat entry point and the SMS gateway of the site (keys stored as hashes)
        ChatEntryPoint entry = new ChatEntryPoint("gdpr-shop", "Web shop", "https://shop.example.com", null);
        entry.changeKey(AccessKeys.hash(chatKey));
        em.persist(entry);
        OpenMediaConnector gateway = new OpenMediaConnector("gdpr-sms", null);
        gateway.changeKey(AccessKeys.hash(connectorKey));
        em.persist(gateway);
        em.getTransaction().commit();
        em.close();
        assertEquals("+442079460123", PhoneNumbers.normalize("N<020 7946 0123>", "GB"), "the product's normal form");
        seedConversations();
    }

    /** Chats and an SMS conversation as contact-web starts them: through {@link TextChannels}. */
    private void seedConversations() throws SQLException {
        StoreTx tx = new StoreTx() {
            @Override
            public <T> T call(Function<ConversationStore, T> work) {
                EntityManager own = emf.createEntityManager();
                try {
                    own.getTransaction().begin();
                    T result = work.apply(new ConversationStore(own, TestIngestion.over(own), java.time.Clock.systemUTC()));
                    own.getTransaction().commit();
                    return result;
                } finally {
                    if (own.getTransaction().isActive()) {
                        own.getTransaction().rollback();
                    }
                    own.close();
                }
            }
        };
        channels = new TextChannels(tx, WorkQueue.NONE, new ConversationHub(), new AccessKeys(), java.time.Clock.systemUTC(),
                new TextChannels.Limits(2000, 100, 100, 100));
        // a chat she had earlier: ended, recorded with its transcript, its conversation closed
        TextChannels.ChatSession earlier = channels.startChat(new TextChannels.ChatStart("gdpr-shop", chatKey, "Harriet Quenby",
                "Harriet.Quenby@Example.com", "Where is my amber scarf?"), "https://shop.example.com", "192.0.2.20");
        channels.customerEnds(earlier.chatId(), earlier.token());
        harrietContacts.add(count("SELECT id FROM contact_record WHERE conversation_ref = '" + earlier.chatId() + "'"));
        // her chat, still open
        harrietChat = channels.startChat(new TextChannels.ChatStart("gdpr-shop", chatKey, "Harriet Quenby",
                "Harriet.Quenby@Example.com", "Hello, my green umbrella never came"), "https://shop.example.com", "192.0.2.20");
        channels.customerSays(harrietChat.chatId(), harrietChat.token(), "You can text me on 020 7946 0123");
        // her SMS, the number written as her phone sends it
        harrietSms = channels.post("gdpr-sms", connectorKey, new TextChannels.OpenMessage("SMS", "020 7946 0123", null,
                "Any news about the blue ribbon parcel?")).conversationId();
        // Bob's open chat, in which he names her
        bobChat = channels.startChat(new TextChannels.ChatStart("gdpr-shop", chatKey, "Bob Marsh", "bob.marsh@example.com",
                "Hello, Bob here"), "https://shop.example.com", "192.0.2.21");
        channels.customerSays(bobChat.chatId(), bobChat.token(), "My neighbour Harriet Quenby says hello");
        channels.customerSays(bobChat.chatId(), bobChat.token(), "Where is my order?");
    }

    /** A call as the CSTA link completes it: queued at 4000, answered by extension 3001. */
    private static CompletedCall call(String sourceRef, String raw, Instant start) {
        return new CompletedCall(sourceRef, raw, PhoneNumbers.normalize(raw, "GB"), Presentation.AVAILABLE, "4000", start,
                start.plusSeconds(20), start.plusSeconds(200), 12, 8, 170, 0, org.ccs.csta.Outcome.ANSWERED, "3001",
                List.of(new Leg(org.ccs.csta.LegType.QUEUE, "4000", start, start.plusSeconds(20)),
                        new Leg(org.ccs.csta.LegType.TALK, "3001", start.plusSeconds(20), start.plusSeconds(200))),
                null, org.ccs.csta.Direction.INBOUND, List.of("3001"), List.of(), List.of(), null, null, Resync.NONE);
    }

    private static ContactRecord text(Channel channel, String sourceRef, String from, Instant start) {
        return ContactRecord.builder().channel(channel).sourceRef(sourceRef)
                .caller(from, from.toLowerCase(Locale.ROOT), CallerPresentation.AVAILABLE)
                .period(start, start.plusSeconds(30), start.plusSeconds(600)).durations(30, 0, 570, 0)
                .outcome(Outcome.HANDLED).createdAt(start).build();
    }

    private static int rows(GdprEraseResult result, String table, String action) {
        return result.counts().stream().filter(n -> n.table().equals(table) && n.action().equals(action))
                .mapToInt(GdprCount::rows).sum();
    }

    private static Set<String> keys(List<GdprHit> hits) {
        return hits.stream().map(h -> h.table() + "#" + h.rowId()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every table of the schema as text, searched for what identifies her. */
    private List<String> occurrences() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(database), ADMIN, ADMIN_PASSWORD); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT lower(t::text) FROM " + table + " t")) {
                    while (rs.next()) {
                        for (String needle : NEEDLES) {
                            if (rs.getString(1).contains(needle)) {
                                found.add(table + ": " + needle);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(database), ADMIN, ADMIN_PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private javax.sql.DataSource dataSource(String login) {
        return new LoginDataSource(url(database), login, "pw-" + login);
    }

    private static String url(String db) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[5];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** Connections of one login through DriverManager (the driver is a runtime dependency only). */
    private record LoginDataSource(String url, String user, String password) implements javax.sql.DataSource {
        @Override public Connection getConnection() throws SQLException { return DriverManager.getConnection(url, user, password); }
        @Override public Connection getConnection(String u, String p) throws SQLException { return DriverManager.getConnection(url, u, p); }
        @Override public java.io.PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(java.io.PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public java.util.logging.Logger getParentLogger() { return java.util.logging.Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> type) throws SQLException { throw new SQLException("not a wrapper"); }
        @Override public boolean isWrapperFor(Class<?> type) { return false; }
    }

    /** The audit writer with the transaction its REQUIRES_NEW gives it in the container. */
    private static final class TransactionalAudit extends GdprAudit {
        private final EntityManagerFactory emf;

        TransactionalAudit(EntityManagerFactory emf) {
            this.emf = emf;
        }

        @Override
        public void record(GdprActor actor, String action, String requestRef, AuditEntry.Outcome outcome, String detail) {
            EntityManager own = emf.createEntityManager();
            try {
                own.getTransaction().begin();
                this.em = own;
                super.record(actor, action, requestRef, outcome, detail);
                own.getTransaction().commit();
            } finally {
                own.close();
            }
        }
    }
}
