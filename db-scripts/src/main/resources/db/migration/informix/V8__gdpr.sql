-- CCS schema, Informix, V8: the GDPR procedures for DBAs (find, export, erase, erase an employee).
--
-- Creates:
--   gdpr_site_setting      the site's telephone numbering (country code, trunk and international
--                          prefixes) with which written phone numbers are normalised; one row, seeded
--                          for the United Kingdom (44, 0, 00): a site elsewhere updates it.
--   gdpr_text_identifier   phone numbers and e-mail addresses found INSIDE chat/e-mail text
--                          (transcript_message.message_text, email_reference.subject), normalised,
--                          kept by insert triggers, indexed; goes with its message (ON DELETE CASCADE).
--   ix_customer_name_fold, ix_speed_list_entry_name_fold: functional indexes on ccs_gdpr_fold(display_name)
--                          (Informix cannot index LOWER() itself, error -9844: the SPL function is
--                          declared NOT VARIANT). No partial index in Informix: the speed-list entries
--                          without a normalised number are read in full (a few per agent at most).
--   SPL routines, EXECUTE for ccs_gdpr only (REVOKE from PUBLIC):
--     ccs_gdpr_find(subject, request_ref)               one row per database row about the subject
--     ccs_gdpr_export(subject, request_ref)             the same rows as JSON documents (Art. 15, 20)
--     ccs_gdpr_erase(subject, request_ref, dry_run)     erases in one transaction, counts per table
--     ccs_gdpr_erase_agent(login, request_ref, dry_run) an employee: user deleted, pseudonym kept
--     ccs_gdpr_history(subject)                         earlier runs about the subject, from the log
--   and their internal helpers. Same names, parameters and result columns as postgresql/V8__gdpr.sql.
-- subject: 'type:value;type:value...' with type phone, email, customer_id, social, name or agent.
-- Every run writes gdpr_request_log with the subject only as HMAC-SHA-256 (RFC 2104) of
-- 'TYPE:normalised' under the active gdpr_site_secret. Informix has no SHA-256 or HMAC built in:
-- both are implemented here in SPL (FIPS 180-4 on 32-bit words held in BIGINT, BITAND/BITOR/BITXOR,
-- shifts by exact division). Characters outside printable ASCII are hashed as '?' (SPL cannot read
-- the bytes of a multi-byte character); PostgreSQL does the same, so both give the same hash.
-- The immutability trigger routine of V5 is replaced: it still refuses every UPDATE of contact data,
-- except while a GDPR procedure runs (SPL global variable ccs_gdpr_erasing = 1, set and reset only
-- by the erase routines of this session).
-- Calls: EXECUTE FUNCTION ccs_gdpr_find('phone:020 7946 0123', 'DSR-7'); with autocommit (dbaccess
-- outside BEGIN WORK; JDBC autocommit on): the erase routines open and commit their own transaction
-- (or join the caller's when one is open, error -535 caught). Needs a database created WITH LOG,
-- CHR() (documented for 14.10), DROP TABLE IF EXISTS, and GL_DATETIME/DBTIME unset for the export's
-- timestamps (DATETIME cast to text as YYYY-MM-DD hh:mm:ss.fff). Not run here: no Informix server.
--
-- Run: applied by Flyway after V7 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V8__gdpr.sql: same tables, same routine names, parameters and result columns.

CREATE TABLE gdpr_site_setting (
    id           INTEGER     PRIMARY KEY
        CHECK (id = 1) CONSTRAINT ck_gdpr_site_setting_single,
    country_code VARCHAR(4)  NOT NULL,
    trunk_prefix VARCHAR(4),
    idd_prefix   VARCHAR(8)  NOT NULL,
    updated_at   DATETIME YEAR TO FRACTION(3),
    updated_by   VARCHAR(64)
);
-- installation default: the United Kingdom (national 020 7946 0123 = +44 20 7946 0123)
INSERT INTO gdpr_site_setting (id, country_code, trunk_prefix, idd_prefix) VALUES (1, '44', '0', '00');
GRANT SELECT, UPDATE ON gdpr_site_setting TO ccs_app;
GRANT SELECT, UPDATE ON gdpr_site_setting TO ccs_gdpr;

-- phone numbers (E.164 with '+') and e-mail addresses (lower case) written inside text
CREATE TABLE gdpr_text_identifier (
    id                    BIGSERIAL    PRIMARY KEY,
    transcript_message_id BIGINT       REFERENCES transcript_message (id) ON DELETE CASCADE,
    email_reference_id    BIGINT       REFERENCES email_reference (id) ON DELETE CASCADE,
    identifier_type       VARCHAR(16)  NOT NULL
        CHECK (identifier_type IN ('PHONE', 'EMAIL')) CONSTRAINT ck_gdpr_text_identifier_type,
    normalised_value      VARCHAR(254) NOT NULL,
    CHECK ((transcript_message_id IS NOT NULL AND email_reference_id IS NULL)
        OR (transcript_message_id IS NULL AND email_reference_id IS NOT NULL)) CONSTRAINT ck_gdpr_text_identifier_source
);
CREATE INDEX ix_gdpr_text_identifier_value ON gdpr_text_identifier (identifier_type, normalised_value);
GRANT SELECT ON gdpr_text_identifier TO ccs_gdpr;

-- ---------------------------------------------------------------------------------------------
-- Helpers: folding, words, phone normalisation, identifiers inside text
-- ---------------------------------------------------------------------------------------------

-- a name as compared: lower case, trimmed, runs of blanks made one (also the key of ix_customer_name_fold)
CREATE FUNCTION ccs_gdpr_fold(p_value VARCHAR(255))
    RETURNING VARCHAR(255) AS folded
    WITH (NOT VARIANT);
    DEFINE v_s VARCHAR(255);
    IF p_value IS NULL THEN
        RETURN NULL;
    END IF;
    LET v_s = LOWER(TRIM(p_value));
    WHILE v_s LIKE '%  %'
        LET v_s = REPLACE(v_s, '  ', ' ');
    END WHILE;
    RETURN v_s;
END FUNCTION;

CREATE INDEX ix_customer_name_fold ON customer (ccs_gdpr_fold(display_name));
CREATE INDEX ix_speed_list_entry_name_fold ON speed_list_entry (ccs_gdpr_fold(display_name));

-- the words of a text, lower case, each between single blanks: ' w1 w2 w3 ' (a word is a run of
-- digits and letters; a letter is a character whose upper and lower case differ)
CREATE FUNCTION ccs_gdpr_word_string(p_text LVARCHAR(4000))
    RETURNING LVARCHAR(4100) AS words;
    DEFINE v_out LVARCHAR(4100);
    DEFINE v_ch VARCHAR(4);
    DEFINE v_len INTEGER;
    DEFINE v_i INTEGER;
    DEFINE v_in INTEGER;
    IF p_text IS NULL THEN
        RETURN ' ';
    END IF;
    LET v_out = ' ';
    LET v_in = 0;
    LET v_len = CHAR_LENGTH(p_text);
    FOR v_i = 1 TO v_len
        LET v_ch = LOWER(SUBSTR(p_text, v_i, 1));
        IF (v_ch >= '0' AND v_ch <= '9') OR UPPER(v_ch) <> v_ch THEN
            LET v_out = v_out || v_ch;
            LET v_in = 1;
        ELIF v_in = 1 THEN
            LET v_out = v_out || ' ';
            LET v_in = 0;
        END IF;
    END FOR;
    IF v_in = 1 THEN
        LET v_out = v_out || ' ';
    END IF;
    RETURN v_out;
END FUNCTION;

-- 1 when the words of p_name occur in p_text one after the other (punctuation between them allowed)
CREATE FUNCTION ccs_gdpr_has_name(p_text LVARCHAR(4000), p_name VARCHAR(255))
    RETURNING INTEGER AS has_name;
    DEFINE v_name LVARCHAR(4100);
    LET v_name = ccs_gdpr_word_string(p_name);
    IF v_name = ' ' THEN
        RETURN 0;
    END IF;
    IF ccs_gdpr_word_string(p_text) LIKE '%' || v_name || '%' THEN
        RETURN 1;
    END IF;
    RETURN 0;
END FUNCTION;

-- A written phone number in E.164 with '+', with the site's numbering (gdpr_site_setting):
-- '(0)' dropped, then only digits kept; '+...' is international; the international prefix (00) is
-- replaced by '+'; the trunk prefix (0) by '+' and the country code; other digit strings shorter
-- than 11 digits are national numbers written without the trunk prefix, longer ones international
-- numbers written without '+'. NULL when fewer than 6 digits remain.
CREATE FUNCTION ccs_gdpr_phone_norm(p_raw VARCHAR(255))
    RETURNING VARCHAR(64) AS normalised;
    DEFINE v_cc VARCHAR(4);
    DEFINE v_trunk VARCHAR(4);
    DEFINE v_idd VARCHAR(8);
    DEFINE v_s VARCHAR(255);
    DEFINE v_digits VARCHAR(255);
    DEFINE v_ch VARCHAR(4);
    DEFINE v_i INTEGER;
    IF p_raw IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT country_code, trunk_prefix, idd_prefix INTO v_cc, v_trunk, v_idd FROM gdpr_site_setting WHERE id = 1;
    LET v_s = TRIM(REPLACE(p_raw, '(0)', ''));
    LET v_digits = '';
    FOR v_i = 1 TO CHAR_LENGTH(v_s)
        LET v_ch = SUBSTR(v_s, v_i, 1);
        IF v_ch >= '0' AND v_ch <= '9' THEN
            LET v_digits = v_digits || v_ch;
        END IF;
    END FOR;
    IF CHAR_LENGTH(v_digits) < 6 THEN
        RETURN NULL;
    END IF;
    IF SUBSTR(v_s, 1, 1) = '+' THEN
        RETURN '+' || v_digits;
    ELIF SUBSTR(v_digits, 1, CHAR_LENGTH(v_idd)) = v_idd THEN
        RETURN '+' || SUBSTR(v_digits, CHAR_LENGTH(v_idd) + 1);
    ELIF v_trunk IS NOT NULL AND CHAR_LENGTH(v_trunk) > 0
            AND SUBSTR(v_digits, 1, CHAR_LENGTH(v_trunk)) = v_trunk THEN
        RETURN '+' || TRIM(v_cc) || SUBSTR(v_digits, CHAR_LENGTH(v_trunk) + 1);
    ELIF CHAR_LENGTH(v_digits) < 11 THEN
        RETURN '+' || TRIM(v_cc) || v_digits;
    END IF;
    RETURN '+' || v_digits;
END FUNCTION;

-- one identifier found in the text of a message (p_message_id) or e-mail subject (p_reference_id; the other is 0)
CREATE PROCEDURE ccs_gdpr_add_text_id(p_message_id BIGINT, p_reference_id BIGINT, p_type VARCHAR(16),
                                      p_value VARCHAR(255))
    DEFINE v_n INTEGER;
    IF p_value IS NULL OR CHAR_LENGTH(p_value) > 254 THEN
        RETURN;
    END IF;
    IF p_message_id > 0 THEN
        SELECT COUNT(*) INTO v_n FROM gdpr_text_identifier
         WHERE transcript_message_id = p_message_id AND identifier_type = p_type AND normalised_value = p_value;
        IF v_n = 0 THEN
            INSERT INTO gdpr_text_identifier (id, transcript_message_id, identifier_type, normalised_value)
                VALUES (0, p_message_id, p_type, p_value);
        END IF;
    ELSE
        SELECT COUNT(*) INTO v_n FROM gdpr_text_identifier
         WHERE email_reference_id = p_reference_id AND identifier_type = p_type AND normalised_value = p_value;
        IF v_n = 0 THEN
            INSERT INTO gdpr_text_identifier (id, email_reference_id, identifier_type, normalised_value)
                VALUES (0, p_reference_id, p_type, p_value);
        END IF;
    END IF;
END PROCEDURE;

-- The candidates of one run of digit groups, encoded as groups each followed by a blank, '+' before
-- a group that a '+' preceded: every sequence of consecutive groups with 7 to 15 digits.
CREATE PROCEDURE ccs_gdpr_add_phone_run(p_message_id BIGINT, p_reference_id BIGINT, p_run LVARCHAR(4000))
    DEFINE v_len INTEGER;
    DEFINE v_i INTEGER;
    DEFINE v_j INTEGER;
    DEFINE v_plus VARCHAR(1);
    DEFINE v_digits VARCHAR(64);
    DEFINE v_ch VARCHAR(4);
    LET v_len = CHAR_LENGTH(p_run);
    FOR v_i = 1 TO v_len
        -- a group starts at v_i: at the start, or after a blank
        IF v_i = 1 OR SUBSTR(p_run, v_i - 1, 1) = ' ' THEN
            LET v_plus = '';
            LET v_j = v_i;
            IF SUBSTR(p_run, v_j, 1) = '+' THEN
                LET v_plus = '+';
                LET v_j = v_j + 1;
            END IF;
            LET v_digits = '';
            WHILE v_j <= v_len
                LET v_ch = SUBSTR(p_run, v_j, 1);
                IF v_ch >= '0' AND v_ch <= '9' THEN
                    IF CHAR_LENGTH(v_digits) > 15 THEN
                        EXIT WHILE;
                    END IF;
                    LET v_digits = v_digits || v_ch;
                ELIF v_ch = ' ' THEN
                    -- the end of a group: a candidate when 7 to 15 digits so far
                    IF CHAR_LENGTH(v_digits) > 15 THEN
                        EXIT WHILE;
                    END IF;
                    IF CHAR_LENGTH(v_digits) >= 7 THEN
                        CALL ccs_gdpr_add_text_id(p_message_id, p_reference_id, 'PHONE',
                                                  ccs_gdpr_phone_norm(v_plus || v_digits));
                    END IF;
                END IF;
                LET v_j = v_j + 1;
            END WHILE;
        END IF;
    END FOR;
END PROCEDURE;

-- Phone numbers and e-mail addresses inside a text, normalised (the rules of postgresql/V8):
-- phone: every maximal run of digits, blanks and + ( ) . / - ('(0)' dropped) is cut into digit
-- groups; every sequence of consecutive groups with 7 to 15 digits is a candidate ('+' when a '+'
-- precedes its first group in the run), normalised with ccs_gdpr_phone_norm. e-mail: around every
-- '@', up to 64 characters of [A-Za-z0-9._%+-] to the left and 253 of [A-Za-z0-9.-] to the right,
-- trailing dots dropped; the domain must hold a dot, not first. Lower case.
CREATE PROCEDURE ccs_gdpr_index_text(p_message_id BIGINT, p_reference_id BIGINT, p_text LVARCHAR(4000))
    DEFINE v_len INTEGER;
    DEFINE v_i INTEGER;
    DEFINE v_l INTEGER;
    DEFINE v_r INTEGER;
    DEFINE v_ch VARCHAR(4);
    DEFINE v_run LVARCHAR(4000);
    DEFINE v_group VARCHAR(64);
    DEFINE v_plus VARCHAR(1);
    DEFINE v_in_run INTEGER;
    DEFINE v_local VARCHAR(255);
    DEFINE v_domain VARCHAR(255);
    DEFINE v_dot INTEGER;
    IF p_text IS NULL THEN
        RETURN;
    END IF;
    IF p_text NOT LIKE '%@%' AND p_text NOT MATCHES '*[0-9]*' THEN
        RETURN;
    END IF;
    LET v_len = CHAR_LENGTH(p_text);
    LET v_run = '';
    LET v_group = '';
    LET v_plus = '';
    LET v_in_run = 0;
    LET v_i = 1;
    WHILE v_i <= v_len + 1
        IF v_i <= v_len THEN
            LET v_ch = SUBSTR(p_text, v_i, 1);
        ELSE
            LET v_ch = '|';
        END IF;
        IF v_ch >= '0' AND v_ch <= '9' THEN
            LET v_in_run = 1;
            -- more than 15 digits never make a candidate: 20 are enough to know
            IF CHAR_LENGTH(v_group) < 20 THEN
                LET v_group = v_group || v_ch;
            END IF;
        ELIF v_ch IN (' ', '+', '(', ')', '.', '/', '-') THEN
            IF v_ch = '(' AND SUBSTR(p_text, v_i + 1, 2) = '0)' THEN
                -- '(0)' is dropped as if it had never been written
                LET v_in_run = 1;
                LET v_i = v_i + 2;
            ELSE
                LET v_in_run = 1;
                IF CHAR_LENGTH(v_group) > 0 THEN
                    LET v_run = v_run || v_plus || v_group || ' ';
                    LET v_group = '';
                    LET v_plus = '';
                END IF;
                IF v_ch = '+' THEN
                    LET v_plus = '+';
                END IF;
            END IF;
        ELSE
            -- the end of a run
            IF CHAR_LENGTH(v_group) > 0 THEN
                LET v_run = v_run || v_plus || v_group || ' ';
            END IF;
            IF CHAR_LENGTH(v_run) > 0 THEN
                CALL ccs_gdpr_add_phone_run(p_message_id, p_reference_id, v_run);
            END IF;
            LET v_run = '';
            LET v_group = '';
            LET v_plus = '';
            LET v_in_run = 0;
            IF v_ch = '@' THEN
                LET v_l = v_i - 1;
                WHILE v_l >= 1 AND v_i - v_l <= 64
                    LET v_ch = SUBSTR(p_text, v_l, 1);
                    IF NOT ((v_ch >= 'a' AND v_ch <= 'z') OR (v_ch >= 'A' AND v_ch <= 'Z') OR (v_ch >= '0' AND v_ch <= '9')
                            OR v_ch IN ('.', '_', '%', '+', '-')) THEN
                        EXIT WHILE;
                    END IF;
                    LET v_l = v_l - 1;
                END WHILE;
                LET v_r = v_i + 1;
                WHILE v_r <= v_len AND v_r - v_i <= 253
                    LET v_ch = SUBSTR(p_text, v_r, 1);
                    IF NOT ((v_ch >= 'a' AND v_ch <= 'z') OR (v_ch >= 'A' AND v_ch <= 'Z') OR (v_ch >= '0' AND v_ch <= '9')
                            OR v_ch IN ('.', '-')) THEN
                        EXIT WHILE;
                    END IF;
                    LET v_r = v_r + 1;
                END WHILE;
                LET v_local = '';
                IF v_i - v_l - 1 > 0 THEN
                    LET v_local = SUBSTR(p_text, v_l + 1, v_i - v_l - 1);
                END IF;
                LET v_domain = '';
                IF v_r - v_i - 1 > 0 THEN
                    LET v_domain = SUBSTR(p_text, v_i + 1, v_r - v_i - 1);
                END IF;
                WHILE CHAR_LENGTH(v_domain) > 0 AND SUBSTR(v_domain, CHAR_LENGTH(v_domain), 1) = '.'
                    LET v_domain = SUBSTR(v_domain, 1, CHAR_LENGTH(v_domain) - 1);
                END WHILE;
                LET v_dot = 0;
                FOR v_l = 1 TO CHAR_LENGTH(v_domain)
                    IF SUBSTR(v_domain, v_l, 1) = '.' THEN
                        LET v_dot = v_l;
                        EXIT FOR;
                    END IF;
                END FOR;
                IF CHAR_LENGTH(v_local) > 0 AND v_dot > 1 THEN
                    CALL ccs_gdpr_add_text_id(p_message_id, p_reference_id, 'EMAIL', LOWER(v_local || '@' || v_domain));
                END IF;
            END IF;
        END IF;
        LET v_i = v_i + 1;
    END WHILE;
END PROCEDURE;

CREATE TRIGGER trg_transcript_message_gdpr_index INSERT ON transcript_message
    REFERENCING NEW AS n
    FOR EACH ROW (EXECUTE PROCEDURE ccs_gdpr_index_text(n.id, 0, n.message_text));
CREATE TRIGGER trg_email_reference_gdpr_index INSERT ON email_reference
    REFERENCING NEW AS n
    FOR EACH ROW (EXECUTE PROCEDURE ccs_gdpr_index_text(0, n.id, n.subject));

-- index what was stored before this migration
CREATE PROCEDURE ccs_gdpr_index_existing()
    DEFINE v_id BIGINT;
    DEFINE v_msg LVARCHAR(4000);
    DEFINE v_subject VARCHAR(255);
    FOREACH c_msg FOR SELECT id, message_text INTO v_id, v_msg FROM transcript_message
        CALL ccs_gdpr_index_text(v_id, 0, v_msg);
    END FOREACH;
    FOREACH c_ref FOR SELECT id, subject INTO v_id, v_subject FROM email_reference
        CALL ccs_gdpr_index_text(0, v_id, v_subject);
    END FOREACH;
END PROCEDURE;
EXECUTE PROCEDURE ccs_gdpr_index_existing();
DROP PROCEDURE ccs_gdpr_index_existing;

-- The immutability trigger routine of V5, narrowed for the GDPR procedures only: while one of them
-- runs in this session (global ccs_gdpr_erasing = 1) an UPDATE passes; every other UPDATE is refused
-- as before, the owner's and a DBA's included.
DROP TRIGGER trg_contact_record_immutable;
DROP TRIGGER trg_contact_leg_immutable;
DROP TRIGGER trg_contact_data_immutable;
DROP TRIGGER trg_transcript_message_immutable;
DROP TRIGGER trg_email_reference_immutable;
DROP PROCEDURE ccs_refuse_contact_update;

CREATE PROCEDURE ccs_refuse_contact_update()
    DEFINE GLOBAL ccs_gdpr_erasing INTEGER DEFAULT 0;
    IF ccs_gdpr_erasing = 1 THEN
        RETURN;
    END IF;
    RAISE EXCEPTION -746, 0, 'contact records are immutable';
END PROCEDURE;

CREATE TRIGGER trg_contact_record_immutable UPDATE ON contact_record
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());
CREATE TRIGGER trg_contact_leg_immutable UPDATE ON contact_leg
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());
CREATE TRIGGER trg_contact_data_immutable UPDATE ON contact_data
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());
CREATE TRIGGER trg_transcript_message_immutable UPDATE ON transcript_message
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());
CREATE TRIGGER trg_email_reference_immutable UPDATE ON email_reference
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());

-- ---------------------------------------------------------------------------------------------
-- Helpers: SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104) in SPL, on hex strings
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION ccs_gdpr_hex_digit(p_ch CHAR(1))
    RETURNING INTEGER AS digit;
    RETURN CASE p_ch WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 WHEN '4' THEN 4
        WHEN '5' THEN 5 WHEN '6' THEN 6 WHEN '7' THEN 7 WHEN '8' THEN 8 WHEN '9' THEN 9
        WHEN 'a' THEN 10 WHEN 'b' THEN 11 WHEN 'c' THEN 12 WHEN 'd' THEN 13 WHEN 'e' THEN 14 WHEN 'f' THEN 15
        WHEN 'A' THEN 10 WHEN 'B' THEN 11 WHEN 'C' THEN 12 WHEN 'D' THEN 13 WHEN 'E' THEN 14 WHEN 'F' THEN 15
        ELSE 0 END;
END FUNCTION;

-- 8 hex digits -> the 32-bit word they spell
CREATE FUNCTION ccs_gdpr_hex_word(p_hex CHAR(8))
    RETURNING BIGINT AS word;
    DEFINE v_w BIGINT;
    DEFINE v_i INTEGER;
    LET v_w = 0;
    FOR v_i = 1 TO 8
        LET v_w = v_w * 16 + ccs_gdpr_hex_digit(SUBSTR(p_hex, v_i, 1));
    END FOR;
    RETURN v_w;
END FUNCTION;

-- a value 0 .. 16^p_digits - 1 -> p_digits lower-case hex digits
CREATE FUNCTION ccs_gdpr_hex(p_value BIGINT, p_digits INTEGER)
    RETURNING VARCHAR(16) AS hex;
    DEFINE v_out VARCHAR(16);
    DEFINE v_v BIGINT;
    DEFINE v_d INTEGER;
    DEFINE v_i INTEGER;
    LET v_out = '';
    LET v_v = p_value;
    FOR v_i = 1 TO p_digits
        LET v_d = MOD(v_v, 16);
        LET v_out = SUBSTR('0123456789abcdef', v_d + 1, 1) || v_out;
        LET v_v = (v_v - v_d) / 16;
    END FOR;
    RETURN v_out;
END FUNCTION;

-- rotate a 32-bit word right by n bits: p_low = 2^n, p_high = 2^(32-n)
CREATE FUNCTION ccs_gdpr_rotr(p_x BIGINT, p_low BIGINT, p_high BIGINT)
    RETURNING BIGINT AS rotated;
    DEFINE v_r BIGINT;
    LET v_r = MOD(p_x, p_low);
    RETURN (p_x - v_r) / p_low + v_r * p_high;
END FUNCTION;

-- shift a 32-bit word right by n bits: p_low = 2^n
CREATE FUNCTION ccs_gdpr_shr(p_x BIGINT, p_low BIGINT)
    RETURNING BIGINT AS shifted;
    RETURN (p_x - MOD(p_x, p_low)) / p_low;
END FUNCTION;

-- the round constants K0 .. K63 of SHA-256
CREATE FUNCTION ccs_gdpr_sha256_k(p_t INTEGER)
    RETURNING BIGINT AS k;
    RETURN CASE p_t
        WHEN 0 THEN 1116352408 WHEN 1 THEN 1899447441 WHEN 2 THEN 3049323471 WHEN 3 THEN 3921009573
        WHEN 4 THEN 961987163 WHEN 5 THEN 1508970993 WHEN 6 THEN 2453635748 WHEN 7 THEN 2870763221
        WHEN 8 THEN 3624381080 WHEN 9 THEN 310598401 WHEN 10 THEN 607225278 WHEN 11 THEN 1426881987
        WHEN 12 THEN 1925078388 WHEN 13 THEN 2162078206 WHEN 14 THEN 2614888103 WHEN 15 THEN 3248222580
        WHEN 16 THEN 3835390401 WHEN 17 THEN 4022224774 WHEN 18 THEN 264347078 WHEN 19 THEN 604807628
        WHEN 20 THEN 770255983 WHEN 21 THEN 1249150122 WHEN 22 THEN 1555081692 WHEN 23 THEN 1996064986
        WHEN 24 THEN 2554220882 WHEN 25 THEN 2821834349 WHEN 26 THEN 2952996808 WHEN 27 THEN 3210313671
        WHEN 28 THEN 3336571891 WHEN 29 THEN 3584528711 WHEN 30 THEN 113926993 WHEN 31 THEN 338241895
        WHEN 32 THEN 666307205 WHEN 33 THEN 773529912 WHEN 34 THEN 1294757372 WHEN 35 THEN 1396182291
        WHEN 36 THEN 1695183700 WHEN 37 THEN 1986661051 WHEN 38 THEN 2177026350 WHEN 39 THEN 2456956037
        WHEN 40 THEN 2730485921 WHEN 41 THEN 2820302411 WHEN 42 THEN 3259730800 WHEN 43 THEN 3345764771
        WHEN 44 THEN 3516065817 WHEN 45 THEN 3600352804 WHEN 46 THEN 4094571909 WHEN 47 THEN 275423344
        WHEN 48 THEN 430227734 WHEN 49 THEN 506948616 WHEN 50 THEN 659060556 WHEN 51 THEN 883997877
        WHEN 52 THEN 958139571 WHEN 53 THEN 1322822218 WHEN 54 THEN 1537002063 WHEN 55 THEN 1747873779
        WHEN 56 THEN 1955562222 WHEN 57 THEN 2024104815 WHEN 58 THEN 2227730452 WHEN 59 THEN 2361852424
        WHEN 60 THEN 2428436474 WHEN 61 THEN 2756734187 WHEN 62 THEN 3204031479 WHEN 63 THEN 3329325298
        ELSE 0 END;
END FUNCTION;

-- One 64-byte block (128 hex digits) into the state (8 words, 64 hex digits). The message schedule
-- W0..W63 is kept as a window of 16 words (w0 = W[t]) that slides by one word per round.
CREATE FUNCTION ccs_gdpr_sha256_block(p_state CHAR(64), p_block CHAR(128))
    RETURNING CHAR(64) AS state;
    DEFINE v_mask BIGINT;
    DEFINE v_mod BIGINT;
    DEFINE a BIGINT; DEFINE b BIGINT; DEFINE c BIGINT; DEFINE d BIGINT;
    DEFINE e BIGINT; DEFINE f BIGINT; DEFINE g BIGINT; DEFINE h BIGINT;
    DEFINE w0 BIGINT; DEFINE w1 BIGINT; DEFINE w2 BIGINT; DEFINE w3 BIGINT;
    DEFINE w4 BIGINT; DEFINE w5 BIGINT; DEFINE w6 BIGINT; DEFINE w7 BIGINT;
    DEFINE w8 BIGINT; DEFINE w9 BIGINT; DEFINE w10 BIGINT; DEFINE w11 BIGINT;
    DEFINE w12 BIGINT; DEFINE w13 BIGINT; DEFINE w14 BIGINT; DEFINE w15 BIGINT;
    DEFINE v_t INTEGER;
    DEFINE v_s1 BIGINT;
    DEFINE v_s0 BIGINT;
    DEFINE v_ch BIGINT;
    DEFINE v_maj BIGINT;
    DEFINE v_t1 BIGINT;
    DEFINE v_t2 BIGINT;
    DEFINE v_new BIGINT;
    LET v_mask = 4294967295;
    LET v_mod = 4294967296;
    LET a = ccs_gdpr_hex_word(SUBSTR(p_state, 1, 8));
    LET b = ccs_gdpr_hex_word(SUBSTR(p_state, 9, 8));
    LET c = ccs_gdpr_hex_word(SUBSTR(p_state, 17, 8));
    LET d = ccs_gdpr_hex_word(SUBSTR(p_state, 25, 8));
    LET e = ccs_gdpr_hex_word(SUBSTR(p_state, 33, 8));
    LET f = ccs_gdpr_hex_word(SUBSTR(p_state, 41, 8));
    LET g = ccs_gdpr_hex_word(SUBSTR(p_state, 49, 8));
    LET h = ccs_gdpr_hex_word(SUBSTR(p_state, 57, 8));
    LET w0 = ccs_gdpr_hex_word(SUBSTR(p_block, 1, 8));
    LET w1 = ccs_gdpr_hex_word(SUBSTR(p_block, 9, 8));
    LET w2 = ccs_gdpr_hex_word(SUBSTR(p_block, 17, 8));
    LET w3 = ccs_gdpr_hex_word(SUBSTR(p_block, 25, 8));
    LET w4 = ccs_gdpr_hex_word(SUBSTR(p_block, 33, 8));
    LET w5 = ccs_gdpr_hex_word(SUBSTR(p_block, 41, 8));
    LET w6 = ccs_gdpr_hex_word(SUBSTR(p_block, 49, 8));
    LET w7 = ccs_gdpr_hex_word(SUBSTR(p_block, 57, 8));
    LET w8 = ccs_gdpr_hex_word(SUBSTR(p_block, 65, 8));
    LET w9 = ccs_gdpr_hex_word(SUBSTR(p_block, 73, 8));
    LET w10 = ccs_gdpr_hex_word(SUBSTR(p_block, 81, 8));
    LET w11 = ccs_gdpr_hex_word(SUBSTR(p_block, 89, 8));
    LET w12 = ccs_gdpr_hex_word(SUBSTR(p_block, 97, 8));
    LET w13 = ccs_gdpr_hex_word(SUBSTR(p_block, 105, 8));
    LET w14 = ccs_gdpr_hex_word(SUBSTR(p_block, 113, 8));
    LET w15 = ccs_gdpr_hex_word(SUBSTR(p_block, 121, 8));
    FOR v_t = 0 TO 63
        -- S1 = rotr(e,6) ^ rotr(e,11) ^ rotr(e,25); ch = (e & f) ^ (~e & g)
        LET v_s1 = BITXOR(BITXOR(ccs_gdpr_rotr(e, 64, 67108864), ccs_gdpr_rotr(e, 2048, 2097152)),
                          ccs_gdpr_rotr(e, 33554432, 128));
        LET v_ch = BITXOR(BITAND(e, f), BITAND(v_mask - e, g));
        LET v_t1 = MOD(h + v_s1 + v_ch + ccs_gdpr_sha256_k(v_t) + w0, v_mod);
        -- S0 = rotr(a,2) ^ rotr(a,13) ^ rotr(a,22); maj = (a & b) ^ (a & c) ^ (b & c)
        LET v_s0 = BITXOR(BITXOR(ccs_gdpr_rotr(a, 4, 1073741824), ccs_gdpr_rotr(a, 8192, 524288)),
                          ccs_gdpr_rotr(a, 4194304, 1024));
        LET v_maj = BITXOR(BITXOR(BITAND(a, b), BITAND(a, c)), BITAND(b, c));
        LET v_t2 = MOD(v_s0 + v_maj, v_mod);
        LET h = g;
        LET g = f;
        LET f = e;
        LET e = MOD(d + v_t1, v_mod);
        LET d = c;
        LET c = b;
        LET b = a;
        LET a = MOD(v_t1 + v_t2, v_mod);
        -- W[t+16] = s1(W[t+14]) + W[t+9] + s0(W[t+1]) + W[t]
        --   s0(x) = rotr(x,7) ^ rotr(x,18) ^ shr(x,3); s1(x) = rotr(x,17) ^ rotr(x,19) ^ shr(x,10)
        LET v_new = MOD(BITXOR(BITXOR(ccs_gdpr_rotr(w14, 131072, 32768), ccs_gdpr_rotr(w14, 524288, 8192)),
                               ccs_gdpr_shr(w14, 1024))
                      + w9
                      + BITXOR(BITXOR(ccs_gdpr_rotr(w1, 128, 33554432), ccs_gdpr_rotr(w1, 262144, 16384)),
                               ccs_gdpr_shr(w1, 8))
                      + w0, v_mod);
        LET w0 = w1; LET w1 = w2; LET w2 = w3; LET w3 = w4; LET w4 = w5; LET w5 = w6; LET w6 = w7; LET w7 = w8;
        LET w8 = w9; LET w9 = w10; LET w10 = w11; LET w11 = w12; LET w12 = w13; LET w13 = w14; LET w14 = w15;
        LET w15 = v_new;
    END FOR;
    RETURN ccs_gdpr_hex(MOD(ccs_gdpr_hex_word(SUBSTR(p_state, 1, 8)) + a, v_mod), 8)
        || ccs_gdpr_hex(MOD(ccs_gdpr_hex_word(SUBSTR(p_state, 9, 8)) + b, v_mod), 8)
        || ccs_gdpr_hex(MOD(ccs_gdpr_hex_word(SUBSTR(p_state, 17, 8)) + c, v_mod), 8)
        || ccs_gdpr_hex(MOD(ccs_gdpr_hex_word(SUBSTR(p_state, 25, 8)) + d, v_mod), 8)
        || ccs_gdpr_hex(MOD(ccs_gdpr_hex_word(SUBSTR(p_state, 33, 8)) + e, v_mod), 8)
        || ccs_gdpr_hex(MOD(ccs_gdpr_hex_word(SUBSTR(p_state, 41, 8)) + f, v_mod), 8)
        || ccs_gdpr_hex(MOD(ccs_gdpr_hex_word(SUBSTR(p_state, 49, 8)) + g, v_mod), 8)
        || ccs_gdpr_hex(MOD(ccs_gdpr_hex_word(SUBSTR(p_state, 57, 8)) + h, v_mod), 8);
END FUNCTION;

-- SHA-256 of p_prefix_bytes bytes already compressed into p_state followed by the bytes p_hex:
-- pads (0x80, zeros, the 64-bit length in bits) and compresses the remaining blocks.
-- From the initial state with p_prefix_bytes = 0 it is plain SHA-256 of p_hex.
CREATE FUNCTION ccs_gdpr_sha256_from(p_state CHAR(64), p_hex LVARCHAR(2048), p_prefix_bytes INTEGER)
    RETURNING CHAR(64) AS digest;
    DEFINE v_msg LVARCHAR(2400);
    DEFINE v_bytes INTEGER;
    DEFINE v_bits BIGINT;
    DEFINE v_state CHAR(64);
    DEFINE v_pos INTEGER;
    LET v_msg = NVL(p_hex, '') || '80';
    LET v_bytes = p_prefix_bytes + CHAR_LENGTH(NVL(p_hex, '')) / 2;
    WHILE MOD(CHAR_LENGTH(v_msg), 128) <> 112
        LET v_msg = v_msg || '00';
    END WHILE;
    LET v_bits = v_bytes * 8;
    LET v_msg = v_msg || ccs_gdpr_hex(v_bits, 16);
    LET v_state = p_state;
    LET v_pos = 1;
    WHILE v_pos < CHAR_LENGTH(v_msg)
        LET v_state = ccs_gdpr_sha256_block(v_state, SUBSTR(v_msg, v_pos, 128));
        LET v_pos = v_pos + 128;
    END WHILE;
    RETURN v_state;
END FUNCTION;

-- the 64-byte HMAC key block XOR a pad byte (54 = 0x36 inner, 92 = 0x5c outer), as hex
CREATE FUNCTION ccs_gdpr_key_pad(p_key_hex VARCHAR(128), p_pad INTEGER)
    RETURNING CHAR(128) AS padded;
    DEFINE v_key VARCHAR(128);
    DEFINE v_out VARCHAR(128);
    DEFINE v_i INTEGER;
    DEFINE v_byte INTEGER;
    LET v_key = LOWER(TRIM(p_key_hex));
    WHILE CHAR_LENGTH(v_key) < 128
        LET v_key = v_key || '0';
    END WHILE;
    LET v_out = '';
    FOR v_i = 1 TO 127 STEP 2
        LET v_byte = ccs_gdpr_hex_digit(SUBSTR(v_key, v_i, 1)) * 16 + ccs_gdpr_hex_digit(SUBSTR(v_key, v_i + 1, 1));
        LET v_out = v_out || ccs_gdpr_hex(BITXOR(v_byte, p_pad), 2);
    END FOR;
    RETURN v_out;
END FUNCTION;

-- HMAC-SHA-256 (RFC 2104) of the bytes p_msg_hex under the key p_key_hex (up to 64 bytes), as hex
CREATE FUNCTION ccs_gdpr_hmac_sha256(p_key_hex VARCHAR(128), p_msg_hex LVARCHAR(2048))
    RETURNING CHAR(64) AS hmac;
    DEFINE v_h0 CHAR(64);
    DEFINE v_inner CHAR(64);
    LET v_h0 = '6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19';
    LET v_inner = ccs_gdpr_sha256_from(ccs_gdpr_sha256_block(v_h0, ccs_gdpr_key_pad(p_key_hex, 54)), p_msg_hex, 64);
    RETURN ccs_gdpr_sha256_from(ccs_gdpr_sha256_block(v_h0, ccs_gdpr_key_pad(p_key_hex, 92)), v_inner, 64);
END FUNCTION;

-- the bytes of a text as hex; characters outside printable ASCII (32-126) count as '?' (3f)
CREATE FUNCTION ccs_gdpr_text_hex(p_text VARCHAR(255))
    RETURNING LVARCHAR(1024) AS hex;
    DEFINE v_alphabet VARCHAR(95);
    DEFINE v_out LVARCHAR(1024);
    DEFINE v_ch VARCHAR(4);
    DEFINE v_i INTEGER;
    DEFINE v_k INTEGER;
    DEFINE v_code INTEGER;
    LET v_alphabet = ' !"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[' || CHR(92)
        || ']^_`abcdefghijklmnopqrstuvwxyz' || CHR(123) || '|' || CHR(125) || '~';
    LET v_out = '';
    FOR v_i = 1 TO CHAR_LENGTH(p_text)
        LET v_ch = SUBSTR(p_text, v_i, 1);
        LET v_code = 63;
        FOR v_k = 1 TO 95
            IF SUBSTR(v_alphabet, v_k, 1) = v_ch THEN
                LET v_code = 31 + v_k;
                EXIT FOR;
            END IF;
        END FOR;
        LET v_out = v_out || ccs_gdpr_hex(v_code, 2);
    END FOR;
    RETURN v_out;
END FUNCTION;

-- ---------------------------------------------------------------------------------------------
-- Helpers: the subject, the identifiers linked to it, the rows about it (session temp tables)
-- ---------------------------------------------------------------------------------------------

CREATE PROCEDURE ccs_gdpr_check_ref(p_request_ref VARCHAR(255))
    DEFINE v_i INTEGER;
    DEFINE v_ch VARCHAR(4);
    IF p_request_ref IS NULL THEN
        RETURN;
    END IF;
    IF CHAR_LENGTH(p_request_ref) < 1 OR CHAR_LENGTH(p_request_ref) > 64 THEN
        RAISE EXCEPTION -746, 0, 'request_ref is a case number (up to 64 letters, digits and . _ / # : -), never a name or an address';
    END IF;
    FOR v_i = 1 TO CHAR_LENGTH(p_request_ref)
        LET v_ch = SUBSTR(p_request_ref, v_i, 1);
        IF NOT ((v_ch >= 'a' AND v_ch <= 'z') OR (v_ch >= 'A' AND v_ch <= 'Z') OR (v_ch >= '0' AND v_ch <= '9')
                OR v_ch IN ('.', '_', '/', '#', ':', '-')) THEN
            RAISE EXCEPTION -746, 0, 'request_ref is a case number (up to 64 letters, digits and . _ / # : -), never a name or an address';
        END IF;
    END FOR;
END PROCEDURE;

-- one identifier of the request into t_gdpr_id unless already there
CREATE PROCEDURE ccs_gdpr_add_id(p_type VARCHAR(16), p_value VARCHAR(254), p_linked INTEGER)
    DEFINE v_n INTEGER;
    SELECT COUNT(*) INTO v_n FROM t_gdpr_id WHERE identifier_type = p_type AND normalised_value = p_value;
    IF v_n = 0 THEN
        INSERT INTO t_gdpr_id (identifier_type, normalised_value, linked) VALUES (p_type, p_value, p_linked);
    END IF;
END PROCEDURE;

-- 'type:value;type:value' -> t_gdpr_id; errors name the position, never the value
CREATE PROCEDURE ccs_gdpr_parse(p_subject LVARCHAR(2000))
    DEFINE v_len INTEGER;
    DEFINE v_i INTEGER;
    DEFINE v_start INTEGER;
    DEFINE v_n INTEGER;
    DEFINE v_colon INTEGER;
    DEFINE v_item LVARCHAR(2000);
    DEFINE v_err VARCHAR(255);
    DEFINE v_type VARCHAR(255);
    DEFINE v_value VARCHAR(255);
    DEFINE v_k INTEGER;
    IF p_subject IS NULL OR TRIM(p_subject) = '' THEN
        RAISE EXCEPTION -746, 0, 'no subject: give identifiers as ''type:value;type:value'' (phone, email, customer_id, social, name, agent)';
    END IF;
    LET v_len = CHAR_LENGTH(p_subject);
    LET v_start = 1;
    LET v_n = 0;
    FOR v_i = 1 TO v_len + 1
        IF v_i > v_len OR SUBSTR(p_subject, v_i, 1) = ';' THEN
            LET v_n = v_n + 1;
            LET v_item = '';
            IF v_i > v_start THEN
                LET v_item = SUBSTR(p_subject, v_start, v_i - v_start);
            END IF;
            LET v_start = v_i + 1;
            IF TRIM(v_item) = '' THEN
                CONTINUE FOR;
            END IF;
            LET v_colon = 0;
            FOR v_k = 1 TO CHAR_LENGTH(v_item)
                IF SUBSTR(v_item, v_k, 1) = ':' THEN
                    LET v_colon = v_k;
                    EXIT FOR;
                END IF;
            END FOR;
            IF v_colon = 0 THEN
                LET v_err = 'identifier ' || CAST(v_n AS VARCHAR(10)) || ' has no type: write type:value';
                RAISE EXCEPTION -746, 0, v_err;
            END IF;
            LET v_type = '';
            IF v_colon > 1 THEN
                LET v_type = UPPER(TRIM(SUBSTR(v_item, 1, v_colon - 1)));
            END IF;
            LET v_value = '';
            IF v_colon < CHAR_LENGTH(v_item) THEN
                LET v_value = TRIM(SUBSTR(v_item, v_colon + 1));
            END IF;
            IF v_value = '' THEN
                LET v_err = 'identifier ' || CAST(v_n AS VARCHAR(10)) || ' (' || LOWER(v_type) || ') is empty';
                RAISE EXCEPTION -746, 0, v_err;
            END IF;
            IF v_type = 'PHONE' THEN
                LET v_value = ccs_gdpr_phone_norm(v_value);
                IF v_value IS NULL THEN
                    LET v_err = 'identifier ' || CAST(v_n AS VARCHAR(10)) || ' (phone) has fewer than 6 digits';
                    RAISE EXCEPTION -746, 0, v_err;
                END IF;
            ELIF v_type IN ('EMAIL', 'SOCIAL') THEN
                LET v_value = LOWER(v_value);
            ELIF v_type = 'NAME' THEN
                LET v_value = ccs_gdpr_fold(v_value);
                IF ccs_gdpr_word_string(v_value) = ' ' THEN
                    LET v_err = 'identifier ' || CAST(v_n AS VARCHAR(10)) || ' (name) has no letters';
                    RAISE EXCEPTION -746, 0, v_err;
                END IF;
            ELIF v_type NOT IN ('CUSTOMER_ID', 'AGENT') THEN
                LET v_err = 'identifier ' || CAST(v_n AS VARCHAR(10)) || ' has an unknown type: use phone, email, customer_id, social, name or agent';
                RAISE EXCEPTION -746, 0, v_err;
            END IF;
            CALL ccs_gdpr_add_id(v_type, v_value, 0);
        END IF;
    END FOR;
END PROCEDURE;

-- (type, value) pairs under which customer_identifier may hold the identifiers of t_gdpr_id: phones
-- with and without '+', customer ids and social ids also in the case they may be stored in
CREATE PROCEDURE ccs_gdpr_make_keys()
    DELETE FROM t_gdpr_key;
    INSERT INTO t_gdpr_key (identifier_type, normalised_value)
        SELECT identifier_type, normalised_value FROM t_gdpr_id
         WHERE identifier_type IN ('PHONE', 'EMAIL', 'CUSTOMER_ID', 'SOCIAL');
    INSERT INTO t_gdpr_key (identifier_type, normalised_value)
        SELECT 'PHONE', SUBSTR(normalised_value, 2) FROM t_gdpr_id WHERE identifier_type = 'PHONE';
    INSERT INTO t_gdpr_key (identifier_type, normalised_value)
        SELECT identifier_type, UPPER(normalised_value) FROM t_gdpr_id WHERE identifier_type IN ('CUSTOMER_ID', 'SOCIAL');
    INSERT INTO t_gdpr_key (identifier_type, normalised_value)
        SELECT identifier_type, LOWER(normalised_value) FROM t_gdpr_id WHERE identifier_type = 'CUSTOMER_ID';
END PROCEDURE;

-- The session's work tables, the named identifiers, and those linked to them in the 360-degree view:
-- customers holding one of the identifiers (or, for names, with that display name) lend all their
-- identifiers; repeated until nothing new (at most 3 rounds). linked = 0 for what the request named.
CREATE PROCEDURE ccs_gdpr_prepare(p_subject LVARCHAR(2000))
    DEFINE v_round INTEGER;
    DEFINE v_before INTEGER;
    DEFINE v_after INTEGER;
    DEFINE v_type VARCHAR(16);
    DEFINE v_value VARCHAR(254);
    DROP TABLE IF EXISTS t_gdpr_id;
    DROP TABLE IF EXISTS t_gdpr_key;
    DROP TABLE IF EXISTS t_gdpr_customer;
    DROP TABLE IF EXISTS t_gdpr_caller;
    DROP TABLE IF EXISTS t_gdpr_contact;
    DROP TABLE IF EXISTS t_gdpr_text;
    DROP TABLE IF EXISTS t_gdpr_agent;
    DROP TABLE IF EXISTS t_gdpr_login;
    DROP TABLE IF EXISTS t_gdpr_cand;
    DROP TABLE IF EXISTS t_gdpr_hit;
    CREATE TEMP TABLE t_gdpr_id (identifier_type VARCHAR(16), normalised_value VARCHAR(254), linked INTEGER) WITH NO LOG;
    CREATE TEMP TABLE t_gdpr_key (identifier_type VARCHAR(16), normalised_value VARCHAR(254)) WITH NO LOG;
    CREATE TEMP TABLE t_gdpr_customer (id BIGINT) WITH NO LOG;
    CREATE TEMP TABLE t_gdpr_caller (caller VARCHAR(254)) WITH NO LOG;
    CREATE TEMP TABLE t_gdpr_contact (id BIGINT, matched_by VARCHAR(16)) WITH NO LOG;
    CREATE TEMP TABLE t_gdpr_text (source VARCHAR(32), source_id BIGINT) WITH NO LOG;
    CREATE TEMP TABLE t_gdpr_agent (id BIGINT) WITH NO LOG;
    CREATE TEMP TABLE t_gdpr_login (login VARCHAR(64)) WITH NO LOG;
    CREATE TEMP TABLE t_gdpr_cand (table_name VARCHAR(32), row_id BIGINT, contact_id BIGINT, matched_by VARCHAR(16),
                                   erase_action VARCHAR(16), subject_kind VARCHAR(8), prio INTEGER) WITH NO LOG;
    CREATE TEMP TABLE t_gdpr_hit (table_name VARCHAR(32), row_id BIGINT, contact_id BIGINT, matched_by VARCHAR(16),
                                  erase_action VARCHAR(16), subject_kind VARCHAR(8)) WITH NO LOG;
    CALL ccs_gdpr_parse(p_subject);
    SELECT COUNT(*) INTO v_after FROM t_gdpr_id;
    IF v_after = 0 THEN
        RAISE EXCEPTION -746, 0, 'no subject: give identifiers as ''type:value;type:value''';
    END IF;
    FOR v_round = 1 TO 3
        LET v_before = v_after;
        CALL ccs_gdpr_make_keys();
        DELETE FROM t_gdpr_customer;
        INSERT INTO t_gdpr_customer (id)
            SELECT k.customer_id FROM customer_identifier k, t_gdpr_key u
             WHERE k.identifier_type = u.identifier_type AND k.normalised_value = u.normalised_value;
        INSERT INTO t_gdpr_customer (id)
            SELECT c.id FROM customer c
             WHERE ccs_gdpr_fold(c.display_name) IN (SELECT n.normalised_value FROM t_gdpr_id n
                                                      WHERE n.identifier_type = 'NAME' AND n.linked = 0);
        FOREACH c_link FOR
            SELECT DISTINCT ci.identifier_type,
                   CASE ci.identifier_type
                       WHEN 'PHONE' THEN '+' || CASE WHEN SUBSTR(ci.normalised_value, 1, 1) = '+'
                                                     THEN SUBSTR(ci.normalised_value, 2) ELSE ci.normalised_value END
                       WHEN 'EMAIL' THEN LOWER(ci.normalised_value)
                       WHEN 'SOCIAL' THEN LOWER(ci.normalised_value)
                       ELSE ci.normalised_value END
              INTO v_type, v_value
              FROM customer_identifier ci
             WHERE ci.customer_id IN (SELECT t.id FROM t_gdpr_customer t)
            CALL ccs_gdpr_add_id(v_type, v_value, 1);
        END FOREACH;
        SELECT COUNT(*) INTO v_after FROM t_gdpr_id;
        IF v_after = v_before THEN
            EXIT FOR;
        END IF;
    END FOR;
    CALL ccs_gdpr_make_keys();
END PROCEDURE;

-- one row into the candidate hits; the lowest step (p_prio) decides matched_by when several find it
CREATE PROCEDURE ccs_gdpr_cand(p_table VARCHAR(32), p_row BIGINT, p_contact BIGINT, p_by VARCHAR(16),
                               p_action VARCHAR(16), p_kind VARCHAR(8), p_prio INTEGER)
    INSERT INTO t_gdpr_cand VALUES (p_table, p_row, p_contact, p_by, p_action, p_kind, p_prio);
END PROCEDURE;

-- Every row about the subject of t_gdpr_id into t_gdpr_hit (the rules of postgresql/V8 ccs_gdpr_collect):
--   table_name, row_id, contact_id, matched_by, erase_action, subject_kind (CUSTOMER or EMPLOYEE).
CREATE PROCEDURE ccs_gdpr_collect()
    DEFINE v_id BIGINT;
    DEFINE v_contact BIGINT;
    DEFINE v_name VARCHAR(254);
    DEFINE v_word VARCHAR(254);
    DEFINE v_msg LVARCHAR(4000);
    DEFINE v_subject VARCHAR(255);
    DEFINE v_n INTEGER;
    DEFINE v_action VARCHAR(16);
    DEFINE v_by VARCHAR(16);
    DEFINE v_words LVARCHAR(4100);
    DEFINE v_i INTEGER;
    DEFINE v_j INTEGER;

    -- what a contact record holds as caller identification: phones (with and without '+'), e-mail and social ids
    INSERT INTO t_gdpr_caller (caller)
        SELECT normalised_value FROM t_gdpr_id WHERE identifier_type IN ('PHONE', 'EMAIL', 'SOCIAL');
    INSERT INTO t_gdpr_caller (caller)
        SELECT SUBSTR(normalised_value, 2) FROM t_gdpr_id WHERE identifier_type = 'PHONE';
    INSERT INTO t_gdpr_caller (caller)
        SELECT UPPER(normalised_value) FROM t_gdpr_id WHERE identifier_type = 'SOCIAL';

    -- 360-degree view: customers holding one of the identifiers, or named like the subject
    DELETE FROM t_gdpr_customer;
    INSERT INTO t_gdpr_customer (id)
        SELECT k.customer_id FROM customer_identifier k, t_gdpr_key u
         WHERE k.identifier_type = u.identifier_type AND k.normalised_value = u.normalised_value;
    INSERT INTO t_gdpr_customer (id)
        SELECT c.id FROM customer c
         WHERE ccs_gdpr_fold(c.display_name) IN (SELECT n.normalised_value FROM t_gdpr_id n WHERE n.identifier_type = 'NAME');
    INSERT INTO t_gdpr_cand
        SELECT 'customer', c.id, CAST(NULL AS BIGINT), 'name', 'DELETE', 'CUSTOMER', 1 FROM customer c
         WHERE c.id IN (SELECT t.id FROM t_gdpr_customer t)
           AND ccs_gdpr_fold(c.display_name) IN (SELECT n.normalised_value FROM t_gdpr_id n WHERE n.identifier_type = 'NAME');
    INSERT INTO t_gdpr_cand
        SELECT 'customer', c.id, CAST(NULL AS BIGINT), '360', 'DELETE', 'CUSTOMER', 2 FROM customer c
         WHERE c.id IN (SELECT t.id FROM t_gdpr_customer t);
    INSERT INTO t_gdpr_cand
        SELECT 'customer_identifier', k.id, CAST(NULL AS BIGINT), '360', 'DELETE', 'CUSTOMER', 3 FROM customer_identifier k
         WHERE k.customer_id IN (SELECT t.id FROM t_gdpr_customer t);
    INSERT INTO t_gdpr_cand
        SELECT 'consent_record', r.id, CAST(NULL AS BIGINT), '360', 'DELETE', 'CUSTOMER', 4 FROM consent_record r
         WHERE r.customer_id IN (SELECT t.id FROM t_gdpr_customer t);

    -- contacts of the subject: by caller identification, by customer
    INSERT INTO t_gdpr_contact (id, matched_by)
        SELECT c.id, 'caller' FROM contact_record c WHERE c.caller_id_norm IN (SELECT t.caller FROM t_gdpr_caller t);
    INSERT INTO t_gdpr_contact (id, matched_by)
        SELECT c.id, '360' FROM contact_record c WHERE c.customer_id IN (SELECT t.id FROM t_gdpr_customer t);

    -- identifiers written inside transcripts and e-mail subjects
    INSERT INTO t_gdpr_text (source, source_id)
        SELECT 'transcript_message', t.transcript_message_id FROM gdpr_text_identifier t, t_gdpr_id i
         WHERE t.transcript_message_id IS NOT NULL AND i.identifier_type IN ('PHONE', 'EMAIL')
           AND t.identifier_type = i.identifier_type AND t.normalised_value = i.normalised_value;
    INSERT INTO t_gdpr_text (source, source_id)
        SELECT 'email_reference', t.email_reference_id FROM gdpr_text_identifier t, t_gdpr_id i
         WHERE t.email_reference_id IS NOT NULL AND i.identifier_type IN ('PHONE', 'EMAIL')
           AND t.identifier_type = i.identifier_type AND t.normalised_value = i.normalised_value;
    -- names: no text index on Informix: LIKE on the longest word narrows, ccs_gdpr_has_name decides
    FOREACH c_names FOR SELECT normalised_value INTO v_name FROM t_gdpr_id WHERE identifier_type = 'NAME'
        LET v_words = ccs_gdpr_word_string(v_name);
        LET v_word = '';
        LET v_j = 2;
        FOR v_i = 2 TO CHAR_LENGTH(v_words)
            IF SUBSTR(v_words, v_i, 1) = ' ' THEN
                IF v_i - v_j > CHAR_LENGTH(v_word) THEN
                    LET v_word = SUBSTR(v_words, v_j, v_i - v_j);
                END IF;
                LET v_j = v_i + 1;
            END IF;
        END FOR;
        FOREACH c_msgs FOR SELECT id, message_text INTO v_id, v_msg FROM transcript_message
                            WHERE LOWER(message_text) LIKE '%' || v_word || '%'
            IF ccs_gdpr_has_name(v_msg, v_name) = 1 THEN
                INSERT INTO t_gdpr_text (source, source_id) VALUES ('transcript_message', v_id);
            END IF;
        END FOREACH;
        FOREACH c_subjects FOR SELECT id, subject INTO v_id, v_subject FROM email_reference
                                WHERE LOWER(subject) LIKE '%' || v_word || '%'
            IF ccs_gdpr_has_name(v_subject, v_name) = 1 THEN
                INSERT INTO t_gdpr_text (source, source_id) VALUES ('email_reference', v_id);
            END IF;
        END FOREACH;
    END FOREACH;
    -- written by the customer in a contact nobody is identified in: the subject's own contact
    INSERT INTO t_gdpr_contact (id, matched_by)
        SELECT c.id, 'text' FROM contact_record c, transcript_message m, t_gdpr_text h
         WHERE h.source = 'transcript_message' AND m.id = h.source_id AND c.id = m.contact_id
           AND m.sender_type = 'CUSTOMER' AND c.caller_id_norm IS NULL AND c.customer_id IS NULL;
    INSERT INTO t_gdpr_contact (id, matched_by)
        SELECT c.id, 'text' FROM contact_record c, email_reference e, t_gdpr_text h
         WHERE h.source = 'email_reference' AND e.id = h.source_id AND c.id = e.contact_id
           AND c.caller_id_norm IS NULL AND c.customer_id IS NULL;
    INSERT INTO t_gdpr_cand
        SELECT 'contact_record', t.id, t.id, t.matched_by, 'ANONYMISE', 'CUSTOMER',
               CASE t.matched_by WHEN 'caller' THEN 5 WHEN '360' THEN 6 ELSE 7 END
          FROM t_gdpr_contact t;

    -- what belongs to the subject's contacts
    INSERT INTO t_gdpr_cand
        SELECT 'contact_leg', l.id, l.contact_id, 'contact', 'KEEP', 'CUSTOMER', 8 FROM contact_leg l
         WHERE l.contact_id IN (SELECT t.id FROM t_gdpr_contact t);
    INSERT INTO t_gdpr_cand
        SELECT 'contact_data', d.id, d.contact_id, 'contact', 'DELETE', 'CUSTOMER', 9 FROM contact_data d
         WHERE d.contact_id IN (SELECT t.id FROM t_gdpr_contact t);
    INSERT INTO t_gdpr_cand
        SELECT 'transcript_message', m.id, m.contact_id, 'contact', 'DELETE', 'CUSTOMER', 10 FROM transcript_message m
         WHERE m.contact_id IN (SELECT t.id FROM t_gdpr_contact t);
    INSERT INTO t_gdpr_cand
        SELECT 'email_reference', e.id, e.contact_id, 'contact', 'DELETE', 'CUSTOMER', 11 FROM email_reference e
         WHERE e.contact_id IN (SELECT t.id FROM t_gdpr_contact t);
    -- the subject written into somebody else's contact: that message (or e-mail subject) is blanked
    INSERT INTO t_gdpr_cand
        SELECT 'transcript_message', m.id, m.contact_id, 'text', 'BLANK', 'CUSTOMER', 12 FROM transcript_message m
         WHERE m.id IN (SELECT h.source_id FROM t_gdpr_text h WHERE h.source = 'transcript_message')
           AND m.contact_id NOT IN (SELECT t.id FROM t_gdpr_contact t);
    INSERT INTO t_gdpr_cand
        SELECT 'email_reference', e.id, e.contact_id, 'text', 'BLANK', 'CUSTOMER', 13 FROM email_reference e
         WHERE e.id IN (SELECT h.source_id FROM t_gdpr_text h WHERE h.source = 'email_reference')
           AND e.contact_id NOT IN (SELECT t.id FROM t_gdpr_contact t);

    -- speed-list entries that hold the person (number or name)
    INSERT INTO t_gdpr_cand
        SELECT 'speed_list_entry', s.id, CAST(NULL AS BIGINT), 'name', 'DELETE', 'CUSTOMER', 14 FROM speed_list_entry s
         WHERE ccs_gdpr_fold(s.display_name) IN (SELECT n.normalised_value FROM t_gdpr_id n WHERE n.identifier_type = 'NAME');
    INSERT INTO t_gdpr_cand
        SELECT 'speed_list_entry', s.id, CAST(NULL AS BIGINT), 'phone', 'DELETE', 'CUSTOMER', 15 FROM speed_list_entry s
         WHERE s.phone_number_norm IN (SELECT t.caller FROM t_gdpr_caller t);
    FOREACH c_speed FOR SELECT id, phone_number INTO v_id, v_subject FROM speed_list_entry WHERE phone_number_norm IS NULL
        SELECT COUNT(*) INTO v_n FROM t_gdpr_id
         WHERE identifier_type = 'PHONE' AND normalised_value = ccs_gdpr_phone_norm(v_subject);
        IF v_n > 0 THEN
            CALL ccs_gdpr_cand('speed_list_entry', v_id, NULL, 'phone', 'DELETE', 'CUSTOMER', 15);
        END IF;
    END FOREACH;

    -- legal holds on the subject: active ones stop erasure; released ones lose the customer link
    INSERT INTO t_gdpr_cand
        SELECT 'legal_hold', h.id, h.contact_id, 'hold', CASE WHEN h.released_at IS NULL THEN 'HOLD' ELSE 'BLANK' END,
               'CUSTOMER', 16
          FROM legal_hold h
         WHERE h.customer_id IN (SELECT t.id FROM t_gdpr_customer t)
            OR (h.released_at IS NULL AND h.contact_id IN (SELECT t.id FROM t_gdpr_contact t));
    SELECT COUNT(*) INTO v_n FROM t_gdpr_contact;
    IF v_n > 0 THEN
        INSERT INTO t_gdpr_cand
            SELECT 'legal_hold', h.id, h.contact_id, 'hold', 'HOLD', 'CUSTOMER', 16 FROM legal_hold h
             WHERE h.released_at IS NULL AND h.customer_id IS NULL AND h.contact_id IS NULL
               AND (h.category = 'CONTACT_RECORD'
                 OR (h.category = 'TRANSCRIPT' AND EXISTS (SELECT 1 FROM transcript_message m
                                                            WHERE m.contact_id IN (SELECT t.id FROM t_gdpr_contact t)))
                 OR (h.category = 'EMAIL_REFERENCE' AND EXISTS (SELECT 1 FROM email_reference e
                                                                 WHERE e.contact_id IN (SELECT t.id FROM t_gdpr_contact t))));
    END IF;
    SELECT COUNT(*) INTO v_n FROM t_gdpr_text WHERE source = 'transcript_message';
    IF v_n > 0 THEN
        INSERT INTO t_gdpr_cand
            SELECT 'legal_hold', h.id, h.contact_id, 'hold', 'HOLD', 'CUSTOMER', 16 FROM legal_hold h
             WHERE h.released_at IS NULL AND h.customer_id IS NULL AND h.contact_id IS NULL AND h.category = 'TRANSCRIPT';
    END IF;
    SELECT COUNT(*) INTO v_n FROM t_gdpr_text WHERE source = 'email_reference';
    IF v_n > 0 THEN
        INSERT INTO t_gdpr_cand
            SELECT 'legal_hold', h.id, h.contact_id, 'hold', 'HOLD', 'CUSTOMER', 16 FROM legal_hold h
             WHERE h.released_at IS NULL AND h.customer_id IS NULL AND h.contact_id IS NULL AND h.category = 'EMAIL_REFERENCE';
    END IF;

    -- employees: agents named by login (agent:) or by first and last name, and their user accounts
    INSERT INTO t_gdpr_agent (id)
        SELECT a.id FROM agent a
         WHERE a.login_name IN (SELECT n.normalised_value FROM t_gdpr_id n WHERE n.identifier_type = 'AGENT');
    INSERT INTO t_gdpr_agent (id)
        SELECT u.agent_id FROM app_user u
         WHERE u.agent_id IS NOT NULL
           AND u.username IN (SELECT n.normalised_value FROM t_gdpr_id n WHERE n.identifier_type = 'AGENT');
    INSERT INTO t_gdpr_agent (id)
        SELECT a.id FROM agent a
         WHERE ccs_gdpr_fold(a.first_name || ' ' || a.last_name)
               IN (SELECT n.normalised_value FROM t_gdpr_id n WHERE n.identifier_type = 'NAME');
    INSERT INTO t_gdpr_login (login)
        SELECT a.login_name FROM agent a WHERE a.id IN (SELECT t.id FROM t_gdpr_agent t);
    INSERT INTO t_gdpr_login (login)
        SELECT u.username FROM app_user u WHERE u.agent_id IN (SELECT t.id FROM t_gdpr_agent t);
    INSERT INTO t_gdpr_login (login)
        SELECT u.username FROM app_user u
         WHERE u.username IN (SELECT n.normalised_value FROM t_gdpr_id n WHERE n.identifier_type = 'AGENT');
    SELECT COUNT(*) INTO v_n FROM t_gdpr_login;
    IF v_n > 0 THEN
        INSERT INTO t_gdpr_cand
            SELECT 'agent', a.id, CAST(NULL AS BIGINT), 'agent', 'ANONYMISE', 'EMPLOYEE', 20 FROM agent a
             WHERE a.id IN (SELECT t.id FROM t_gdpr_agent t);
        INSERT INTO t_gdpr_cand
            SELECT 'app_user', u.id, CAST(NULL AS BIGINT), 'agent', 'DELETE', 'EMPLOYEE', 21 FROM app_user u
             WHERE u.agent_id IN (SELECT t.id FROM t_gdpr_agent t) OR u.username IN (SELECT l.login FROM t_gdpr_login l);
        INSERT INTO t_gdpr_cand
            SELECT 'agent_group_member', g.id, CAST(NULL AS BIGINT), 'agent', 'DELETE', 'EMPLOYEE', 22 FROM agent_group_member g
             WHERE g.agent_id IN (SELECT t.id FROM t_gdpr_agent t);
        INSERT INTO t_gdpr_cand
            SELECT 'team_visibility', v.id, CAST(NULL AS BIGINT), 'agent', 'DELETE', 'EMPLOYEE', 23 FROM team_visibility v
             WHERE v.viewer_agent_id IN (SELECT t.id FROM t_gdpr_agent t)
                OR v.visible_agent_id IN (SELECT t.id FROM t_gdpr_agent t);
        INSERT INTO t_gdpr_cand
            SELECT 'speed_list_entry', s.id, CAST(NULL AS BIGINT), 'agent', 'DELETE', 'EMPLOYEE', 24 FROM speed_list_entry s
             WHERE s.agent_id IN (SELECT t.id FROM t_gdpr_agent t)
                OR ccs_gdpr_fold(s.display_name) IN (SELECT ccs_gdpr_fold(a.first_name || ' ' || a.last_name) FROM agent a
                                                      WHERE a.id IN (SELECT t.id FROM t_gdpr_agent t));
        INSERT INTO t_gdpr_cand
            SELECT 'agent_state_history', h.id, CAST(NULL AS BIGINT), 'agent', 'KEEP', 'EMPLOYEE', 25 FROM agent_state_history h
             WHERE h.agent_id IN (SELECT t.id FROM t_gdpr_agent t);
        INSERT INTO t_gdpr_cand
            SELECT 'transcript_message', m.id, m.contact_id, 'agent', 'BLANK', 'EMPLOYEE', 26 FROM transcript_message m
             WHERE m.sender_type = 'AGENT' AND m.sender_id IN (SELECT l.login FROM t_gdpr_login l);
        INSERT INTO t_gdpr_cand
            SELECT 'consent_record', r.id, CAST(NULL AS BIGINT), 'agent', 'BLANK', 'EMPLOYEE', 27 FROM consent_record r
             WHERE r.recorded_by IN (SELECT l.login FROM t_gdpr_login l);
    END IF;

    -- one hit per (table, row, kind): the one found first
    INSERT INTO t_gdpr_hit (table_name, row_id, contact_id, matched_by, erase_action, subject_kind)
        SELECT DISTINCT c.table_name, c.row_id, c.contact_id, c.matched_by, c.erase_action, c.subject_kind
          FROM t_gdpr_cand c
         WHERE c.prio = (SELECT MIN(x.prio) FROM t_gdpr_cand x
                          WHERE x.table_name = c.table_name AND x.row_id = c.row_id AND x.subject_kind = c.subject_kind);
END PROCEDURE;

-- 'table=n;table=n' from the hits (for the log: counts only, never values)
CREATE FUNCTION ccs_gdpr_counts_detail()
    RETURNING LVARCHAR(2000) AS detail;
    DEFINE v_out LVARCHAR(2000);
    DEFINE v_table VARCHAR(32);
    DEFINE v_n INTEGER;
    LET v_out = '';
    FOREACH c_counts FOR SELECT table_name, COUNT(*) INTO v_table, v_n FROM t_gdpr_hit GROUP BY table_name ORDER BY table_name
        IF v_out <> '' THEN
            LET v_out = v_out || ';';
        END IF;
        LET v_out = v_out || TRIM(v_table) || '=' || CAST(v_n AS VARCHAR(12));
    END FOREACH;
    RETURN v_out;
END FUNCTION;

-- UTC now (CURRENT is the server's local time)
CREATE FUNCTION ccs_gdpr_utc_now()
    RETURNING DATETIME YEAR TO FRACTION(3) AS utc_now;
    DEFINE v_secs BIGINT;
    DEFINE v_days INTEGER;
    LET v_secs = DBINFO('utc_current');
    LET v_days = (v_secs - MOD(v_secs, 86400)) / 86400;
    RETURN EXTEND(DATETIME (1970-01-01 00:00:00) YEAR TO SECOND + v_days UNITS DAY + MOD(v_secs, 86400) UNITS SECOND,
                  YEAR TO FRACTION(3));
END FUNCTION;

-- One gdpr_request_log row per identifier of t_gdpr_id (named and linked), the same counts on each;
-- the subject only as HMAC-SHA-256 of 'TYPE:normalised value' under the newest active site secret.
CREATE PROCEDURE ccs_gdpr_log(p_procedure VARCHAR(64), p_request_ref VARCHAR(64), p_found INTEGER, p_erased INTEGER,
                              p_detail LVARCHAR(2000))
    DEFINE v_secret VARCHAR(128);
    DEFINE v_h0 CHAR(64);
    DEFINE v_ipad CHAR(64);
    DEFINE v_opad CHAR(64);
    DEFINE v_type VARCHAR(16);
    DEFINE v_value VARCHAR(254);
    DEFINE v_hash CHAR(64);
    DEFINE v_now DATETIME YEAR TO FRACTION(3);
    DEFINE v_detail VARCHAR(255);
    LET v_secret = NULL;
    FOREACH c_secret FOR SELECT secret_hex INTO v_secret FROM gdpr_site_secret WHERE active = 't'
                          ORDER BY created_at DESC, id DESC
        EXIT FOREACH;
    END FOREACH;
    IF v_secret IS NULL THEN
        RAISE EXCEPTION -746, 0, 'no active GDPR site secret: create one in gdpr_site_secret first (docs/dba-gdpr.md)';
    END IF;
    -- the key blocks are the same for every identifier: compressed once (HMAC midstates)
    LET v_h0 = '6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19';
    LET v_ipad = ccs_gdpr_sha256_block(v_h0, ccs_gdpr_key_pad(v_secret, 54));
    LET v_opad = ccs_gdpr_sha256_block(v_h0, ccs_gdpr_key_pad(v_secret, 92));
    LET v_now = ccs_gdpr_utc_now();
    LET v_detail = SUBSTR(NVL(p_detail, ''), 1, 255);
    FOREACH c_ids FOR SELECT DISTINCT identifier_type, normalised_value INTO v_type, v_value FROM t_gdpr_id
        LET v_hash = ccs_gdpr_sha256_from(v_opad,
                         ccs_gdpr_sha256_from(v_ipad, ccs_gdpr_text_hex(TRIM(v_type) || ':' || v_value), 64), 64);
        INSERT INTO gdpr_request_log (id, subject_hash, procedure_name, db_user, request_ref, rows_found, rows_erased,
                                      counts_detail, executed_at)
            VALUES (0, v_hash, p_procedure, SUBSTR(USER, 1, 64), p_request_ref, p_found, p_erased, v_detail, v_now);
    END FOREACH;
END PROCEDURE;

-- JSON pieces for the export: a string (escaped) or null, a number or null, a UTC timestamp or null
CREATE FUNCTION ccs_gdpr_json_str(p_value LVARCHAR(4000))
    RETURNING LVARCHAR(8200) AS json;
    DEFINE v_s LVARCHAR(8200);
    DEFINE v_bs VARCHAR(1);
    DEFINE v_i INTEGER;
    IF p_value IS NULL THEN
        RETURN 'null';
    END IF;
    LET v_bs = CHR(92);
    LET v_s = REPLACE(p_value, v_bs, v_bs || v_bs);
    LET v_s = REPLACE(v_s, '"', v_bs || '"');
    LET v_s = REPLACE(v_s, CHR(10), v_bs || 'n');
    LET v_s = REPLACE(v_s, CHR(13), v_bs || 'r');
    LET v_s = REPLACE(v_s, CHR(9), v_bs || 't');
    FOR v_i = 1 TO 31
        IF v_i NOT IN (9, 10, 13) AND v_s LIKE '%' || CHR(v_i) || '%' THEN
            LET v_s = REPLACE(v_s, CHR(v_i), v_bs || 'u00' || ccs_gdpr_hex(v_i, 2));
        END IF;
    END FOR;
    RETURN '"' || v_s || '"';
END FUNCTION;

CREATE FUNCTION ccs_gdpr_json_num(p_value BIGINT)
    RETURNING VARCHAR(24) AS json;
    IF p_value IS NULL THEN
        RETURN 'null';
    END IF;
    RETURN TRIM(CAST(p_value AS VARCHAR(24)));
END FUNCTION;

CREATE FUNCTION ccs_gdpr_json_ts(p_at DATETIME YEAR TO FRACTION(3))
    RETURNING VARCHAR(32) AS json;
    IF p_at IS NULL THEN
        RETURN 'null';
    END IF;
    RETURN '"' || REPLACE(TRIM(CAST(p_at AS VARCHAR(30))), ' ', 'T') || 'Z"';
END FUNCTION;

-- ---------------------------------------------------------------------------------------------
-- The procedures
-- ---------------------------------------------------------------------------------------------

-- find: every row about the subject. erase_action says what ccs_gdpr_erase (CUSTOMER rows) or
-- ccs_gdpr_erase_agent (matched_by = 'agent') does with it: DELETE, ANONYMISE (personal columns
-- emptied, row kept for statistics), BLANK (the subject's words removed from somebody else's row),
-- KEEP (no personal data once the rest is gone), HOLD (an active legal hold: erasure is refused).
CREATE FUNCTION ccs_gdpr_find(p_subject LVARCHAR(2000), p_request_ref VARCHAR(64) DEFAULT NULL)
    RETURNING VARCHAR(32) AS table_name, BIGINT AS row_id, BIGINT AS contact_id, VARCHAR(16) AS matched_by,
              VARCHAR(16) AS erase_action;
    DEFINE v_table VARCHAR(32);
    DEFINE v_row BIGINT;
    DEFINE v_contact BIGINT;
    DEFINE v_by VARCHAR(16);
    DEFINE v_action VARCHAR(16);
    DEFINE v_found INTEGER;
    CALL ccs_gdpr_check_ref(p_request_ref);
    CALL ccs_gdpr_prepare(p_subject);
    CALL ccs_gdpr_collect();
    SELECT COUNT(*) INTO v_found FROM t_gdpr_hit;
    CALL ccs_gdpr_log('ccs_gdpr_find', p_request_ref, v_found, 0, ccs_gdpr_counts_detail());
    FOREACH c_hits FOR SELECT table_name, row_id, contact_id, matched_by, erase_action
                         INTO v_table, v_row, v_contact, v_by, v_action
                         FROM t_gdpr_hit ORDER BY table_name, row_id
        RETURN v_table, v_row, v_contact, v_by, v_action WITH RESUME;
    END FOREACH;
END FUNCTION;

-- export: the rows of ccs_gdpr_find as JSON objects, one per row, numbered in a stable order (seq:
-- by table name, then id); an Art. 15/20 answer is their array. Timestamps UTC ISO 8601.
CREATE FUNCTION ccs_gdpr_export(p_subject LVARCHAR(2000), p_request_ref VARCHAR(64) DEFAULT NULL)
    RETURNING INTEGER AS seq, VARCHAR(32) AS table_name, BIGINT AS row_id, LVARCHAR(16000) AS document;
    DEFINE v_seq INTEGER;
    DEFINE v_found INTEGER;
    DEFINE v_id BIGINT;
    DEFINE v_doc LVARCHAR(16000);
    DEFINE n1 BIGINT; DEFINE n2 BIGINT; DEFINE n3 BIGINT; DEFINE n4 BIGINT; DEFINE n5 BIGINT; DEFINE n6 BIGINT;
    DEFINE n7 BIGINT; DEFINE n8 BIGINT;
    DEFINE s1 VARCHAR(255); DEFINE s2 VARCHAR(255); DEFINE s3 VARCHAR(255); DEFINE s4 VARCHAR(255);
    DEFINE s5 VARCHAR(255); DEFINE s6 VARCHAR(255); DEFINE s7 VARCHAR(255); DEFINE s8 VARCHAR(255);
    DEFINE v_long LVARCHAR(4000);
    DEFINE d1 DATETIME YEAR TO FRACTION(3); DEFINE d2 DATETIME YEAR TO FRACTION(3);
    DEFINE d3 DATETIME YEAR TO FRACTION(3); DEFINE d4 DATETIME YEAR TO FRACTION(3);
    DEFINE b1 BOOLEAN;
    CALL ccs_gdpr_check_ref(p_request_ref);
    CALL ccs_gdpr_prepare(p_subject);
    CALL ccs_gdpr_collect();
    SELECT COUNT(*) INTO v_found FROM t_gdpr_hit;
    CALL ccs_gdpr_log('ccs_gdpr_export', p_request_ref, v_found, 0, ccs_gdpr_counts_detail());
    LET v_seq = 0;
    -- tables in the order of their names, rows by id
    FOREACH c1 FOR SELECT x.id, x.login_name, x.first_name, x.last_name, x.extension, x.department_id, x.state,
                          x.state_since, x.pseudonym, x.created_at
                     INTO v_id, s1, s2, s3, s4, n1, s5, d1, s6, d2
                     FROM agent x WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'agent') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'agent', v_id, '{"table":"agent","id":' || ccs_gdpr_json_num(v_id)
            || ',"login_name":' || ccs_gdpr_json_str(s1) || ',"first_name":' || ccs_gdpr_json_str(s2)
            || ',"last_name":' || ccs_gdpr_json_str(s3) || ',"extension":' || ccs_gdpr_json_str(s4)
            || ',"department_id":' || ccs_gdpr_json_num(n1) || ',"state":' || ccs_gdpr_json_str(s5)
            || ',"state_since":' || ccs_gdpr_json_ts(d1) || ',"pseudonym":' || ccs_gdpr_json_str(s6)
            || ',"created_at":' || ccs_gdpr_json_ts(d2) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c2 FOR SELECT x.id, x.group_id, x.agent_id, x.added_at INTO v_id, n1, n2, d1
                     FROM agent_group_member x
                    WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'agent_group_member') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'agent_group_member', v_id, '{"table":"agent_group_member","id":' || ccs_gdpr_json_num(v_id)
            || ',"group_id":' || ccs_gdpr_json_num(n1) || ',"agent_id":' || ccs_gdpr_json_num(n2)
            || ',"added_at":' || ccs_gdpr_json_ts(d1) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c3 FOR SELECT x.id, x.agent_id, x.state, x.reason_code, x.entered_at INTO v_id, n1, s1, s2, d1
                     FROM agent_state_history x
                    WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'agent_state_history') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'agent_state_history', v_id, '{"table":"agent_state_history","id":' || ccs_gdpr_json_num(v_id)
            || ',"agent_id":' || ccs_gdpr_json_num(n1) || ',"state":' || ccs_gdpr_json_str(s1)
            || ',"reason_code":' || ccs_gdpr_json_str(s2) || ',"entered_at":' || ccs_gdpr_json_ts(d1) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c4 FOR SELECT x.id, x.username, x.role_name, x.agent_id, x.enabled, x.created_at, x.password_changed_at
                     INTO v_id, s1, s2, n1, b1, d1, d2
                     FROM app_user x WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'app_user')
                    ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'app_user', v_id, '{"table":"app_user","id":' || ccs_gdpr_json_num(v_id)
            || ',"username":' || ccs_gdpr_json_str(s1) || ',"role_name":' || ccs_gdpr_json_str(s2)
            || ',"agent_id":' || ccs_gdpr_json_num(n1) || ',"enabled":' || CASE WHEN b1 = 't' THEN 'true' ELSE 'false' END
            || ',"created_at":' || ccs_gdpr_json_ts(d1) || ',"password_changed_at":' || ccs_gdpr_json_ts(d2) || '}'
            WITH RESUME;
    END FOREACH;
    FOREACH c5 FOR SELECT x.id, x.customer_id, x.purpose, x.status, x.source, x.evidence_ref, x.recorded_by, x.recorded_at,
                          x.valid_until
                     INTO v_id, n1, s1, s2, s3, s4, s5, d1, d2
                     FROM consent_record x WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'consent_record')
                    ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'consent_record', v_id, '{"table":"consent_record","id":' || ccs_gdpr_json_num(v_id)
            || ',"customer_id":' || ccs_gdpr_json_num(n1) || ',"purpose":' || ccs_gdpr_json_str(s1)
            || ',"status":' || ccs_gdpr_json_str(s2) || ',"source":' || ccs_gdpr_json_str(s3)
            || ',"evidence_ref":' || ccs_gdpr_json_str(s4) || ',"recorded_by":' || ccs_gdpr_json_str(s5)
            || ',"recorded_at":' || ccs_gdpr_json_ts(d1) || ',"valid_until":' || ccs_gdpr_json_ts(d2) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c6 FOR SELECT x.id, x.contact_id, x.seq, x.data_key, x.masked_value,
                          CASE WHEN x.encrypted_value IS NULL THEN 'false' ELSE 'true' END, x.key_id, x.collected_at
                     INTO v_id, n1, n2, s1, s2, s3, s4, d1
                     FROM contact_data x WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'contact_data')
                    ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'contact_data', v_id, '{"table":"contact_data","id":' || ccs_gdpr_json_num(v_id)
            || ',"contact_id":' || ccs_gdpr_json_num(n1) || ',"seq":' || ccs_gdpr_json_num(n2)
            || ',"data_key":' || ccs_gdpr_json_str(s1) || ',"masked_value":' || ccs_gdpr_json_str(s2)
            || ',"encrypted":' || TRIM(s3) || ',"key_id":' || ccs_gdpr_json_str(s4)
            || ',"collected_at":' || ccs_gdpr_json_ts(d1) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c7 FOR SELECT x.id, x.contact_id, x.leg_no, x.leg_type, x.device, x.agent_id, x.started_at, x.ended_at
                     INTO v_id, n1, n2, s1, s2, n3, d1, d2
                     FROM contact_leg x WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'contact_leg')
                    ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'contact_leg', v_id, '{"table":"contact_leg","id":' || ccs_gdpr_json_num(v_id)
            || ',"contact_id":' || ccs_gdpr_json_num(n1) || ',"leg_no":' || ccs_gdpr_json_num(n2)
            || ',"leg_type":' || ccs_gdpr_json_str(s1) || ',"device":' || ccs_gdpr_json_str(s2)
            || ',"agent_id":' || ccs_gdpr_json_num(n3) || ',"started_at":' || ccs_gdpr_json_ts(d1)
            || ',"ended_at":' || ccs_gdpr_json_ts(d2) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c8 FOR SELECT x.id, x.channel, x.direction, x.source_ref, x.caller_id_raw, x.caller_id_norm,
                          x.caller_presentation, x.designated_number, x.started_at, x.answered_at, x.ended_at,
                          x.queue_seconds, x.ring_seconds, x.talk_seconds, x.hold_seconds, x.outcome, x.agent_id,
                          x.customer_id, x.correlator_data, x.created_at
                     INTO v_id, s1, s2, s3, s4, s5, s6, s7, d1, d2, d3, n1, n2, n3, n4, s8, n5, n6, v_long, d4
                     FROM contact_record x WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'contact_record')
                    ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'contact_record', v_id, '{"table":"contact_record","id":' || ccs_gdpr_json_num(v_id)
            || ',"channel":' || ccs_gdpr_json_str(s1) || ',"direction":' || ccs_gdpr_json_str(s2)
            || ',"source_ref":' || ccs_gdpr_json_str(s3) || ',"caller_id_raw":' || ccs_gdpr_json_str(s4)
            || ',"caller_id_norm":' || ccs_gdpr_json_str(s5) || ',"caller_presentation":' || ccs_gdpr_json_str(s6)
            || ',"designated_number":' || ccs_gdpr_json_str(s7) || ',"started_at":' || ccs_gdpr_json_ts(d1)
            || ',"answered_at":' || ccs_gdpr_json_ts(d2) || ',"ended_at":' || ccs_gdpr_json_ts(d3)
            || ',"queue_seconds":' || ccs_gdpr_json_num(n1) || ',"ring_seconds":' || ccs_gdpr_json_num(n2)
            || ',"talk_seconds":' || ccs_gdpr_json_num(n3) || ',"hold_seconds":' || ccs_gdpr_json_num(n4)
            || ',"outcome":' || ccs_gdpr_json_str(s8) || ',"agent_id":' || ccs_gdpr_json_num(n5)
            || ',"customer_id":' || ccs_gdpr_json_num(n6) || ',"correlator_data":' || ccs_gdpr_json_str(v_long)
            || ',"created_at":' || ccs_gdpr_json_ts(d4) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c9 FOR SELECT x.id, x.display_name, x.created_at INTO v_id, s1, d1
                     FROM customer x WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'customer')
                    ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'customer', v_id, '{"table":"customer","id":' || ccs_gdpr_json_num(v_id)
            || ',"display_name":' || ccs_gdpr_json_str(s1) || ',"created_at":' || ccs_gdpr_json_ts(d1) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c10 FOR SELECT x.id, x.customer_id, x.identifier_type, x.raw_value, x.normalised_value, x.created_at
                      INTO v_id, n1, s1, s2, s3, d1
                      FROM customer_identifier x
                     WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'customer_identifier') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'customer_identifier', v_id, '{"table":"customer_identifier","id":' || ccs_gdpr_json_num(v_id)
            || ',"customer_id":' || ccs_gdpr_json_num(n1) || ',"identifier_type":' || ccs_gdpr_json_str(s1)
            || ',"raw_value":' || ccs_gdpr_json_str(s2) || ',"normalised_value":' || ccs_gdpr_json_str(s3)
            || ',"created_at":' || ccs_gdpr_json_ts(d1) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c11 FOR SELECT x.id, x.contact_id, x.mailbox, x.folder, x.uid_validity, x.uid, x.message_id, x.subject,
                           x.received_at
                      INTO v_id, n1, s1, s2, n2, n3, s3, s4, d1
                      FROM email_reference x
                     WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'email_reference') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'email_reference', v_id, '{"table":"email_reference","id":' || ccs_gdpr_json_num(v_id)
            || ',"contact_id":' || ccs_gdpr_json_num(n1) || ',"mailbox":' || ccs_gdpr_json_str(s1)
            || ',"folder":' || ccs_gdpr_json_str(s2) || ',"uid_validity":' || ccs_gdpr_json_num(n2)
            || ',"uid":' || ccs_gdpr_json_num(n3) || ',"message_id":' || ccs_gdpr_json_str(s3)
            || ',"subject":' || ccs_gdpr_json_str(s4) || ',"received_at":' || ccs_gdpr_json_ts(d1) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c12 FOR SELECT x.id, x.agent_id, x.display_name, x.phone_number, x.phone_number_norm, x.source, x.external_ref,
                           x.sort_order, x.created_at
                      INTO v_id, n1, s1, s2, s3, s4, s5, n2, d1
                      FROM speed_list_entry x
                     WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'speed_list_entry') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'speed_list_entry', v_id, '{"table":"speed_list_entry","id":' || ccs_gdpr_json_num(v_id)
            || ',"agent_id":' || ccs_gdpr_json_num(n1) || ',"display_name":' || ccs_gdpr_json_str(s1)
            || ',"phone_number":' || ccs_gdpr_json_str(s2) || ',"phone_number_norm":' || ccs_gdpr_json_str(s3)
            || ',"source":' || ccs_gdpr_json_str(s4) || ',"external_ref":' || ccs_gdpr_json_str(s5)
            || ',"sort_order":' || ccs_gdpr_json_num(n2) || ',"created_at":' || ccs_gdpr_json_ts(d1) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c13 FOR SELECT x.id, x.viewer_agent_id, x.visible_agent_id, x.visible_group_id, x.created_at
                      INTO v_id, n1, n2, n3, d1
                      FROM team_visibility x
                     WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'team_visibility') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'team_visibility', v_id, '{"table":"team_visibility","id":' || ccs_gdpr_json_num(v_id)
            || ',"viewer_agent_id":' || ccs_gdpr_json_num(n1) || ',"visible_agent_id":' || ccs_gdpr_json_num(n2)
            || ',"visible_group_id":' || ccs_gdpr_json_num(n3) || ',"created_at":' || ccs_gdpr_json_ts(d1) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c14 FOR SELECT x.id, x.contact_id, x.seq, x.sender_type, x.sender_id, x.sent_at, x.message_text
                      INTO v_id, n1, n2, s1, s2, d1, v_long
                      FROM transcript_message x
                     WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'transcript_message') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'transcript_message', v_id, '{"table":"transcript_message","id":' || ccs_gdpr_json_num(v_id)
            || ',"contact_id":' || ccs_gdpr_json_num(n1) || ',"seq":' || ccs_gdpr_json_num(n2)
            || ',"sender_type":' || ccs_gdpr_json_str(s1) || ',"sender_id":' || ccs_gdpr_json_str(s2)
            || ',"sent_at":' || ccs_gdpr_json_ts(d1) || ',"message_text":' || ccs_gdpr_json_str(v_long) || '}' WITH RESUME;
    END FOREACH;
END FUNCTION;

-- Applies the hits of one subject kind (CUSTOMER for ccs_gdpr_erase, EMPLOYEE for ccs_gdpr_erase_agent);
-- called inside the caller's transaction, with ccs_gdpr_erasing = 1.
CREATE PROCEDURE ccs_gdpr_apply(p_kind VARCHAR(8))
    DEFINE v_pseudonym VARCHAR(64);
    IF p_kind = 'CUSTOMER' THEN
        DELETE FROM contact_data WHERE contact_id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'contact_record');
        DELETE FROM transcript_message
         WHERE contact_id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'contact_record');
        DELETE FROM email_reference
         WHERE contact_id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'contact_record');
        UPDATE contact_record SET caller_id_raw = NULL, caller_id_norm = NULL, customer_id = NULL, correlator_data = NULL
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'contact_record');
        DELETE FROM gdpr_text_identifier
         WHERE transcript_message_id IN (SELECT h.row_id FROM t_gdpr_hit h
                                          WHERE h.table_name = 'transcript_message' AND h.erase_action = 'BLANK');
        UPDATE transcript_message SET message_text = '[erased]',
               sender_id = CASE WHEN sender_type = 'CUSTOMER' THEN NULL ELSE sender_id END
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'transcript_message' AND h.erase_action = 'BLANK');
        DELETE FROM gdpr_text_identifier
         WHERE email_reference_id IN (SELECT h.row_id FROM t_gdpr_hit h
                                       WHERE h.table_name = 'email_reference' AND h.erase_action = 'BLANK');
        UPDATE email_reference SET subject = NULL
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'email_reference' AND h.erase_action = 'BLANK');
        UPDATE legal_hold SET customer_id = NULL
         WHERE customer_id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'customer') AND released_at IS NOT NULL;
        -- identifiers and consents follow their customer (ON DELETE CASCADE)
        DELETE FROM customer WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'customer');
        DELETE FROM speed_list_entry WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'speed_list_entry');
    ELSE
        LET v_pseudonym = NULL;
        FOREACH c_pseudonym FOR SELECT pseudonym INTO v_pseudonym FROM agent
                                 WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'agent')
            EXIT FOREACH;
        END FOREACH;
        -- historical rows name the employee by the agent's stable pseudonym from now on
        UPDATE transcript_message SET sender_id = v_pseudonym
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'transcript_message');
        UPDATE consent_record SET recorded_by = NVL(v_pseudonym, 'erased-user')
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'consent_record');
        DELETE FROM app_user WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'app_user');
        DELETE FROM agent_group_member WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'agent_group_member');
        DELETE FROM team_visibility WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'team_visibility');
        DELETE FROM speed_list_entry WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'speed_list_entry');
        UPDATE agent SET login_name = pseudonym, first_name = NULL, last_name = NULL, extension = NULL, state = 'LOGGED_OFF'
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'agent');
    END IF;
END PROCEDURE;

-- the note of one result row of the erase routines
CREATE FUNCTION ccs_gdpr_note(p_kind VARCHAR(8), p_table VARCHAR(32), p_action VARCHAR(16), p_dry_run BOOLEAN)
    RETURNING VARCHAR(255) AS note;
    DEFINE v_note VARCHAR(255);
    IF p_action = 'DELETE' THEN
        LET v_note = 'deleted';
    ELIF p_action = 'ANONYMISE' AND p_table = 'agent' THEN
        LET v_note = 'name, login and extension replaced by the pseudonym';
    ELIF p_action = 'ANONYMISE' THEN
        LET v_note = 'caller identification and customer link removed; kept for statistics';
    ELIF p_action = 'BLANK' AND p_table = 'transcript_message' AND p_kind = 'EMPLOYEE' THEN
        LET v_note = 'sender replaced by the pseudonym';
    ELIF p_action = 'BLANK' AND p_table = 'transcript_message' THEN
        LET v_note = 'text replaced by [erased] in another person''s contact';
    ELIF p_action = 'BLANK' AND p_table = 'email_reference' THEN
        LET v_note = 'subject line removed in another person''s contact';
    ELIF p_action = 'BLANK' AND p_table = 'consent_record' THEN
        LET v_note = 'recorded_by replaced by the pseudonym';
    ELIF p_action = 'BLANK' THEN
        LET v_note = 'link to the subject removed';
    ELSE
        LET v_note = 'kept: no personal data once the rest is erased';
    END IF;
    IF p_dry_run = 't' THEN
        LET v_note = 'dry run, nothing changed: ' || v_note;
    END IF;
    RETURN v_note;
END FUNCTION;

-- erase: everything about a customer (the data subject) in one transaction, its own (or the caller's).
-- p_dry_run: the same counts, nothing changed. A subject under an active legal hold: one row
-- (legal_hold, REFUSED, n, message), nothing changed, logged. A name alone is not enough to erase.
CREATE FUNCTION ccs_gdpr_erase(p_subject LVARCHAR(2000), p_request_ref VARCHAR(64) DEFAULT NULL,
                               p_dry_run BOOLEAN DEFAULT 't')
    RETURNING VARCHAR(32) AS table_name, VARCHAR(16) AS erase_action, INTEGER AS row_count, VARCHAR(255) AS note;
    DEFINE GLOBAL ccs_gdpr_erasing INTEGER DEFAULT 0;
    DEFINE v_sql INTEGER;
    DEFINE v_isam INTEGER;
    DEFINE v_msg VARCHAR(255);
    DEFINE v_own_tx INTEGER;
    DEFINE v_found INTEGER;
    DEFINE v_erased INTEGER;
    DEFINE v_n INTEGER;
    DEFINE v_holds VARCHAR(255);
    DEFINE v_refusal VARCHAR(255);
    DEFINE v_matter VARCHAR(100);
    DEFINE v_table VARCHAR(32);
    DEFINE v_action VARCHAR(16);
    DEFINE v_proc VARCHAR(64);
    ON EXCEPTION SET v_sql, v_isam, v_msg
        LET ccs_gdpr_erasing = 0;
        IF v_own_tx = 1 THEN
            ROLLBACK WORK;
        END IF;
        RAISE EXCEPTION v_sql, v_isam, v_msg;
    END EXCEPTION;
    LET v_own_tx = 0;
    IF p_dry_run IS NULL THEN
        RAISE EXCEPTION -746, 0, 'p_dry_run must be t or f';
    END IF;
    CALL ccs_gdpr_check_ref(p_request_ref);
    LET v_proc = 'ccs_gdpr_erase';
    IF p_dry_run = 't' THEN
        LET v_proc = 'ccs_gdpr_erase_dry_run';
    END IF;
    BEGIN
        ON EXCEPTION IN (-535)
            LET v_own_tx = 0;
        END EXCEPTION;
        BEGIN WORK;
        LET v_own_tx = 1;
    END;
    CALL ccs_gdpr_prepare(p_subject);
    SELECT COUNT(*) INTO v_n FROM t_gdpr_id WHERE linked = 0 AND identifier_type NOT IN ('NAME', 'AGENT');
    IF v_n = 0 THEN
        RAISE EXCEPTION -746, 0, 'a name alone is not enough to erase (several people share names): add a phone, email, customer_id or social identifier';
    END IF;
    CALL ccs_gdpr_collect();
    DELETE FROM t_gdpr_hit WHERE subject_kind <> 'CUSTOMER';
    SELECT COUNT(*) INTO v_found FROM t_gdpr_hit;
    -- an active legal hold on the subject: nothing is erased
    LET v_holds = NULL;
    FOREACH c_holds FOR SELECT DISTINCT l.matter_ref INTO v_matter FROM legal_hold l, t_gdpr_hit h
                         WHERE h.table_name = 'legal_hold' AND h.erase_action = 'HOLD' AND l.id = h.row_id
                         ORDER BY 1
        IF v_holds IS NULL THEN
            LET v_holds = TRIM(v_matter);
        ELIF CHAR_LENGTH(v_holds) < 150 THEN
            LET v_holds = v_holds || ', ' || TRIM(v_matter);
        END IF;
    END FOREACH;
    IF v_holds IS NOT NULL THEN
        LET v_refusal = 'REFUSED legal_hold;' || ccs_gdpr_counts_detail();
        CALL ccs_gdpr_log(v_proc, p_request_ref, v_found, 0, v_refusal);
        IF v_own_tx = 1 THEN
            COMMIT WORK;
            LET v_own_tx = 0;
        END IF;
        SELECT COUNT(*) INTO v_n FROM t_gdpr_hit WHERE erase_action = 'HOLD';
        LET v_refusal = 'erasure refused: the subject is under legal hold (matter ' || v_holds || '); nothing was erased';
        RETURN 'legal_hold', 'REFUSED', v_n,
               'erasure refused: the subject is under legal hold (matter ' || v_holds || '); nothing was erased';
    END IF;
    IF p_dry_run = 'f' THEN
        LET ccs_gdpr_erasing = 1;
        CALL ccs_gdpr_apply('CUSTOMER');
        LET ccs_gdpr_erasing = 0;
        SELECT COUNT(*) INTO v_erased FROM t_gdpr_hit WHERE erase_action IN ('DELETE', 'ANONYMISE', 'BLANK');
    ELSE
        LET v_erased = 0;
    END IF;
    CALL ccs_gdpr_log(v_proc, p_request_ref, v_found, v_erased, ccs_gdpr_counts_detail());
    IF v_own_tx = 1 THEN
        COMMIT WORK;
        LET v_own_tx = 0;
    END IF;
    FOREACH c_counts FOR SELECT table_name, erase_action, COUNT(*) INTO v_table, v_action, v_n
                           FROM t_gdpr_hit GROUP BY table_name, erase_action ORDER BY table_name, erase_action
        RETURN v_table, v_action, v_n, ccs_gdpr_note('CUSTOMER', v_table, v_action, p_dry_run) WITH RESUME;
    END FOREACH;
END FUNCTION;

-- erase an employee (withdrawal of consent = deletion of the user): the login and user account are
-- deleted, the agent row keeps only its stable pseudonym (login_name := pseudonym, names and extension
-- emptied) so that contact records, legs and availability history still add up in reports; group
-- memberships, team-list rows and speed-list entries go; transcript senders and consent recorders
-- become the pseudonym. The audit trail is kept (accountability). p_login: agent login or user name.
CREATE FUNCTION ccs_gdpr_erase_agent(p_login VARCHAR(64), p_request_ref VARCHAR(64) DEFAULT NULL,
                                     p_dry_run BOOLEAN DEFAULT 't')
    RETURNING VARCHAR(32) AS table_name, VARCHAR(16) AS erase_action, INTEGER AS row_count, VARCHAR(255) AS note;
    DEFINE GLOBAL ccs_gdpr_erasing INTEGER DEFAULT 0;
    DEFINE v_sql INTEGER;
    DEFINE v_isam INTEGER;
    DEFINE v_msg VARCHAR(255);
    DEFINE v_own_tx INTEGER;
    DEFINE v_found INTEGER;
    DEFINE v_erased INTEGER;
    DEFINE v_n INTEGER;
    DEFINE v_table VARCHAR(32);
    DEFINE v_action VARCHAR(16);
    DEFINE v_proc VARCHAR(64);
    ON EXCEPTION SET v_sql, v_isam, v_msg
        LET ccs_gdpr_erasing = 0;
        IF v_own_tx = 1 THEN
            ROLLBACK WORK;
        END IF;
        RAISE EXCEPTION v_sql, v_isam, v_msg;
    END EXCEPTION;
    LET v_own_tx = 0;
    IF p_dry_run IS NULL THEN
        RAISE EXCEPTION -746, 0, 'p_dry_run must be t or f';
    END IF;
    CALL ccs_gdpr_check_ref(p_request_ref);
    IF p_login IS NULL OR TRIM(p_login) = '' THEN
        RAISE EXCEPTION -746, 0, 'no login given';
    END IF;
    SELECT COUNT(*) INTO v_n FROM agent WHERE login_name = TRIM(p_login);
    IF v_n = 0 THEN
        SELECT COUNT(*) INTO v_n FROM app_user WHERE username = TRIM(p_login);
    END IF;
    IF v_n = 0 THEN
        RAISE EXCEPTION -746, 0, 'no agent or user with that login';
    END IF;
    LET v_proc = 'ccs_gdpr_erase_agent';
    IF p_dry_run = 't' THEN
        LET v_proc = 'ccs_gdpr_erase_agent_dry_run';
    END IF;
    BEGIN
        ON EXCEPTION IN (-535)
            LET v_own_tx = 0;
        END EXCEPTION;
        BEGIN WORK;
        LET v_own_tx = 1;
    END;
    CALL ccs_gdpr_prepare('agent:' || TRIM(p_login));
    CALL ccs_gdpr_collect();
    DELETE FROM t_gdpr_hit WHERE subject_kind <> 'EMPLOYEE';
    SELECT COUNT(*) INTO v_found FROM t_gdpr_hit;
    IF p_dry_run = 'f' THEN
        LET ccs_gdpr_erasing = 1;
        CALL ccs_gdpr_apply('EMPLOYEE');
        LET ccs_gdpr_erasing = 0;
        SELECT COUNT(*) INTO v_erased FROM t_gdpr_hit WHERE erase_action IN ('DELETE', 'ANONYMISE', 'BLANK');
    ELSE
        LET v_erased = 0;
    END IF;
    CALL ccs_gdpr_log(v_proc, p_request_ref, v_found, v_erased, ccs_gdpr_counts_detail());
    IF v_own_tx = 1 THEN
        COMMIT WORK;
        LET v_own_tx = 0;
    END IF;
    FOREACH c_counts FOR SELECT table_name, erase_action, COUNT(*) INTO v_table, v_action, v_n
                           FROM t_gdpr_hit GROUP BY table_name, erase_action ORDER BY table_name, erase_action
        RETURN v_table, v_action, v_n, ccs_gdpr_note('EMPLOYEE', v_table, v_action, p_dry_run) WITH RESUME;
    END FOREACH;
END FUNCTION;

-- history: the earlier runs of the GDPR procedures about the subject (a repeated request), found by
-- the keyed hashes of its identifiers (named and linked) in gdpr_request_log, under every site
-- secret, the retired ones too; one row per run, with the identifier types that matched. Reads the
-- log only and writes nothing.
CREATE FUNCTION ccs_gdpr_history(p_subject LVARCHAR(2000))
    RETURNING DATETIME YEAR TO FRACTION(3) AS executed_at, VARCHAR(64) AS procedure_name, VARCHAR(64) AS db_user,
              VARCHAR(64) AS request_ref, INTEGER AS rows_found, INTEGER AS rows_erased, VARCHAR(255) AS counts_detail,
              VARCHAR(255) AS matched_by;
    DEFINE v_secret VARCHAR(128);
    DEFINE v_h0 CHAR(64);
    DEFINE v_ipad CHAR(64);
    DEFINE v_opad CHAR(64);
    DEFINE v_type VARCHAR(16);
    DEFINE v_value VARCHAR(254);
    DEFINE v_at DATETIME YEAR TO FRACTION(3);
    DEFINE v_proc VARCHAR(64);
    DEFINE v_user VARCHAR(64);
    DEFINE v_ref VARCHAR(64);
    DEFINE v_found INTEGER;
    DEFINE v_erased INTEGER;
    DEFINE v_detail VARCHAR(255);
    DEFINE v_by VARCHAR(255);
    CALL ccs_gdpr_prepare(p_subject);
    LET v_h0 = '6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19';
    DROP TABLE IF EXISTS t_gdpr_hash;
    CREATE TEMP TABLE t_gdpr_hash (identifier_type VARCHAR(16), subject_hash CHAR(64)) WITH NO LOG;
    FOREACH c_secrets FOR SELECT secret_hex INTO v_secret FROM gdpr_site_secret
        LET v_ipad = ccs_gdpr_sha256_block(v_h0, ccs_gdpr_key_pad(v_secret, 54));
        LET v_opad = ccs_gdpr_sha256_block(v_h0, ccs_gdpr_key_pad(v_secret, 92));
        FOREACH c_ids FOR SELECT DISTINCT identifier_type, normalised_value INTO v_type, v_value FROM t_gdpr_id
            INSERT INTO t_gdpr_hash VALUES (LOWER(v_type), ccs_gdpr_sha256_from(v_opad,
                ccs_gdpr_sha256_from(v_ipad, ccs_gdpr_text_hex(TRIM(v_type) || ':' || v_value), 64), 64));
        END FOREACH;
    END FOREACH;
    FOREACH c_runs FOR SELECT DISTINCT l.executed_at, l.procedure_name, l.db_user, l.request_ref, l.rows_found,
                              l.rows_erased, l.counts_detail
                         INTO v_at, v_proc, v_user, v_ref, v_found, v_erased, v_detail
                         FROM gdpr_request_log l, t_gdpr_hash h
                        WHERE l.subject_hash = h.subject_hash
                        ORDER BY 1, 2
        LET v_by = NULL;
        FOREACH c_types FOR SELECT DISTINCT h.identifier_type INTO v_type
                              FROM gdpr_request_log l, t_gdpr_hash h
                             WHERE l.subject_hash = h.subject_hash AND l.executed_at = v_at AND l.procedure_name = v_proc
                               AND l.db_user = v_user
                             ORDER BY 1
            IF v_by IS NULL THEN
                LET v_by = TRIM(v_type);
            ELSE
                LET v_by = v_by || ',' || TRIM(v_type);
            END IF;
        END FOREACH;
        RETURN v_at, v_proc, v_user, v_ref, v_found, v_erased, v_detail, v_by WITH RESUME;
    END FOREACH;
END FUNCTION;

-- only ccs_gdpr (and DBAs, who always may) executes the procedures; the helpers stay the owner's,
-- except those the insert triggers and the functional index run for the application
REVOKE EXECUTE ON FUNCTION ccs_gdpr_find FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_gdpr_export FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_gdpr_erase FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_gdpr_erase_agent FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ccs_gdpr_find TO ccs_gdpr;
GRANT EXECUTE ON FUNCTION ccs_gdpr_export TO ccs_gdpr;
GRANT EXECUTE ON FUNCTION ccs_gdpr_erase TO ccs_gdpr;
GRANT EXECUTE ON FUNCTION ccs_gdpr_erase_agent TO ccs_gdpr;
REVOKE EXECUTE ON FUNCTION ccs_gdpr_history FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ccs_gdpr_history TO ccs_gdpr;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_apply FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_log FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_collect FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_prepare FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_index_text FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_add_phone_run FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_add_text_id FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE ccs_gdpr_index_text TO ccs_app;
GRANT EXECUTE ON PROCEDURE ccs_gdpr_add_phone_run TO ccs_app;
GRANT EXECUTE ON PROCEDURE ccs_gdpr_add_text_id TO ccs_app;
