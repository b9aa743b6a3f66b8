-- CCS schema, Informix, V12: the GDPR procedures of V8 extended to the open text conversations of V10.
--
-- V10 keeps, while a chat, open-media conversation or e-mail thread is open, who the customer is
-- (media_conversation.party_raw, party_norm, party_name) and the chat's messages as they come
-- (conversation_message.message_text, sender_id); agent_media_skill names which media an agent
-- handles. V8's procedures did not look there. This migration (the rules of postgresql/V12):
--   gdpr_text_identifier   gets conversation_message_id: the phone numbers and e-mail addresses
--                          written in the messages of open conversations are indexed like those of
--                          transcripts (insert trigger on conversation_message, existing messages
--                          indexed here; they go with their message, ON DELETE CASCADE);
--   ccs_gdpr_index_text, ccs_gdpr_add_phone_run, ccs_gdpr_add_text_id  one parameter more (the
--                          conversation message); the insert triggers of V8 are re-created on them;
--   ccs_gdpr_collect       also finds: media_conversation whose customer is the subject (party_norm,
--                          indexed; in open conversations also the party as written, phone numbers
--                          normalised, and the party's name), open conversations in which nobody is
--                          identified and the customer wrote one of the identifiers or the name
--                          (names: LIKE on the longest word, then the word check, as for transcripts),
--                          closed conversations of the subject's contact records (conversation_ref),
--                          their conversation_message rows, messages that name the subject in
--                          somebody else's open conversation; for an employee, the agent's messages
--                          and agent_media_skill; a TRANSCRIPT category hold also covers the
--                          messages of open conversations;
--   ccs_gdpr_apply, ccs_gdpr_note  erase them: media_conversation ANONYMISE (party columns emptied,
--                          the row stays for routing and for the contact record written when it
--                          ends; KEEP when it holds no party data), its messages DELETE, a message in
--                          somebody else's conversation BLANK ('[erased]'); for an employee the
--                          messages carry the pseudonym and agent_media_skill rows go;
--   ccs_gdpr_export        documents for media_conversation (not the hash of the chat token),
--                          conversation_message and agent_media_skill; contact_record with its
--                          conversation_ref.
-- No CREATE OR REPLACE in Informix: each routine is dropped and created again with the same name,
-- parameters and result columns as in V8 (the index helpers with the one more parameter), then
-- EXECUTE is revoked from PUBLIC and granted as V8 did. ccs_gdpr_find, _erase and _erase_agent call
-- the re-created routines by name (UPDATE STATISTICS FOR PROCEDURE at the end recompiles them). Depends on V8 and V10 only. Not run here: no
-- Informix server (db-scripts/README.md says how a site runs the contract suite on its own).
--
-- Run: applied by Flyway after V11 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V12__gdpr_media.sql: same tables, same routine names, parameters and result columns.

ALTER TABLE gdpr_text_identifier ADD (
    conversation_message_id BIGINT REFERENCES conversation_message (id) ON DELETE CASCADE
);
ALTER TABLE gdpr_text_identifier DROP CONSTRAINT ck_gdpr_text_identifier_source;
ALTER TABLE gdpr_text_identifier ADD CONSTRAINT CHECK (
    (transcript_message_id IS NOT NULL AND email_reference_id IS NULL AND conversation_message_id IS NULL)
    OR (transcript_message_id IS NULL AND email_reference_id IS NOT NULL AND conversation_message_id IS NULL)
    OR (transcript_message_id IS NULL AND email_reference_id IS NULL AND conversation_message_id IS NOT NULL))
    CONSTRAINT ck_gdpr_text_identifier_source;

-- the insert triggers of V8 call the index routines: dropped first, re-created on the new ones below
DROP TRIGGER trg_transcript_message_gdpr_index;
DROP TRIGGER trg_email_reference_gdpr_index;
DROP PROCEDURE ccs_gdpr_index_text;
DROP PROCEDURE ccs_gdpr_add_phone_run;
DROP PROCEDURE ccs_gdpr_add_text_id;

-- one identifier found in the text of a transcript message (p_message_id), an e-mail subject
-- (p_reference_id) or the message of an open conversation (p_conversation_message_id); the others are 0
CREATE PROCEDURE ccs_gdpr_add_text_id(p_message_id BIGINT, p_reference_id BIGINT, p_conversation_message_id BIGINT,
                                      p_type VARCHAR(16), p_value VARCHAR(255))
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
    ELIF p_reference_id > 0 THEN
        SELECT COUNT(*) INTO v_n FROM gdpr_text_identifier
         WHERE email_reference_id = p_reference_id AND identifier_type = p_type AND normalised_value = p_value;
        IF v_n = 0 THEN
            INSERT INTO gdpr_text_identifier (id, email_reference_id, identifier_type, normalised_value)
                VALUES (0, p_reference_id, p_type, p_value);
        END IF;
    ELSE
        SELECT COUNT(*) INTO v_n FROM gdpr_text_identifier
         WHERE conversation_message_id = p_conversation_message_id AND identifier_type = p_type
           AND normalised_value = p_value;
        IF v_n = 0 THEN
            INSERT INTO gdpr_text_identifier (id, conversation_message_id, identifier_type, normalised_value)
                VALUES (0, p_conversation_message_id, p_type, p_value);
        END IF;
    END IF;
END PROCEDURE;

-- The candidates of one run of digit groups, encoded as groups each followed by a blank, '+' before
-- a group that a '+' preceded: every sequence of consecutive groups with 7 to 15 digits.
CREATE PROCEDURE ccs_gdpr_add_phone_run(p_message_id BIGINT, p_reference_id BIGINT, p_conversation_message_id BIGINT,
                                        p_run LVARCHAR(4000))
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
                        CALL ccs_gdpr_add_text_id(p_message_id, p_reference_id, p_conversation_message_id, 'PHONE',
                                                  ccs_gdpr_phone_norm(v_plus || v_digits));
                    END IF;
                END IF;
                LET v_j = v_j + 1;
            END WHILE;
        END IF;
    END FOR;
END PROCEDURE;

-- Phone numbers and e-mail addresses inside a text, normalised (the rules of postgresql/V8), for the
-- transcript message, e-mail reference or conversation message whose id is not 0:
-- phone: every maximal run of digits, blanks and + ( ) . / - ('(0)' dropped) is cut into digit
-- groups; every sequence of consecutive groups with 7 to 15 digits is a candidate ('+' when a '+'
-- precedes its first group in the run), normalised with ccs_gdpr_phone_norm. e-mail: around every
-- '@', up to 64 characters of [A-Za-z0-9._%+-] to the left and 253 of [A-Za-z0-9.-] to the right,
-- trailing dots dropped; the domain must hold a dot, not first. Lower case.
CREATE PROCEDURE ccs_gdpr_index_text(p_message_id BIGINT, p_reference_id BIGINT, p_conversation_message_id BIGINT,
                                     p_text LVARCHAR(4000))
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
                CALL ccs_gdpr_add_phone_run(p_message_id, p_reference_id, p_conversation_message_id, v_run);
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
                    CALL ccs_gdpr_add_text_id(p_message_id, p_reference_id, p_conversation_message_id, 'EMAIL',
                                              LOWER(v_local || '@' || v_domain));
                END IF;
            END IF;
        END IF;
        LET v_i = v_i + 1;
    END WHILE;
END PROCEDURE;

CREATE TRIGGER trg_transcript_message_gdpr_index INSERT ON transcript_message
    REFERENCING NEW AS n
    FOR EACH ROW (EXECUTE PROCEDURE ccs_gdpr_index_text(n.id, 0, 0, n.message_text));
CREATE TRIGGER trg_email_reference_gdpr_index INSERT ON email_reference
    REFERENCING NEW AS n
    FOR EACH ROW (EXECUTE PROCEDURE ccs_gdpr_index_text(0, n.id, 0, n.subject));
CREATE TRIGGER trg_conversation_message_gdpr_index INSERT ON conversation_message
    REFERENCING NEW AS n
    FOR EACH ROW (EXECUTE PROCEDURE ccs_gdpr_index_text(0, 0, n.id, n.message_text));

-- index the messages of the conversations open during this migration
CREATE PROCEDURE ccs_gdpr_index_existing()
    DEFINE v_id BIGINT;
    DEFINE v_msg LVARCHAR(4000);
    FOREACH c_msg FOR SELECT id, message_text INTO v_id, v_msg FROM conversation_message
        CALL ccs_gdpr_index_text(0, 0, v_id, v_msg);
    END FOREACH;
END PROCEDURE;
EXECUTE PROCEDURE ccs_gdpr_index_existing();
DROP PROCEDURE ccs_gdpr_index_existing;

-- the routines of V8 that learn the conversations: dropped and created again (same signatures)
DROP PROCEDURE ccs_gdpr_collect;
DROP PROCEDURE ccs_gdpr_apply;
DROP FUNCTION ccs_gdpr_note;
DROP FUNCTION ccs_gdpr_export;

-- Every row about the subject of t_gdpr_id into t_gdpr_hit (the rules of postgresql/V12 ccs_gdpr_collect:
-- those of V8 and the open text conversations of V10):
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
    DEFINE v_party VARCHAR(128);
    DEFINE v_party_norm VARCHAR(64);

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

    -- identifiers written inside transcripts, e-mail subjects and the messages of open conversations
    INSERT INTO t_gdpr_text (source, source_id)
        SELECT 'transcript_message', t.transcript_message_id FROM gdpr_text_identifier t, t_gdpr_id i
         WHERE t.transcript_message_id IS NOT NULL AND i.identifier_type IN ('PHONE', 'EMAIL')
           AND t.identifier_type = i.identifier_type AND t.normalised_value = i.normalised_value;
    INSERT INTO t_gdpr_text (source, source_id)
        SELECT 'email_reference', t.email_reference_id FROM gdpr_text_identifier t, t_gdpr_id i
         WHERE t.email_reference_id IS NOT NULL AND i.identifier_type IN ('PHONE', 'EMAIL')
           AND t.identifier_type = i.identifier_type AND t.normalised_value = i.normalised_value;
    INSERT INTO t_gdpr_text (source, source_id)
        SELECT 'conversation_message', t.conversation_message_id FROM gdpr_text_identifier t, t_gdpr_id i
         WHERE t.conversation_message_id IS NOT NULL AND i.identifier_type IN ('PHONE', 'EMAIL')
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
        FOREACH c_conv_msgs FOR SELECT id, message_text INTO v_id, v_msg FROM conversation_message
                                 WHERE LOWER(message_text) LIKE '%' || v_word || '%'
            IF ccs_gdpr_has_name(v_msg, v_name) = 1 THEN
                INSERT INTO t_gdpr_text (source, source_id) VALUES ('conversation_message', v_id);
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

    -- open text conversations (V10): the customer is the subject (party_norm, indexed; in open ones
    -- also the party as written, phone numbers normalised, and the name), or nobody is identified and
    -- the customer wrote one of the identifiers (or the name), or a conversation without party data
    -- belongs to one of the subject's contacts (a closed chat). ANONYMISE (KEEP without party data);
    -- its messages DELETE; a message naming the subject in somebody else's conversation BLANK.
    DROP TABLE IF EXISTS t_gdpr_conv;
    CREATE TEMP TABLE t_gdpr_conv (id BIGINT, matched_by VARCHAR(16), prio INTEGER) WITH NO LOG;
    INSERT INTO t_gdpr_conv (id, matched_by, prio)
        SELECT m.id, 'caller', 28 FROM media_conversation m WHERE m.party_norm IN (SELECT t.caller FROM t_gdpr_caller t);
    -- the number as written is normalised only where the server's party_norm is not an international
    -- number (empty, or kept as national digits by an SMS gateway) and the party is no e-mail address:
    -- the indexed match above covers the others
    FOREACH c_party FOR SELECT id, party_raw, party_norm INTO v_id, v_party, v_party_norm FROM media_conversation
                         WHERE state IN ('QUEUED', 'OFFERED', 'ACTIVE') AND party_raw IS NOT NULL
        SELECT COUNT(*) INTO v_n FROM t_gdpr_caller WHERE caller = LOWER(v_party);
        IF v_n = 0 AND (v_party_norm IS NULL OR v_party_norm NOT LIKE '+%') AND v_party NOT LIKE '%@%' THEN
            SELECT COUNT(*) INTO v_n FROM t_gdpr_id
             WHERE identifier_type = 'PHONE' AND normalised_value = ccs_gdpr_phone_norm(v_party);
        END IF;
        IF v_n > 0 THEN
            INSERT INTO t_gdpr_conv (id, matched_by, prio) VALUES (v_id, 'caller', 28);
        END IF;
    END FOREACH;
    INSERT INTO t_gdpr_conv (id, matched_by, prio)
        SELECT m.id, 'name', 29 FROM media_conversation m
         WHERE m.state IN ('QUEUED', 'OFFERED', 'ACTIVE') AND m.party_name IS NOT NULL
           AND ccs_gdpr_fold(m.party_name) IN (SELECT n.normalised_value FROM t_gdpr_id n WHERE n.identifier_type = 'NAME');
    INSERT INTO t_gdpr_conv (id, matched_by, prio)
        SELECT m.id, 'contact', 30 FROM media_conversation m, contact_record c
         WHERE c.id IN (SELECT t.id FROM t_gdpr_contact t) AND m.conversation_ref = c.conversation_ref
           AND m.party_raw IS NULL AND m.party_norm IS NULL AND m.party_name IS NULL;
    INSERT INTO t_gdpr_conv (id, matched_by, prio)
        SELECT m.id, 'text', 31 FROM media_conversation m, conversation_message x, t_gdpr_text h
         WHERE h.source = 'conversation_message' AND x.id = h.source_id AND m.id = x.conversation_id
           AND x.sender_type = 'CUSTOMER' AND m.party_raw IS NULL AND m.party_norm IS NULL AND m.party_name IS NULL;
    INSERT INTO t_gdpr_cand
        SELECT 'media_conversation', m.id, CAST(NULL AS BIGINT), c.matched_by,
               TRIM(CASE WHEN m.party_raw IS NULL AND m.party_norm IS NULL AND m.party_name IS NULL THEN 'KEEP'
                    ELSE 'ANONYMISE' END), 'CUSTOMER', c.prio
          FROM media_conversation m, t_gdpr_conv c WHERE m.id = c.id;
    INSERT INTO t_gdpr_cand
        SELECT 'conversation_message', x.id, CAST(NULL AS BIGINT), 'conversation', 'DELETE', 'CUSTOMER', 32
          FROM conversation_message x WHERE x.conversation_id IN (SELECT c.id FROM t_gdpr_conv c);
    INSERT INTO t_gdpr_cand
        SELECT 'conversation_message', x.id, CAST(NULL AS BIGINT), 'text', 'BLANK', 'CUSTOMER', 33
          FROM conversation_message x
         WHERE x.id IN (SELECT h.source_id FROM t_gdpr_text h WHERE h.source = 'conversation_message')
           AND x.conversation_id NOT IN (SELECT c.id FROM t_gdpr_conv c);

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
    IF v_n = 0 THEN
        -- the messages of open conversations become transcripts: a TRANSCRIPT hold covers them too
        SELECT COUNT(*) INTO v_n FROM t_gdpr_cand WHERE table_name = 'conversation_message';
    END IF;
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
        INSERT INTO t_gdpr_cand
            SELECT 'conversation_message', x.id, CAST(NULL AS BIGINT), 'agent', 'BLANK', 'EMPLOYEE', 34
              FROM conversation_message x
             WHERE x.sender_type = 'AGENT' AND x.sender_id IN (SELECT l.login FROM t_gdpr_login l);
        INSERT INTO t_gdpr_cand
            SELECT 'agent_media_skill', s.id, CAST(NULL AS BIGINT), 'agent', 'DELETE', 'EMPLOYEE', 35 FROM agent_media_skill s
             WHERE s.agent_id IN (SELECT t.id FROM t_gdpr_agent t);
    END IF;

    -- one hit per (table, row, kind): the one found first
    INSERT INTO t_gdpr_hit (table_name, row_id, contact_id, matched_by, erase_action, subject_kind)
        SELECT DISTINCT c.table_name, c.row_id, c.contact_id, c.matched_by, c.erase_action, c.subject_kind
          FROM t_gdpr_cand c
         WHERE c.prio = (SELECT MIN(x.prio) FROM t_gdpr_cand x
                          WHERE x.table_name = c.table_name AND x.row_id = c.row_id AND x.subject_kind = c.subject_kind);
END PROCEDURE;

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
        -- open conversations: their messages go, the conversation forgets who the customer is
        DELETE FROM conversation_message
         WHERE conversation_id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'media_conversation');
        UPDATE media_conversation SET party_raw = NULL, party_norm = NULL, party_name = NULL
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'media_conversation' AND h.erase_action = 'ANONYMISE');
        DELETE FROM gdpr_text_identifier
         WHERE conversation_message_id IN (SELECT h.row_id FROM t_gdpr_hit h
                                            WHERE h.table_name = 'conversation_message' AND h.erase_action = 'BLANK');
        UPDATE conversation_message SET message_text = '[erased]',
               sender_id = CASE WHEN sender_type = 'CUSTOMER' THEN NULL ELSE sender_id END
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'conversation_message' AND h.erase_action = 'BLANK');
    ELSE
        LET v_pseudonym = NULL;
        FOREACH c_pseudonym FOR SELECT pseudonym INTO v_pseudonym FROM agent
                                 WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'agent')
            EXIT FOREACH;
        END FOREACH;
        -- historical rows name the employee by the agent's stable pseudonym from now on
        UPDATE transcript_message SET sender_id = v_pseudonym
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'transcript_message');
        UPDATE conversation_message SET sender_id = v_pseudonym
         WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'conversation_message');
        DELETE FROM agent_media_skill WHERE id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'agent_media_skill');
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
    ELIF p_action = 'ANONYMISE' AND p_table = 'media_conversation' THEN
        LET v_note = 'customer identification removed; the open conversation goes on without it';
    ELIF p_action = 'ANONYMISE' THEN
        LET v_note = 'caller identification and customer link removed; kept for statistics';
    ELIF p_action = 'BLANK' AND p_table IN ('transcript_message', 'conversation_message') AND p_kind = 'EMPLOYEE' THEN
        LET v_note = 'sender replaced by the pseudonym';
    ELIF p_action = 'BLANK' AND p_table = 'transcript_message' THEN
        LET v_note = 'text replaced by [erased] in another person''s contact';
    ELIF p_action = 'BLANK' AND p_table = 'conversation_message' THEN
        LET v_note = 'text replaced by [erased] in another person''s conversation';
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
    DEFINE s9 VARCHAR(255);
    DEFINE v_long LVARCHAR(4000);
    DEFINE d1 DATETIME YEAR TO FRACTION(3); DEFINE d2 DATETIME YEAR TO FRACTION(3);
    DEFINE d3 DATETIME YEAR TO FRACTION(3); DEFINE d4 DATETIME YEAR TO FRACTION(3);
    DEFINE d5 DATETIME YEAR TO FRACTION(3);
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
    FOREACH c2m FOR SELECT x.id, x.agent_id, x.media, x.max_parallel INTO v_id, n1, s1, n2
                      FROM agent_media_skill x
                     WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'agent_media_skill') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'agent_media_skill', v_id, '{"table":"agent_media_skill","id":' || ccs_gdpr_json_num(v_id)
            || ',"agent_id":' || ccs_gdpr_json_num(n1) || ',"media":' || ccs_gdpr_json_str(s1)
            || ',"max_parallel":' || ccs_gdpr_json_num(n2) || '}' WITH RESUME;
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
                          x.customer_id, x.correlator_data, x.created_at, x.conversation_ref
                     INTO v_id, s1, s2, s3, s4, s5, s6, s7, d1, d2, d3, n1, n2, n3, n4, s8, n5, n6, v_long, d4, s9
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
            || ',"conversation_ref":' || ccs_gdpr_json_str(s9) || ',"created_at":' || ccs_gdpr_json_ts(d4) || '}' WITH RESUME;
    END FOREACH;
    FOREACH c8m FOR SELECT x.id, x.conversation_id, x.seq, x.sender_type, x.sender_id, x.sent_at, x.message_text
                      INTO v_id, n1, n2, s1, s2, d1, v_long
                      FROM conversation_message x
                     WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'conversation_message') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'conversation_message', v_id, '{"table":"conversation_message","id":' || ccs_gdpr_json_num(v_id)
            || ',"conversation_id":' || ccs_gdpr_json_num(n1) || ',"seq":' || ccs_gdpr_json_num(n2)
            || ',"sender_type":' || ccs_gdpr_json_str(s1) || ',"sender_id":' || ccs_gdpr_json_str(s2)
            || ',"sent_at":' || ccs_gdpr_json_ts(d1) || ',"message_text":' || ccs_gdpr_json_str(v_long) || '}' WITH RESUME;
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
    FOREACH c11m FOR SELECT x.id, x.conversation_ref, x.channel, x.source_id, x.sub_channel, x.group_id, x.state,
                            x.party_raw, x.party_norm, x.party_name, x.agent_id, x.started_at, x.queued_at, x.accepted_at,
                            x.ended_at, x.last_activity_at
                       INTO v_id, s1, s2, n1, s3, n2, s4, s5, s6, s7, n3, d1, d2, d3, d4, d5
                       FROM media_conversation x
                      WHERE x.id IN (SELECT h.row_id FROM t_gdpr_hit h WHERE h.table_name = 'media_conversation') ORDER BY x.id
        LET v_seq = v_seq + 1;
        RETURN v_seq, 'media_conversation', v_id, '{"table":"media_conversation","id":' || ccs_gdpr_json_num(v_id)
            || ',"conversation_ref":' || ccs_gdpr_json_str(s1) || ',"channel":' || ccs_gdpr_json_str(s2)
            || ',"source_id":' || ccs_gdpr_json_num(n1) || ',"sub_channel":' || ccs_gdpr_json_str(s3)
            || ',"group_id":' || ccs_gdpr_json_num(n2) || ',"state":' || ccs_gdpr_json_str(s4)
            || ',"party_raw":' || ccs_gdpr_json_str(s5) || ',"party_norm":' || ccs_gdpr_json_str(s6)
            || ',"party_name":' || ccs_gdpr_json_str(s7) || ',"agent_id":' || ccs_gdpr_json_num(n3)
            || ',"started_at":' || ccs_gdpr_json_ts(d1) || ',"queued_at":' || ccs_gdpr_json_ts(d2)
            || ',"accepted_at":' || ccs_gdpr_json_ts(d3) || ',"ended_at":' || ccs_gdpr_json_ts(d4)
            || ',"last_activity_at":' || ccs_gdpr_json_ts(d5) || '}' WITH RESUME;
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

-- as in V8: only ccs_gdpr (and DBAs, who always may) executes the procedures; the helpers stay the
-- owner's, except those the insert triggers run for the application
REVOKE EXECUTE ON FUNCTION ccs_gdpr_export FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ccs_gdpr_export TO ccs_gdpr;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_apply FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_collect FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_index_text FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_add_phone_run FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_gdpr_add_text_id FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE ccs_gdpr_index_text TO ccs_app;
GRANT EXECUTE ON PROCEDURE ccs_gdpr_add_phone_run TO ccs_app;
GRANT EXECUTE ON PROCEDURE ccs_gdpr_add_text_id TO ccs_app;

-- the routines that call the re-created ones are optimised again before their first use
UPDATE STATISTICS FOR PROCEDURE ccs_gdpr_find;
UPDATE STATISTICS FOR PROCEDURE ccs_gdpr_erase;
UPDATE STATISTICS FOR PROCEDURE ccs_gdpr_erase_agent;
