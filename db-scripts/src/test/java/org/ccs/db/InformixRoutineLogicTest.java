package org.ccs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The pure SPL routines of informix/V8__gdpr.sql (as V12__gdpr_media.sql re-creates some of them),
 * run as written by {@link SplSubset} (no Informix server here), against their PostgreSQL twins on a
 * migrated test database and against Java's SHA-256 and HMAC: phone normalisation, the phone numbers
 * and e-mail addresses found inside text (of transcripts, e-mail subjects and the messages of open
 * conversations), name matching, the keyed hash of the request log, JSON escaping, the request
 * reference check.
 * Informix itself may still differ in what the interpreter cannot know; this catches the logic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InformixRoutineLogicTest {

    private static final String H0 = "6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19";

    private SplSubset spl;
    private PgTestDatabase pg;
    private final List<String[]> indexed = new ArrayList<>();

    @BeforeAll
    void load() throws Exception {
        // the routines as the migrations leave them: a later file's definition replaces the earlier one
        spl = new SplSubset(Files.readString(Scripts.folder(Dialect.INFORMIX).resolve("V8__gdpr.sql"), StandardCharsets.UTF_8)
                + "\n" + Files.readString(Scripts.folder(Dialect.INFORMIX).resolve("V12__gdpr_media.sql"), StandardCharsets.UTF_8));
        spl.sqlHandler((tokens, vars) -> {
            String sql = SplSubset.text(tokens);
            if (!sql.contains("FROM gdpr_site_setting")) {
                throw new IllegalStateException("unexpected SQL: " + sql);
            }
            vars.put("v_cc", "44");
            vars.put("v_trunk", "0");
            vars.put("v_idd", "00");
        });
        // what the insert triggers would store (the source: transcript message, e-mail reference or
        // conversation message, whichever id is not 0): collected instead
        spl.replace("ccs_gdpr_add_text_id", args -> {
            String value = (String) args.get(4);
            if (value != null && value.length() <= 254) {
                String source = ((Number) args.get(0)).longValue() > 0 ? "transcript_message"
                        : ((Number) args.get(1)).longValue() > 0 ? "email_reference" : "conversation_message";
                indexed.add(new String[] {(String) args.get(3), value, source});
            }
            return null;
        });
        pg = PgTestDatabase.create("ccs_spl_logic");
        Migrator.migrate(pg.url(), pg.adminUser(), pg.adminPassword(), Dialect.POSTGRESQL);
    }

    @AfterAll
    void drop() throws SQLException {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void sha256InSplIsSha256() throws Exception {
        Random random = new Random(11);
        for (int length = 0; length <= 200; length += 7) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            assertEquals(expected, spl.call("ccs_gdpr_sha256_from", H0, HexFormat.of().formatHex(data), 0), length + " bytes");
        }
    }

    @Test
    void hmacInSplIsHmacSha256AndMatchesPostgres() throws Exception {
        Random random = new Random(12);
        List<String> messages = List.of("PHONE:+442079460123", "EMAIL:harriet.quenby@example.com", "NAME:harriet quenby",
                "CUSTOMER_ID:CUST-104729", "SOCIAL:twitter:@hquenby", "NAME:zoë ålund", "NAME:o'brien \\ {x} \"y\" ~`|",
                "EMAIL:" + "a".repeat(200) + "@example.com", "");
        for (int keyBytes : new int[] {32, 48, 64}) {
            byte[] key = new byte[keyBytes];
            random.nextBytes(key);
            String keyHex = HexFormat.of().formatHex(key);
            for (String message : messages) {
                String expected = GdprContractTest.hmac(keyHex, message);
                String hex = (String) spl.call("ccs_gdpr_text_hex", message);
                assertEquals(expected, spl.call("ccs_gdpr_hmac_sha256", keyHex, hex), message);
                // as ccs_gdpr_log does it: the key blocks compressed once
                String ipad = (String) spl.call("ccs_gdpr_sha256_block", H0, spl.call("ccs_gdpr_key_pad", keyHex, 54));
                String opad = (String) spl.call("ccs_gdpr_sha256_block", H0, spl.call("ccs_gdpr_key_pad", keyHex, 92));
                assertEquals(expected, spl.call("ccs_gdpr_sha256_from", opad, spl.call("ccs_gdpr_sha256_from", ipad, hex, 64), 64));
                int colon = message.indexOf(':');
                if (colon > 0) {
                    assertEquals(expected, pgString("SELECT ccs_gdpr_hash_with(?, ?, ?)", keyHex, message.substring(0, colon),
                            message.substring(colon + 1)), "PostgreSQL, " + message);
                }
            }
        }
    }

    @Test
    void phoneNormalisationIsTheSameAsOnPostgres() throws SQLException {
        for (String raw : List.of("+44 20 7946 0123", "0044 20 7946 0123", "020 7946 0123", "+44 (0)20 7946-0123",
                "(020) 7946 0123", "02079460123", "442079460123", "2079460123", "0044-20-7946-0123", "tel:+442079460123",
                "N<020 7946 0123>", "12345", "+1 212 555 0123", "001 212 555 0123", " 020 79 46 01 23 ", "+4420(0)79460123",
                "0", "", "abc", "07700 900123", "+49 30 1234567", "(0)20 7946 0123")) {
            assertEquals(pgString("SELECT ccs_gdpr_phone_norm(?)", raw), spl.call("ccs_gdpr_phone_norm", raw), raw);
        }
    }

    @Test
    void identifiersInsideTextAreTheSameAsOnPostgres() throws SQLException {
        List<String> texts = new ArrayList<>(List.of(
                "Call me on +44 (0)20 7946-0123, or 0044 20 7946 0124 or 020 7946 0125 at 10:00 on 2025-03-01; mail Jane.Doe@Example.COM.",
                "Same as my neighbour Harriet Quenby, she said you can call her on (020) 7946-0123",
                "Please write to HARRIET.QUENBY@example.com", "a@b@c.com", "x@.com y@com z@a.b. @example.com first.@last.org",
                "order 12345 not 1234567 but 12345678901234567890", "++44 20 7946 0123", "+ 44 20 7946 0123",
                "call 020 7946 0123 2 times", "(0)(0)20 7946 0123", "20(0)7946 0123", "tel. 020.7946.0123/0124",
                "mail me: a_b%c+d-e.f@sub-domain.example.co.uk!", "nothing here", "", "@@@", "0123456"));
        Random random = new Random(13);
        String alphabet = "0123456789          +()-./@abcxyzAB.._%0(0)";
        for (int n = 0; n < 400; n++) {
            StringBuilder b = new StringBuilder();
            int length = 5 + random.nextInt(60);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            indexed.clear();
            spl.call("ccs_gdpr_index_text", 1L, 0L, 0L, text);
            Set<String> fromSpl = new TreeSet<>();
            indexed.forEach(p -> fromSpl.add(p[0] + " " + p[1]));
            assertTrue(indexed.stream().allMatch(p -> p[2].equals("transcript_message")), text);
            // the same text in the message of an open conversation (V12) gives the same identifiers, for it
            indexed.clear();
            spl.call("ccs_gdpr_index_text", 0L, 0L, 7L, text);
            Set<String> fromConversation = new TreeSet<>();
            indexed.forEach(p -> fromConversation.add(p[0] + " " + p[1]));
            assertEquals(fromSpl, fromConversation, "conversation message: [" + text + "]");
            assertTrue(indexed.stream().allMatch(p -> p[2].equals("conversation_message")), text);
            Set<String> fromPg = new TreeSet<>();
            try (Connection c = pg.connectAsAdmin(); PreparedStatement ps = c.prepareStatement(
                    "SELECT identifier_type, normalised_value FROM ccs_gdpr_text_identifiers(?) WHERE length(normalised_value) <= 254")) {
                ps.setString(1, text);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fromPg.add(rs.getString(1) + " " + rs.getString(2));
                    }
                }
            }
            assertEquals(fromPg, fromSpl, "text: [" + text + "]");
        }
    }

    @Test
    void namesAreMatchedAsOnPostgres() throws SQLException {
        List<String> texts = List.of("Hi, this is Harriet Quenby again", "HARRIET   quenby!", "Harriet.Quenby@example.com",
                "Harriet Quenbyx", "xHarriet Quenby", "Quenby, Harriet", "Mr.Doe wrote", "Anne-Marie Dupont", "o'brien",
                "Harriet\nQuenby", "", "zoë ålund et Zoë Ålund");
        List<String> names = List.of("harriet quenby", "doe", "anne marie dupont", "marie dupont", "o'brien", "zoë ålund",
                "harriet");
        for (String text : texts) {
            for (String name : names) {
                boolean onPg = "t".equals(pgString("SELECT CASE WHEN ccs_gdpr_has_name(?, ?) THEN 't' ELSE 'f' END", text, name));
                assertEquals(onPg ? 1 : 0, ((Number) spl.call("ccs_gdpr_has_name", text, name)).intValue(),
                        "[" + name + "] in [" + text + "]");
            }
        }
        for (String name : List.of("  Harriet   Quenby ", "HARRIET QUENBY", "Zoë  Ålund")) {
            assertEquals(pgString("SELECT ccs_gdpr_fold(?)", name), spl.call("ccs_gdpr_fold", name), name);
        }
    }

    @Test
    void jsonStringsAreValidJson() {
        for (String s : List.of("plain", "quote \" and backslash \\", "new\nline\r\ttab", "control \u0001\u001f end",
                "unicode zoë ✓", "")) {
            String json = (String) spl.call("ccs_gdpr_json_str", s);
            assertEquals(s, MiniJson.parse(json), json);
        }
        assertEquals("null", spl.call("ccs_gdpr_json_str", (Object) null));
    }

    @Test
    void requestReferenceIsCheckedAsOnPostgres() throws SQLException {
        spl.call("ccs_gdpr_check_ref", "DSR-2025-0042");
        spl.call("ccs_gdpr_check_ref", (Object) null);
        for (String bad : List.of("harriet@example.com", "a b", "x".repeat(65), "")) {
            SplSubset.SplException e = assertThrows(SplSubset.SplException.class, () -> spl.call("ccs_gdpr_check_ref", bad));
            assertEquals(-746, e.code);
            assertThrows(SQLException.class, () -> pgString("SELECT ccs_gdpr_check_ref(?)::text", bad), bad);
        }
    }

    private String pgString(String sql, String... args) throws SQLException {
        try (Connection c = pg.connectAsAdmin(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
