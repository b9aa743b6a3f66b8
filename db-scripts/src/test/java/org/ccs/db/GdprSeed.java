package org.ccs.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * Realistic data for the GDPR contract suite, in plain SQL that both databases accept: an
 * organisation (two agents with accounts, groups, team list, availability history, speed lists), the
 * data subject Harriet Quenby (360-degree customer with five identifiers, one of them only known
 * there; consents; calls with legs from two numbers written in several ways; IVR digits; e-mails; a
 * chat under her e-mail; an anonymous chat where she gives her name and address; a social-media
 * contact; speed-list entries of two agents), two other customers (Bob Marsh, whose chat mentions
 * her; Carol Dunmore, under legal hold, whose e-mail subject mentions her) and an anonymous call.
 * Open text conversations (V10, erased since V12): her chat under her e-mail, her SMS from her
 * number as written nationally, a messenger conversation under her name, all still open; an anonymous open chat where she gives her name and
 * the number only the 360-degree view knows; the closed conversation of her stored chat; Bob's open
 * chat in which he names her; Evan Ashby, known only by his open SMS conversation; agents' media
 * skills.
 * Numbers are in the range reserved for drama (+44 20 7946 0xxx), addresses at example.com.
 *
 * <p>{@link #expected} records, for the request {@link #SUBJECT}, every row the procedures must find
 * and what erasure does with it.
 */
final class GdprSeed {

    /** Harriet, as a DBA would type the request: a phone number, her e-mail, her name. */
    static final String SUBJECT = "phone:+44 20 7946 0123;email:Harriet.Quenby@Example.com;name:Harriet Quenby";
    static final String PHONE_PLUS = "+44 20 7946 0123";
    /** What must be gone from the whole database after her erasure (compared case-insensitively). */
    static final List<String> NEEDLES = List.of("Harriet", "Quenby", "7946 0123", "79460123", "7946-0123", "7946 0199",
            "79460199", "CUST-104729", "hquenby", "blue ribbon", "lavender teapot", "parcel 7731", "order 5521",
            "U2FsdGVkX19hcnJpZXQ0ODIx", "green umbrella", "order 6620", "amber scarf");
    static final String BOB_SUBJECT = "phone:020 7946 0456";
    static final String CAROL_SUBJECT = "email:carol.dunmore@example.com";
    static final String CAROL_MATTER = "LH-2025-017";
    /** Known only by his open SMS conversation (the TRANSCRIPT category hold test). */
    static final String EVAN_SUBJECT = "phone:020 7946 0888";
    /** The agent whose erasure the suite tests (sends messages in Bob's chat, recorded Bob's consent). */
    static final String AGENT_ERASED = "agent2002";

    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    /** Hits of {@link #SUBJECT}: "table#id" -> erase action. */
    final Map<String, String> expected = new LinkedHashMap<>();
    long harrietCustomer;
    long bobCustomer;
    long carolCustomer;
    long agentErasedId;
    long bobChat;
    long bobMentionMessage;
    long carolEmailReference;
    long harrietOpenChat;
    long harrietSms;
    long harrietMessenger;
    long anonymousOpenChat;
    long harrietClosedChat;
    long bobOpenChat;
    long bobOpenChatMention;
    long evanSms;
    long priyaSkill;
    long webShop;
    long smsGateway;
    final List<Long> harrietContacts = new ArrayList<>();

    private final Connection c;
    private int sourceSeq;

    private GdprSeed(Connection c) {
        this.c = c;
    }

    static GdprSeed seed(Connection c) throws SQLException {
        GdprSeed s = new GdprSeed(c);
        s.all();
        return s;
    }

    /** The site secret (32 random-looking bytes, hex) the suite hashes with; inserted when none is active. */
    static final String SECRET_HEX = "6f3c1d2e9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f3021120300ff";

    static void ensureSecret(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM gdpr_site_secret WHERE active = 't'")) {
            rs.next();
            if (rs.getInt(1) > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO gdpr_site_secret (secret_hex, active, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, SECRET_HEX);
            ps.setBoolean(2, true);
            ps.setTimestamp(3, Timestamp.from(T0), UTC);
            ps.executeUpdate();
        }
    }

    private void all() throws SQLException {
        long dept = insert("department", "name", "Customer Service");
        long group = insert("agent_group", "name", "Front Office", "department_id", dept);
        long tom = agent("agent2001", "Tom", "Baker", "2001", dept);
        long priya = agent("agent2002", "Priya", "Nair", "2002", dept);
        agentErasedId = priya;
        long tomUser = insert("app_user", "username", "agent2001", "password_hash", "pbkdf2$210000$c2FsdA$aGFzaA",
                "role_name", "AGENT", "agent_id", tom, "enabled", true, "created_at", T0);
        insert("app_user", "username", "agent2002", "password_hash", "pbkdf2$210000$c2FsdB$aGFzaB",
                "role_name", "AGENT", "agent_id", priya, "enabled", true, "created_at", T0);
        long supervisor = insert("app_user", "username", "sup.ellis", "password_hash", "pbkdf2$210000$c2FsdC$aGFzaC",
                "role_name", "SUPERVISOR", "enabled", true, "created_at", T0);
        insert("group_supervisor", "group_id", group, "user_id", supervisor, "added_at", T0);
        insert("agent_group_member", "group_id", group, "agent_id", tom, "added_at", T0);
        insert("agent_group_member", "group_id", group, "agent_id", priya, "added_at", T0);
        insert("team_visibility", "viewer_agent_id", tom, "visible_agent_id", priya, "created_at", T0);
        insert("team_visibility", "viewer_agent_id", priya, "visible_group_id", group, "created_at", T0);
        for (long agent : new long[] {tom, priya}) {
            insert("agent_state_history", "agent_id", agent, "state", "READY", "entered_at", T0);
            insert("agent_state_history", "agent_id", agent, "state", "NOT_READY", "reason_code", "LUNCH",
                    "entered_at", T0.plus(Duration.ofHours(3)));
        }
        insert("designated_number", "device", "4000", "kind", "ACD_GROUP", "label", "Hotline", "group_id", group,
                "active", true);
        insert("mailbox", "address", "support@example.com", "display_name", "Support", "imap_host", "mail.example.com",
                "imap_port", 993, "imap_folder", "INBOX", "login_name", "support", "credential_alias", "ccs-mail-support",
                "group_id", group, "active", true);
        webShop = insert("chat_entry_point", "entry_key", "web-shop", "name", "Web shop",
                "allowed_origin", "https://shop.example.com", "group_id", group, "active", true);
        smsGateway = insert("open_media_connector", "name", "sms-gateway", "group_id", group, "active", true);
        // which text media the agents handle: Priya's go with her, Tom's stay
        priyaSkill = insert("agent_media_skill", "agent_id", priya, "media", "CHAT", "max_parallel", 2);
        insert("agent_media_skill", "agent_id", tom, "media", "CHAT", "max_parallel", 3);
        insert("agent_media_skill", "agent_id", tom, "media", "EMAIL", "max_parallel", 5);
        // Priya's own speed list (erased with her); Tom keeps a colleague's number
        insert("speed_list_entry", "agent_id", priya, "display_name", "Warehouse", "phone_number", "020 7946 0900",
                "phone_number_norm", "+442079460900", "source", "MANUAL", "sort_order", 1, "created_at", T0);
        insert("speed_list_entry", "agent_id", tom, "display_name", "Priya Nair", "phone_number", "2002",
                "source", "LDAP", "external_ref", "uid=pnair,ou=people,dc=example,dc=com", "sort_order", 2, "created_at", T0);

        harriet(tom, priya);
        harrietOpen(tom);
        bob(tom, priya);
        carol(tom);
        evan();
        // an anonymous call: nothing identifies anybody
        voiceCall(null, null, "RESTRICTED", null, tom, T0.plus(Duration.ofDays(6)));
    }

    private void harriet(long tom, long priya) throws SQLException {
        harrietCustomer = insert("customer", "display_name", "Harriet Quenby", "created_at", T0);
        hit("customer", harrietCustomer, "DELETE");
        hit("customer_identifier", identifier(harrietCustomer, "PHONE", "020 7946 0123", "+442079460123"), "DELETE");
        // known only to the 360-degree view, stored without '+': found by following the link
        hit("customer_identifier", identifier(harrietCustomer, "PHONE", "+44 20 7946 0199", "442079460199"), "DELETE");
        hit("customer_identifier", identifier(harrietCustomer, "EMAIL", "Harriet.Quenby@Example.com",
                "harriet.quenby@example.com"), "DELETE");
        hit("customer_identifier", identifier(harrietCustomer, "CUSTOMER_ID", "CUST-104729", "CUST-104729"), "DELETE");
        hit("customer_identifier", identifier(harrietCustomer, "SOCIAL", "twitter:@HQuenby", "twitter:@hquenby"), "DELETE");
        hit("consent_record", insert("consent_record", "customer_id", harrietCustomer, "purpose", "MARKETING_EMAIL",
                "status", "GRANTED", "source", "WEB", "evidence_ref", "web-form-2025-0001", "recorded_by", "web",
                "recorded_at", T0), "DELETE");
        hit("consent_record", insert("consent_record", "customer_id", harrietCustomer, "purpose", "MARKETING_EMAIL",
                "status", "WITHDRAWN", "source", "AGENT", "recorded_by", "agent2001", "recorded_at",
                T0.plus(Duration.ofDays(2))), "DELETE");

        // calls from her number as the PBX reported it, in several ways; two linked to her customer record
        long call1 = voiceCall("+44 20 7946 0123", "+442079460123", "AVAILABLE", harrietCustomer, tom, T0.plus(Duration.ofHours(1)));
        long call2 = voiceCall("tel:+442079460123", "+442079460123", "AVAILABLE", harrietCustomer, priya, T0.plus(Duration.ofHours(5)));
        voiceCall("N<020 7946 0123>", "+442079460123", "AVAILABLE", null, tom, T0.plus(Duration.ofDays(1)));
        // from the number only the 360-degree view knows
        voiceCall("+44 20 7946 0199", "+442079460199", "AVAILABLE", null, tom, T0.plus(Duration.ofDays(2)));
        hit("contact_data", insert("contact_data", "contact_id", call1, "seq", 1, "data_key", "account_number",
                "masked_value", "******4821", "encrypted_value", "U2FsdGVkX19hcnJpZXQ0ODIx", "key_id", "ivr-2025",
                "collected_at", T0.plus(Duration.ofHours(1))), "DELETE");
        hit("contact_data", insert("contact_data", "contact_id", call2, "seq", 1, "data_key", "date_of_birth",
                "masked_value", "**/**/1984", "collected_at", T0.plus(Duration.ofHours(5))), "DELETE");

        // e-mails from her address
        long mail1 = contact("EMAIL", "imap:support@example.com:INBOX:1709456400:41",
                "Harriet Quenby <Harriet.Quenby@Example.com>", "harriet.quenby@example.com", harrietCustomer, tom,
                T0.plus(Duration.ofDays(3)));
        hit("email_reference", insert("email_reference", "contact_id", mail1, "mailbox", "support@example.com",
                "folder", "INBOX", "uid_validity", 1709456400L, "uid", 41L, "message_id", "<20250306.0941.7731@mail.example.com>",
                "subject", "Parcel 7731 never arrived", "received_at", T0.plus(Duration.ofDays(3))), "DELETE");
        long mail2 = contact("EMAIL", "imap:support@example.com:INBOX:1709456400:57", "harriet.quenby@example.com",
                "harriet.quenby@example.com", null, tom, T0.plus(Duration.ofDays(4)));
        hit("email_reference", insert("email_reference", "contact_id", mail2, "mailbox", "support@example.com",
                "folder", "INBOX", "uid_validity", 1709456400L, "uid", 57L, "message_id", "<20250307.1102.0057@mail.example.com>",
                "subject", "Re: refund for order 5521 (call me on 020 7946 0123)", "received_at", T0.plus(Duration.ofDays(4))),
                "DELETE");

        // a chat she opened with her e-mail address
        long chat1 = contact("CHAT", "chat:web-shop:3f1e9c2a", "harriet.quenby@example.com", "harriet.quenby@example.com",
                null, tom, T0.plus(Duration.ofDays(5)), "3f1e9c2a-0000-4000-8000-000000000001");
        // its conversation, closed when the chat ended: no party data left, the chat token's hash stays
        harrietClosedChat = conversation("3f1e9c2a-0000-4000-8000-000000000001", "CHAT", webShop, null, "CLOSED", null, null,
                null, tom, T0.plus(Duration.ofDays(5)), 4);
        hit("media_conversation", harrietClosedChat, "KEEP");
        message(chat1, 1, "CUSTOMER", "harriet.quenby@example.com", "Hello, my parcel with the blue ribbon never arrived", "DELETE");
        message(chat1, 2, "AGENT", "agent2001", "Sorry to hear that. Can I have your order number?", "DELETE");
        message(chat1, 3, "CUSTOMER", "harriet.quenby@example.com", "It is order 5521, you can reach me on 020 7946 0123", "DELETE");
        // an anonymous chat in which she gives her name and address: hers through what she wrote
        long chat2 = contact("CHAT", "chat:web-shop:77ab01de", null, null, null, tom, T0.plus(Duration.ofDays(6)));
        message(chat2, 1, "CUSTOMER", "visitor-77ab01de", "Hi, this is Harriet Quenby again, the lavender teapot arrived broken", "DELETE");
        message(chat2, 2, "CUSTOMER", "visitor-77ab01de", "Please write to HARRIET.QUENBY@example.com", "DELETE");
        message(chat2, 3, "AGENT", "agent2001", "Noted, a replacement is on its way.", "DELETE");
        // a social-media contact under the social id only the 360-degree view links to her
        contact("OPEN_MEDIA", "social:twitter:1899000000000000001", "@HQuenby", "twitter:@hquenby", null, null,
                T0.plus(Duration.ofDays(7)));

        // speed-list entries that hold her: by number (Tom) and by the number only the 360-degree view knows (Priya)
        hit("speed_list_entry", insert("speed_list_entry", "agent_id", tom, "display_name", "Harriet Quenby",
                "phone_number", "020 7946 0123", "phone_number_norm", "+442079460123", "source", "MANUAL",
                "sort_order", 3, "created_at", T0), "DELETE");
        hit("speed_list_entry", insert("speed_list_entry", "agent_id", priya, "display_name", "H. Q. (mobile)",
                "phone_number", "+44 20 7946 0199", "phone_number_norm", "442079460199", "source", "MANUAL",
                "sort_order", 2, "created_at", T0), "DELETE");
    }

    /** Her conversations still open: a chat under her address, an SMS from her number, an anonymous chat. */
    private void harrietOpen(long tom) throws SQLException {
        harrietOpenChat = conversation("c0a1b2c3-0000-4000-8000-000000000002", "CHAT", webShop, null, "ACTIVE",
                "Harriet.Quenby@Example.com", "harriet.quenby@example.com", "Harriet Quenby", tom, T0.plus(Duration.ofDays(9)), 4);
        hit("media_conversation", harrietOpenChat, "ANONYMISE");
        conversationMessage(harrietOpenChat, 1, "CUSTOMER", null, "Hello again, my green umbrella from order 6620 has not come", "DELETE");
        conversationMessage(harrietOpenChat, 2, "AGENT", "agent2001", "Let me look into it.", "DELETE");
        conversationMessage(harrietOpenChat, 3, "CUSTOMER", null, "Text me on 020 7946 0199 please", "DELETE");
        // an SMS from her number as the gateway reports it (written nationally; the party's normal form
        // keeps it as digits): found through the number as written
        harrietSms = conversation("c0a1b2c3-0000-4000-8000-000000000003", "OPEN_MEDIA", smsGateway, "SMS", "QUEUED",
                "020 7946 0123", "02079460123", null, null, T0.plus(Duration.ofDays(9)), 2);
        hit("media_conversation", harrietSms, "ANONYMISE");
        conversationMessage(harrietSms, 1, "CUSTOMER", "020 7946 0123", "Is the refund for parcel 7731 on its way?", "DELETE");
        // a messenger conversation under a handle nobody knows, her name as the display name: hers by the name
        harrietMessenger = conversation("c0a1b2c3-0000-4000-8000-000000000007", "OPEN_MEDIA", smsGateway, "MESSENGER",
                "QUEUED", "hq-1984", "hq-1984", "Harriet Quenby", null, T0.plus(Duration.ofDays(9)), 2);
        hit("media_conversation", harrietMessenger, "ANONYMISE");
        conversationMessage(harrietMessenger, 1, "CUSTOMER", "hq-1984", "Any news on the refund?", "DELETE");
        // nobody identified: hers through what she wrote (her name, the number only the 360-degree view knows)
        anonymousOpenChat = conversation("c0a1b2c3-0000-4000-8000-000000000004", "CHAT", webShop, null, "ACTIVE", null, null,
                null, tom, T0.plus(Duration.ofDays(9)), 4);
        hit("media_conversation", anonymousOpenChat, "KEEP");
        conversationMessage(anonymousOpenChat, 1, "CUSTOMER", null, "Hi, Harriet Quenby here, about the amber scarf", "DELETE");
        conversationMessage(anonymousOpenChat, 2, "AGENT", "agent2001", "How can I help?", "DELETE");
        conversationMessage(anonymousOpenChat, 3, "CUSTOMER", null, "You can also ring 020 7946 0199", "DELETE");
    }

    private void bob(long tom, long priya) throws SQLException {
        bobCustomer = insert("customer", "display_name", "Bob Marsh", "created_at", T0);
        identifier(bobCustomer, "PHONE", "020 7946 0456", "+442079460456");
        identifier(bobCustomer, "EMAIL", "bob.marsh@example.com", "bob.marsh@example.com");
        insert("consent_record", "customer_id", bobCustomer, "purpose", "CALL_RECORDING", "status", "GRANTED",
                "source", "AGENT", "recorded_by", AGENT_ERASED, "recorded_at", T0);
        voiceCall("+44 20 7946 0456", "+442079460456", "AVAILABLE", bobCustomer, priya, T0.plus(Duration.ofHours(2)));
        voiceCall("020 7946 0456", "+442079460456", "AVAILABLE", bobCustomer, tom, T0.plus(Duration.ofDays(2)));
        bobChat = contact("CHAT", "chat:web-shop:b0b0b0b0", "bob.marsh@example.com", "bob.marsh@example.com", bobCustomer,
                priya, T0.plus(Duration.ofDays(3)));
        insertMessage(bobChat, 1, "CUSTOMER", "bob.marsh@example.com", "Hello, I want to change my delivery address");
        insertMessage(bobChat, 2, "AGENT", AGENT_ERASED, "Of course Bob, what is the new address?");
        // he mentions her: that one message is hers to erase, the rest of his chat stays
        bobMentionMessage = insertMessage(bobChat, 3, "CUSTOMER", "bob.marsh@example.com",
                "Same as my neighbour Harriet Quenby, she said you can call her on (020) 7946-0123");
        hit("transcript_message", bobMentionMessage, "BLANK");
        insertMessage(bobChat, 4, "AGENT", AGENT_ERASED, "Thank you, done. Anything else?");
        insert("speed_list_entry", "agent_id", priya, "display_name", "Bob Marsh", "phone_number", "020 7946 0456",
                "phone_number_norm", "+442079460456", "source", "MANUAL", "sort_order", 3, "created_at", T0);
        // his open chat with Priya, in which he names Harriet: that message is blanked, the rest stays
        bobOpenChat = conversation("b0b0b0b0-0000-4000-8000-000000000005", "CHAT", webShop, null, "ACTIVE",
                "bob.marsh@example.com", "bob.marsh@example.com", "Bob Marsh", priya, T0.plus(Duration.ofDays(9)), 4);
        insertConversationMessage(bobOpenChat, 1, "CUSTOMER", null, "Hi, it is Bob again");
        insertConversationMessage(bobOpenChat, 2, "AGENT", AGENT_ERASED, "Hello Bob, how can I help?");
        bobOpenChatMention = insertConversationMessage(bobOpenChat, 3, "CUSTOMER", null,
                "Please send the catalogue to my neighbour Harriet Quenby too, 020 7946 0123");
        hit("conversation_message", bobOpenChatMention, "BLANK");
    }

    /** Evan Ashby: nothing but an open SMS conversation. */
    private void evan() throws SQLException {
        evanSms = conversation("e0e0e0e0-0000-4000-8000-000000000006", "OPEN_MEDIA", smsGateway, "SMS", "QUEUED",
                "+44 20 7946 0888", "+442079460888", "Evan Ashby", null, T0.plus(Duration.ofDays(9)), 2);
        insertConversationMessage(evanSms, 1, "CUSTOMER", "+44 20 7946 0888", "Where is parcel 9912?");
    }

    private void carol(long tom) throws SQLException {
        carolCustomer = insert("customer", "display_name", "Carol Dunmore", "created_at", T0);
        identifier(carolCustomer, "PHONE", "020 7946 0789", "+442079460789");
        identifier(carolCustomer, "EMAIL", "carol.dunmore@example.com", "carol.dunmore@example.com");
        voiceCall("+44 20 7946 0789", "+442079460789", "AVAILABLE", carolCustomer, tom, T0.plus(Duration.ofHours(4)));
        long mail = contact("EMAIL", "imap:support@example.com:INBOX:1709456400:88", "carol.dunmore@example.com",
                "carol.dunmore@example.com", carolCustomer, tom, T0.plus(Duration.ofDays(5)));
        // her subject line names Harriet: blanked by Harriet's erasure, the reference itself stays
        carolEmailReference = insert("email_reference", "contact_id", mail, "mailbox", "support@example.com",
                "folder", "INBOX", "uid_validity", 1709456400L, "uid", 88L, "message_id", "<cd.88@mail.example.com>",
                "subject", "Complaint forwarded from Harriet Quenby", "received_at", T0.plus(Duration.ofDays(5)));
        hit("email_reference", carolEmailReference, "BLANK");
        insert("legal_hold", "matter_ref", CAROL_MATTER, "customer_id", carolCustomer, "placed_by", "manager",
                "placed_at", T0.plus(Duration.ofDays(8)));
        // a released hold on Harriet: no longer stops anything, loses its link to her
        hit("legal_hold", insert("legal_hold", "matter_ref", "LH-2024-003", "customer_id", harrietCustomer,
                "placed_by", "manager", "placed_at", T0, "released_by", "manager", "released_at", T0.plus(Duration.ofDays(1))),
                "BLANK");
    }

    private long agent(String login, String first, String last, String extension, long dept) throws SQLException {
        return insert("agent", "login_name", login, "first_name", first, "last_name", last, "extension", extension,
                "department_id", dept, "state", "LOGGED_OFF", "state_since", T0, "pseudonym", pseudonym(login),
                "created_at", T0);
    }

    /** The stable pseudonym the seed gives an agent (as the product does: "agent-" and a UUID). */
    static String pseudonym(String login) {
        return "agent-" + java.util.UUID.nameUUIDFromBytes(login.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private long identifier(long customer, String type, String raw, String normalised) throws SQLException {
        return insert("customer_identifier", "customer_id", customer, "identifier_type", type, "raw_value", raw,
                "normalised_value", normalised, "created_at", T0);
    }

    /** A call with queue, ring and talk legs; recorded as Harriet's when its caller is one of her numbers. */
    private long voiceCall(String raw, String norm, String presentation, Long customer, long agent, Instant start)
            throws SQLException {
        long id = insert("contact_record", "channel", "VOICE", "direction", "INBOUND", "source_ref",
                "csta:" + (4711 + sourceSeq++) + ":" + start.toEpochMilli(), "caller_id_raw", raw, "caller_id_norm", norm,
                "caller_presentation", presentation, "designated_number", "4000", "started_at", start,
                "answered_at", start.plusSeconds(20), "ended_at", start.plusSeconds(200), "queue_seconds", 12,
                "ring_seconds", 8, "talk_seconds", 170, "hold_seconds", 10, "outcome", "ANSWERED", "agent_id", agent,
                "customer_id", customer, "correlator_data", norm == null ? null : "4F52442D35353231", "created_at", start);
        boolean hers = norm != null && (norm.endsWith("79460123") || norm.endsWith("79460199"));
        if (hers) {
            harrietContacts.add(id);
            hit("contact_record", id, "ANONYMISE");
        }
        String[] types = {"QUEUE", "RING", "TALK"};
        String[] devices = {"4000", "2001", "2001"};
        for (int i = 0; i < types.length; i++) {
            long leg = insert("contact_leg", "contact_id", id, "leg_no", i + 1, "leg_type", types[i], "device", devices[i],
                    "agent_id", i == 0 ? null : agent, "started_at", start.plusSeconds(i * 10L),
                    "ended_at", start.plusSeconds(i * 10L + 10));
            if (hers) {
                hit("contact_leg", leg, "KEEP");
            }
        }
        return id;
    }

    private long contact(String channel, String sourceRef, String raw, String norm, Long customer, Long agent,
                         Instant start) throws SQLException {
        return contact(channel, sourceRef, raw, norm, customer, agent, start, null);
    }

    /** An e-mail, chat or open-media contact; Harriet's when the seed says so (caller or anonymity). */
    private long contact(String channel, String sourceRef, String raw, String norm, Long customer, Long agent,
                         Instant start, String conversationRef) throws SQLException {
        long id = insert("contact_record", "channel", channel, "direction", "INBOUND", "source_ref", sourceRef,
                "caller_id_raw", raw, "caller_id_norm", norm, "caller_presentation", norm == null ? "NOT_KNOWN" : "AVAILABLE",
                "started_at", start, "answered_at", start.plusSeconds(30), "ended_at", start.plusSeconds(600),
                "queue_seconds", 30, "ring_seconds", 0, "talk_seconds", 570, "hold_seconds", 0, "outcome", "HANDLED",
                "agent_id", agent, "customer_id", customer, "conversation_ref", conversationRef, "created_at", start);
        boolean hers = (norm != null && (norm.contains("harriet") || norm.contains("hquenby")))
                || (norm == null && !"VOICE".equals(channel));
        if (hers) {
            harrietContacts.add(id);
            hit("contact_record", id, "ANONYMISE");
        }
        return id;
    }

    private void message(long contact, int seq, String senderType, String senderId, String text, String action)
            throws SQLException {
        hit("transcript_message", insertMessage(contact, seq, senderType, senderId, text), action);
    }

    private long insertMessage(long contact, int seq, String senderType, String senderId, String text) throws SQLException {
        return insert("transcript_message", "contact_id", contact, "seq", seq, "sender_type", senderType,
                "sender_id", senderId, "sent_at", T0.plus(Duration.ofDays(5)).plusSeconds(seq * 30L), "message_text", text);
    }

    /** A text conversation as the media code keeps it: who the customer is while it is open (never once closed). */
    private long conversation(String ref, String channel, long source, String subChannel, String state, String partyRaw,
                              String partyNorm, String partyName, Long agent, Instant start, int nextSeq) throws SQLException {
        boolean closed = state.equals("CLOSED");
        boolean accepted = state.equals("ACTIVE") || closed;
        return insert("media_conversation", "conversation_ref", ref, "channel", channel, "source_id", source,
                "sub_channel", subChannel, "state", state, "party_raw", partyRaw, "party_norm", partyNorm,
                "party_name", partyName, "access_hash", channel.equals("CHAT") ? tokenHash(ref) : null,
                "agent_id", agent, "next_seq", nextSeq, "started_at", start, "queued_at", start,
                "accepted_at", accepted ? start.plusSeconds(20) : null, "ended_at", closed ? start.plusSeconds(600) : null,
                "last_activity_at", closed ? start.plusSeconds(600) : start.plusSeconds(90));
    }

    /** The SHA-256 (hex) the chat keeps of its customer's token; a made-up token here. */
    private static String tokenHash(String ref) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("token-" + ref).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void conversationMessage(long conversation, int seq, String senderType, String senderId, String text,
                                     String action) throws SQLException {
        hit("conversation_message", insertConversationMessage(conversation, seq, senderType, senderId, text), action);
    }

    private long insertConversationMessage(long conversation, int seq, String senderType, String senderId, String text)
            throws SQLException {
        return insert("conversation_message", "conversation_id", conversation, "seq", seq, "sender_type", senderType,
                "sender_id", senderId, "sent_at", T0.plus(Duration.ofDays(9)).plusSeconds(seq * 30L), "message_text", text);
    }

    private void hit(String table, long id, String action) {
        expected.put(table + "#" + id, action);
    }

    /** INSERT of the non-null pairs (column, value); returns the new row's id. */
    private long insert(String table, Object... pairs) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                columns.add((String) pairs[i]);
                values.add(pairs[i + 1]);
            }
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                int p = i + 1;
                if (v instanceof Instant at) {
                    ps.setTimestamp(p, Timestamp.from(at), UTC);
                } else if (v instanceof Boolean b) {
                    ps.setBoolean(p, b);
                } else if (v instanceof Integer n) {
                    ps.setInt(p, n);
                } else if (v instanceof Long n) {
                    ps.setLong(p, n);
                } else {
                    ps.setString(p, (String) v);
                }
            }
            ps.executeUpdate();
        }
        if (table.equals("retention_policy")) {
            return 0;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
