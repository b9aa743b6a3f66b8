-- CCS schema, PostgreSQL, V12: the GDPR procedures of V8 extended to the open text conversations of V10.
--
-- V10 keeps, while a chat, open-media conversation or e-mail thread is open, who the customer is
-- (media_conversation.party_raw, party_norm, party_name) and the chat's messages as they come
-- (conversation_message.message_text, sender_id); agent_media_skill names which media an agent
-- handles. V8's procedures did not look there. This migration:
--   gdpr_text_identifier   gets conversation_message_id: the phone numbers and e-mail addresses
--                          written in the messages of open conversations are indexed like those of
--                          transcripts (insert trigger on conversation_message, existing messages
--                          indexed here; they go with their message, ON DELETE CASCADE);
--   ix_conversation_message_fts  full-text index for names inside those messages (as for transcripts);
--   ccs_gdpr_index_text    (trigger function) also for conversation_message;
--   ccs_gdpr_collect       also finds: media_conversation whose customer is the subject (party_norm,
--                          indexed; in open conversations also the party as written, phone numbers
--                          normalised, and the party's name), open conversations in which nobody is
--                          identified and the customer wrote one of the identifiers or the name,
--                          closed conversations of the subject's contact records (conversation_ref),
--                          their conversation_message rows, messages that name the subject in
--                          somebody else's open conversation; for an employee, the agent's messages
--                          and agent_media_skill; a TRANSCRIPT category hold also covers the
--                          messages of open conversations;
--   ccs_gdpr_apply         erases them: media_conversation ANONYMISE (party columns emptied, the row
--                          stays for routing and for the contact record written when it ends; KEEP
--                          when it holds no party data), its messages DELETE, a message in somebody
--                          else's conversation BLANK ('[erased]'); for an employee the messages carry
--                          the pseudonym and agent_media_skill rows go;
--   ccs_gdpr_export        documents for media_conversation (not the hash of the chat token),
--                          conversation_message and agent_media_skill; contact_record with its
--                          conversation_ref.
-- Same names, parameters and result columns as V8 (CREATE OR REPLACE); ccs_gdpr_find, _erase,
-- _erase_agent and _history call the replaced functions. Depends on V8 and V10 only.
-- See docs/dba-gdpr.md for the contract and worked examples.
--
-- Run: applied by Flyway after V11 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V12__gdpr_media.sql: same tables, same routine names, parameters and result columns.

ALTER TABLE gdpr_text_identifier ADD COLUMN conversation_message_id bigint
    REFERENCES conversation_message (id) ON DELETE CASCADE;
ALTER TABLE gdpr_text_identifier DROP CONSTRAINT ck_gdpr_text_identifier_source;
ALTER TABLE gdpr_text_identifier ADD CONSTRAINT ck_gdpr_text_identifier_source CHECK (
    (transcript_message_id IS NOT NULL AND email_reference_id IS NULL AND conversation_message_id IS NULL)
    OR (transcript_message_id IS NULL AND email_reference_id IS NOT NULL AND conversation_message_id IS NULL)
    OR (transcript_message_id IS NULL AND email_reference_id IS NULL AND conversation_message_id IS NOT NULL));
CREATE INDEX ix_gdpr_text_identifier_conversation ON gdpr_text_identifier (conversation_message_id);
CREATE INDEX ix_conversation_message_fts ON conversation_message USING gin (ccs_gdpr_fts(message_text));

-- insert trigger of transcript_message, email_reference and conversation_message: index the
-- identifiers written in the text
CREATE OR REPLACE FUNCTION ccs_gdpr_index_text() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF TG_TABLE_NAME = 'transcript_message' THEN
        INSERT INTO gdpr_text_identifier (transcript_message_id, identifier_type, normalised_value)
            SELECT DISTINCT NEW.id, t.identifier_type, t.normalised_value
              FROM ccs_gdpr_text_identifiers(NEW.message_text) t
             WHERE length(t.normalised_value) <= 254;
    ELSIF TG_TABLE_NAME = 'conversation_message' THEN
        INSERT INTO gdpr_text_identifier (conversation_message_id, identifier_type, normalised_value)
            SELECT DISTINCT NEW.id, t.identifier_type, t.normalised_value
              FROM ccs_gdpr_text_identifiers(NEW.message_text) t
             WHERE length(t.normalised_value) <= 254;
    ELSE
        INSERT INTO gdpr_text_identifier (email_reference_id, identifier_type, normalised_value)
            SELECT DISTINCT NEW.id, t.identifier_type, t.normalised_value
              FROM ccs_gdpr_text_identifiers(NEW.subject) t
             WHERE length(t.normalised_value) <= 254;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER trg_conversation_message_gdpr_index AFTER INSERT ON conversation_message
    FOR EACH ROW WHEN (NEW.message_text ~ '[0-9@]') EXECUTE FUNCTION ccs_gdpr_index_text();

-- index the messages of the conversations open during this migration
INSERT INTO gdpr_text_identifier (conversation_message_id, identifier_type, normalised_value)
    SELECT DISTINCT m.id, t.identifier_type, t.normalised_value
      FROM conversation_message m, ccs_gdpr_text_identifiers(m.message_text) t
     WHERE m.message_text ~ '[0-9@]' AND length(t.normalised_value) <= 254;

-- Every row about the subject (identifiers already expanded by ccs_gdpr_identifiers), V8's rules plus
-- the open text conversations of V10 (media_conversation, conversation_message):
--   table_name, row_id, contact_id (the contact it belongs to, if any), matched_by, erase_action,
--   subject_kind (CUSTOMER: ccs_gdpr_erase acts on it; EMPLOYEE: ccs_gdpr_erase_agent does).
CREATE OR REPLACE FUNCTION ccs_gdpr_collect(p_types varchar[], p_values varchar[])
RETURNS TABLE (table_name varchar, row_id bigint, contact_id bigint, matched_by varchar, erase_action varchar,
               subject_kind varchar)
LANGUAGE plpgsql AS $$
DECLARE
    v_name      varchar;
    v_query     tsquery;
    v_callers   varchar[];
    v_phones    varchar[];
    v_emails    varchar[];
    v_names     varchar[];
    v_agents    varchar[];
    v_customers bigint[];
    v_contacts  bigint[];
    v_convs     bigint[];
    v_agent_ids bigint[];
    v_logins    varchar[];
BEGIN
    v_phones := ARRAY(SELECT p_values[i] FROM generate_subscripts(p_types, 1) i WHERE p_types[i] = 'PHONE');
    v_emails := ARRAY(SELECT p_values[i] FROM generate_subscripts(p_types, 1) i WHERE p_types[i] = 'EMAIL');
    v_names := ARRAY(SELECT p_values[i] FROM generate_subscripts(p_types, 1) i WHERE p_types[i] = 'NAME');
    v_agents := ARRAY(SELECT p_values[i] FROM generate_subscripts(p_types, 1) i WHERE p_types[i] = 'AGENT');
    -- what a contact record holds as caller identification: phones (with and without '+'), e-mail and social ids
    v_callers := ARRAY(
        SELECT p_values[i] FROM generate_subscripts(p_types, 1) i WHERE p_types[i] IN ('PHONE', 'EMAIL', 'SOCIAL')
        UNION SELECT substr(p, 2) FROM unnest(v_phones) p
        UNION SELECT upper(p_values[i]) FROM generate_subscripts(p_types, 1) i WHERE p_types[i] = 'SOCIAL');

    -- the hits; the first insert of a row wins (its matched_by is kept). The work tables are made
    -- once per session and hold row ids only; they are emptied at each commit and each run.
    IF to_regclass('pg_temp.ccs_gdpr_hit') IS NULL THEN
        CREATE TEMP TABLE ccs_gdpr_hit (
            table_name varchar(32), row_id bigint, contact_id bigint, matched_by varchar(16), erase_action varchar(16),
            subject_kind varchar(8), PRIMARY KEY (table_name, row_id, subject_kind)) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE ccs_gdpr_text_hit (source varchar(32), source_id bigint) ON COMMIT DELETE ROWS;
    END IF;
    DELETE FROM ccs_gdpr_hit;
    DELETE FROM ccs_gdpr_text_hit;

    -- 360-degree view: customers holding one of the identifiers, or named like the subject
    v_customers := ccs_gdpr_customers(p_types, p_values, v_names);
    INSERT INTO ccs_gdpr_hit
        SELECT 'customer', c.id, NULL, CASE WHEN ccs_gdpr_fold(c.display_name) = ANY (v_names) THEN 'name' ELSE '360' END,
               'DELETE', 'CUSTOMER'
          FROM customer c WHERE c.id = ANY (v_customers)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'customer_identifier', k.id, NULL, '360', 'DELETE', 'CUSTOMER'
          FROM customer_identifier k WHERE k.customer_id = ANY (v_customers)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'consent_record', r.id, NULL, '360', 'DELETE', 'CUSTOMER'
          FROM consent_record r WHERE r.customer_id = ANY (v_customers)
        ON CONFLICT DO NOTHING;

    -- contacts of the subject: by caller identification, by customer
    INSERT INTO ccs_gdpr_hit
        SELECT 'contact_record', c.id, c.id, 'caller', 'ANONYMISE', 'CUSTOMER'
          FROM contact_record c WHERE c.caller_id_norm = ANY (v_callers)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'contact_record', c.id, c.id, '360', 'ANONYMISE', 'CUSTOMER'
          FROM contact_record c WHERE c.customer_id = ANY (v_customers)
        ON CONFLICT DO NOTHING;

    -- identifiers written inside transcripts, e-mail subjects and the messages of open conversations
    INSERT INTO ccs_gdpr_text_hit
        SELECT DISTINCT CASE WHEN t.transcript_message_id IS NOT NULL THEN 'transcript_message'
                             WHEN t.email_reference_id IS NOT NULL THEN 'email_reference'
                             ELSE 'conversation_message' END,
               coalesce(t.transcript_message_id, t.email_reference_id, t.conversation_message_id)
          FROM gdpr_text_identifier t
         WHERE (t.identifier_type = 'PHONE' AND t.normalised_value = ANY (v_phones))
            OR (t.identifier_type = 'EMAIL' AND t.normalised_value = ANY (v_emails));
    FOREACH v_name IN ARRAY v_names LOOP
        -- the full-text index narrows the search; ccs_gdpr_has_name decides (as on Informix)
        v_query := phraseto_tsquery('simple', array_to_string(ccs_gdpr_words(v_name), ' '));
        INSERT INTO ccs_gdpr_text_hit
            SELECT 'transcript_message', m.id FROM transcript_message m
             WHERE ccs_gdpr_fts(m.message_text) @@ v_query AND ccs_gdpr_has_name(m.message_text, v_name);
        INSERT INTO ccs_gdpr_text_hit
            SELECT 'email_reference', e.id FROM email_reference e
             WHERE ccs_gdpr_fts(e.subject) @@ v_query AND ccs_gdpr_has_name(e.subject, v_name);
        INSERT INTO ccs_gdpr_text_hit
            SELECT 'conversation_message', x.id FROM conversation_message x
             WHERE ccs_gdpr_fts(x.message_text) @@ v_query AND ccs_gdpr_has_name(x.message_text, v_name);
    END LOOP;
    -- written by the customer in a contact nobody is identified in: the subject's own contact
    INSERT INTO ccs_gdpr_hit
        SELECT DISTINCT 'contact_record', c.id, c.id, 'text', 'ANONYMISE', 'CUSTOMER'
          FROM ccs_gdpr_text_hit h
          JOIN transcript_message m ON h.source = 'transcript_message' AND m.id = h.source_id
          JOIN contact_record c ON c.id = m.contact_id
         WHERE m.sender_type = 'CUSTOMER' AND c.caller_id_norm IS NULL AND c.customer_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM ccs_gdpr_hit x WHERE x.table_name = 'contact_record' AND x.row_id = c.id)
        UNION
        SELECT DISTINCT 'contact_record', c.id, c.id, 'text', 'ANONYMISE', 'CUSTOMER'
          FROM ccs_gdpr_text_hit h
          JOIN email_reference e ON h.source = 'email_reference' AND e.id = h.source_id
          JOIN contact_record c ON c.id = e.contact_id
         WHERE c.caller_id_norm IS NULL AND c.customer_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM ccs_gdpr_hit x WHERE x.table_name = 'contact_record' AND x.row_id = c.id)
        ON CONFLICT DO NOTHING;
    v_contacts := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'contact_record');

    -- what belongs to the subject's contacts
    INSERT INTO ccs_gdpr_hit
        SELECT 'contact_leg', l.id, l.contact_id, 'contact', 'KEEP', 'CUSTOMER'
          FROM contact_leg l WHERE l.contact_id = ANY (v_contacts)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'contact_data', d.id, d.contact_id, 'contact', 'DELETE', 'CUSTOMER'
          FROM contact_data d WHERE d.contact_id = ANY (v_contacts)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'transcript_message', m.id, m.contact_id, 'contact', 'DELETE', 'CUSTOMER'
          FROM transcript_message m WHERE m.contact_id = ANY (v_contacts)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'email_reference', e.id, e.contact_id, 'contact', 'DELETE', 'CUSTOMER'
          FROM email_reference e WHERE e.contact_id = ANY (v_contacts)
        ON CONFLICT DO NOTHING;
    -- the subject written into somebody else's contact: that message (or e-mail subject) is blanked
    INSERT INTO ccs_gdpr_hit
        SELECT 'transcript_message', m.id, m.contact_id, 'text', 'BLANK', 'CUSTOMER'
          FROM ccs_gdpr_text_hit h JOIN transcript_message m ON h.source = 'transcript_message' AND m.id = h.source_id
         WHERE NOT (m.contact_id = ANY (v_contacts))
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'email_reference', e.id, e.contact_id, 'text', 'BLANK', 'CUSTOMER'
          FROM ccs_gdpr_text_hit h JOIN email_reference e ON h.source = 'email_reference' AND e.id = h.source_id
         WHERE NOT (e.contact_id = ANY (v_contacts))
        ON CONFLICT DO NOTHING;

    -- open text conversations (V10): the customer is the subject (party_norm, indexed; in open ones
    -- also the party as written, phone numbers normalised, and the name), or nobody is identified and
    -- the customer wrote one of the identifiers (or the name), or a conversation without party data
    -- belongs to one of the subject's contacts (a closed chat). The party columns are emptied
    -- (ANONYMISE), the row stays for routing and the contact record written when it ends; a row
    -- without party data is KEEP. Its messages are DELETEd; a message naming the subject in
    -- somebody else's conversation is BLANKed.
    INSERT INTO ccs_gdpr_hit
        SELECT 'media_conversation', m.id, NULL, 'caller', 'ANONYMISE', 'CUSTOMER'
          FROM media_conversation m WHERE m.party_norm = ANY (v_callers)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'media_conversation', m.id, NULL, 'caller', 'ANONYMISE', 'CUSTOMER'
          FROM media_conversation m
         WHERE m.state IN ('QUEUED', 'OFFERED', 'ACTIVE') AND m.party_raw IS NOT NULL
           AND (lower(m.party_raw) = ANY (v_callers)
                -- the number as written is normalised only where the server's party_norm is not an
                -- international number (empty, or kept as national digits by an SMS gateway) and the
                -- party is no e-mail address: the indexed match above covers the others
                OR (cardinality(v_phones) > 0 AND (m.party_norm IS NULL OR m.party_norm NOT LIKE '+%')
                    AND m.party_raw NOT LIKE '%@%' AND ccs_gdpr_phone_norm(m.party_raw) = ANY (v_phones)))
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'media_conversation', m.id, NULL, 'name', 'ANONYMISE', 'CUSTOMER'
          FROM media_conversation m
         WHERE m.state IN ('QUEUED', 'OFFERED', 'ACTIVE') AND ccs_gdpr_fold(m.party_name) = ANY (v_names)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT DISTINCT 'media_conversation', m.id, NULL::bigint, 'contact', 'KEEP', 'CUSTOMER'
          FROM contact_record c JOIN media_conversation m ON m.conversation_ref = c.conversation_ref
         WHERE c.id = ANY (v_contacts) AND m.party_raw IS NULL AND m.party_norm IS NULL AND m.party_name IS NULL
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT DISTINCT 'media_conversation', m.id, NULL::bigint, 'text', 'KEEP', 'CUSTOMER'
          FROM ccs_gdpr_text_hit h
          JOIN conversation_message x ON h.source = 'conversation_message' AND x.id = h.source_id
          JOIN media_conversation m ON m.id = x.conversation_id
         WHERE x.sender_type = 'CUSTOMER' AND m.party_raw IS NULL AND m.party_norm IS NULL AND m.party_name IS NULL
        ON CONFLICT DO NOTHING;
    v_convs := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'media_conversation');
    INSERT INTO ccs_gdpr_hit
        SELECT 'conversation_message', x.id, NULL, 'conversation', 'DELETE', 'CUSTOMER'
          FROM conversation_message x WHERE x.conversation_id = ANY (v_convs)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT DISTINCT 'conversation_message', x.id, NULL::bigint, 'text', 'BLANK', 'CUSTOMER'
          FROM ccs_gdpr_text_hit h JOIN conversation_message x ON h.source = 'conversation_message' AND x.id = h.source_id
         WHERE NOT (x.conversation_id = ANY (v_convs))
        ON CONFLICT DO NOTHING;

    -- speed-list entries that hold the person (number or name)
    INSERT INTO ccs_gdpr_hit
        SELECT 'speed_list_entry', s.id, NULL, 'name', 'DELETE', 'CUSTOMER'
          FROM speed_list_entry s WHERE ccs_gdpr_fold(s.display_name) = ANY (v_names)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'speed_list_entry', s.id, NULL, 'phone', 'DELETE', 'CUSTOMER'
          FROM speed_list_entry s WHERE s.phone_number_norm = ANY (v_callers)
        ON CONFLICT DO NOTHING;
    INSERT INTO ccs_gdpr_hit
        SELECT 'speed_list_entry', s.id, NULL, 'phone', 'DELETE', 'CUSTOMER'
          FROM speed_list_entry s
         WHERE s.phone_number_norm IS NULL AND cardinality(v_phones) > 0 AND ccs_gdpr_phone_norm(s.phone_number) = ANY (v_phones)
        ON CONFLICT DO NOTHING;

    -- legal holds on the subject: active ones stop erasure; released ones lose the customer link
    INSERT INTO ccs_gdpr_hit
        SELECT 'legal_hold', h.id, h.contact_id, 'hold', CASE WHEN h.released_at IS NULL THEN 'HOLD' ELSE 'BLANK' END, 'CUSTOMER'
          FROM legal_hold h
         WHERE h.customer_id = ANY (v_customers)
            OR (h.released_at IS NULL AND h.contact_id = ANY (v_contacts))
            OR (h.released_at IS NULL AND h.customer_id IS NULL AND h.contact_id IS NULL AND (
                   (h.category = 'CONTACT_RECORD' AND cardinality(v_contacts) > 0)
                OR (h.category = 'TRANSCRIPT' AND EXISTS (SELECT 1 FROM ccs_gdpr_hit x
                                                           WHERE x.table_name IN ('transcript_message', 'conversation_message')))
                OR (h.category = 'EMAIL_REFERENCE' AND EXISTS (SELECT 1 FROM ccs_gdpr_hit x WHERE x.table_name = 'email_reference'))))
        ON CONFLICT DO NOTHING;

    -- employees: agents named by login (agent:) or by first and last name, and their user accounts
    v_agent_ids := ARRAY(
        SELECT a.id FROM agent a WHERE a.login_name = ANY (v_agents)
        UNION SELECT u.agent_id FROM app_user u WHERE u.username = ANY (v_agents) AND u.agent_id IS NOT NULL
        UNION SELECT a.id FROM agent a WHERE ccs_gdpr_fold(a.first_name || ' ' || a.last_name) = ANY (v_names));
    v_logins := ARRAY(SELECT a.login_name FROM agent a WHERE a.id = ANY (v_agent_ids)
                      UNION SELECT u.username FROM app_user u WHERE u.agent_id = ANY (v_agent_ids)
                      UNION SELECT u.username FROM app_user u WHERE u.username = ANY (v_agents));
    IF cardinality(v_logins) > 0 THEN
        INSERT INTO ccs_gdpr_hit
            SELECT 'agent', a.id, NULL, 'agent', 'ANONYMISE', 'EMPLOYEE' FROM agent a WHERE a.id = ANY (v_agent_ids)
        ON CONFLICT DO NOTHING;
        INSERT INTO ccs_gdpr_hit
            SELECT 'app_user', u.id, NULL, 'agent', 'DELETE', 'EMPLOYEE' FROM app_user u
             WHERE u.agent_id = ANY (v_agent_ids) OR u.username = ANY (v_logins)
        ON CONFLICT DO NOTHING;
        INSERT INTO ccs_gdpr_hit
            SELECT 'agent_group_member', g.id, NULL, 'agent', 'DELETE', 'EMPLOYEE' FROM agent_group_member g
             WHERE g.agent_id = ANY (v_agent_ids)
        ON CONFLICT DO NOTHING;
        INSERT INTO ccs_gdpr_hit
            SELECT 'team_visibility', t.id, NULL, 'agent', 'DELETE', 'EMPLOYEE' FROM team_visibility t
             WHERE t.viewer_agent_id = ANY (v_agent_ids) OR t.visible_agent_id = ANY (v_agent_ids)
        ON CONFLICT DO NOTHING;
        INSERT INTO ccs_gdpr_hit
            SELECT 'speed_list_entry', s.id, NULL, 'agent', 'DELETE', 'EMPLOYEE' FROM speed_list_entry s
             WHERE s.agent_id = ANY (v_agent_ids)
                OR ccs_gdpr_fold(s.display_name) IN (SELECT ccs_gdpr_fold(a.first_name || ' ' || a.last_name)
                                                       FROM agent a WHERE a.id = ANY (v_agent_ids))
        ON CONFLICT DO NOTHING;
        INSERT INTO ccs_gdpr_hit
            SELECT 'agent_state_history', h.id, NULL, 'agent', 'KEEP', 'EMPLOYEE' FROM agent_state_history h
             WHERE h.agent_id = ANY (v_agent_ids)
        ON CONFLICT DO NOTHING;
        INSERT INTO ccs_gdpr_hit
            SELECT 'transcript_message', m.id, m.contact_id, 'agent', 'BLANK', 'EMPLOYEE' FROM transcript_message m
             WHERE m.sender_type = 'AGENT' AND m.sender_id = ANY (v_logins)
        ON CONFLICT DO NOTHING;
        INSERT INTO ccs_gdpr_hit
            SELECT 'consent_record', r.id, NULL, 'agent', 'BLANK', 'EMPLOYEE' FROM consent_record r
             WHERE r.recorded_by = ANY (v_logins)
        ON CONFLICT DO NOTHING;
        INSERT INTO ccs_gdpr_hit
            SELECT 'conversation_message', x.id, NULL, 'agent', 'BLANK', 'EMPLOYEE' FROM conversation_message x
             WHERE x.sender_type = 'AGENT' AND x.sender_id = ANY (v_logins)
        ON CONFLICT DO NOTHING;
        INSERT INTO ccs_gdpr_hit
            SELECT 'agent_media_skill', s.id, NULL, 'agent', 'DELETE', 'EMPLOYEE' FROM agent_media_skill s
             WHERE s.agent_id = ANY (v_agent_ids)
        ON CONFLICT DO NOTHING;
    END IF;

    RETURN QUERY
        SELECT h.table_name, h.row_id, h.contact_id, h.matched_by, h.erase_action, h.subject_kind
          FROM ccs_gdpr_hit h ORDER BY h.table_name, h.row_id, h.subject_kind;
END
$$;

-- export: the rows of ccs_gdpr_find as JSON objects, one per row, in a stable order (seq); an
-- Art. 15/20 answer is their array (json_agg(document::json ORDER BY seq)). Timestamps UTC ISO 8601.
CREATE OR REPLACE FUNCTION ccs_gdpr_export(p_subject varchar, p_request_ref varchar DEFAULT NULL)
RETURNS TABLE (seq integer, table_name varchar, row_id bigint, document varchar)
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_types  varchar[];
    v_values varchar[];
    v_tables varchar[];
BEGIN
    PERFORM ccs_gdpr_check_ref(p_request_ref);
    SELECT array_agg(i.identifier_type), array_agg(i.normalised_value) INTO v_types, v_values
      FROM ccs_gdpr_identifiers(p_subject) i;
    IF to_regclass('pg_temp.ccs_gdpr_export_row') IS NULL THEN
        CREATE TEMP TABLE ccs_gdpr_export_row (table_name varchar(32), row_id bigint) ON COMMIT DELETE ROWS;
    END IF;
    DELETE FROM ccs_gdpr_export_row;
    INSERT INTO ccs_gdpr_export_row
        SELECT DISTINCT c.table_name, c.row_id FROM ccs_gdpr_collect(v_types, v_values) c WHERE c.table_name <> 'legal_hold';
    v_tables := ARRAY(SELECT h.table_name FROM ccs_gdpr_hit h);
    RETURN QUERY
    SELECT (row_number() OVER (ORDER BY d.table_name COLLATE "C", d.row_id))::integer, d.table_name, d.row_id, d.document FROM (
        SELECT 'customer'::varchar AS table_name, x.id AS row_id, json_build_object('table', 'customer', 'id', x.id,
                'display_name', x.display_name, 'created_at', ccs_gdpr_ts(x.created_at))::varchar AS document
          FROM customer x JOIN ccs_gdpr_export_row r ON r.table_name = 'customer' AND r.row_id = x.id
        UNION ALL
        SELECT 'customer_identifier', x.id, json_build_object('table', 'customer_identifier', 'id', x.id,
                'customer_id', x.customer_id, 'identifier_type', x.identifier_type, 'raw_value', x.raw_value,
                'normalised_value', x.normalised_value, 'created_at', ccs_gdpr_ts(x.created_at))::varchar
          FROM customer_identifier x JOIN ccs_gdpr_export_row r ON r.table_name = 'customer_identifier' AND r.row_id = x.id
        UNION ALL
        SELECT 'consent_record', x.id, json_build_object('table', 'consent_record', 'id', x.id,
                'customer_id', x.customer_id, 'purpose', x.purpose, 'status', x.status, 'source', x.source,
                'evidence_ref', x.evidence_ref, 'recorded_by', x.recorded_by, 'recorded_at', ccs_gdpr_ts(x.recorded_at),
                'valid_until', ccs_gdpr_ts(x.valid_until))::varchar
          FROM consent_record x JOIN ccs_gdpr_export_row r ON r.table_name = 'consent_record' AND r.row_id = x.id
        UNION ALL
        SELECT 'contact_record', x.id, json_build_object('table', 'contact_record', 'id', x.id, 'channel', x.channel,
                'direction', x.direction, 'source_ref', x.source_ref, 'caller_id_raw', x.caller_id_raw,
                'caller_id_norm', x.caller_id_norm, 'caller_presentation', x.caller_presentation,
                'designated_number', x.designated_number, 'started_at', ccs_gdpr_ts(x.started_at),
                'answered_at', ccs_gdpr_ts(x.answered_at), 'ended_at', ccs_gdpr_ts(x.ended_at),
                'queue_seconds', x.queue_seconds, 'ring_seconds', x.ring_seconds, 'talk_seconds', x.talk_seconds,
                'hold_seconds', x.hold_seconds, 'outcome', x.outcome, 'agent_id', x.agent_id,
                'customer_id', x.customer_id, 'correlator_data', x.correlator_data,
                'conversation_ref', x.conversation_ref, 'created_at', ccs_gdpr_ts(x.created_at))::varchar
          FROM contact_record x JOIN ccs_gdpr_export_row r ON r.table_name = 'contact_record' AND r.row_id = x.id
        UNION ALL
        SELECT 'contact_leg', x.id, json_build_object('table', 'contact_leg', 'id', x.id, 'contact_id', x.contact_id,
                'leg_no', x.leg_no, 'leg_type', x.leg_type, 'device', x.device, 'agent_id', x.agent_id,
                'started_at', ccs_gdpr_ts(x.started_at), 'ended_at', ccs_gdpr_ts(x.ended_at))::varchar
          FROM contact_leg x JOIN ccs_gdpr_export_row r ON r.table_name = 'contact_leg' AND r.row_id = x.id
        UNION ALL
        SELECT 'contact_data', x.id, json_build_object('table', 'contact_data', 'id', x.id, 'contact_id', x.contact_id,
                'seq', x.seq, 'data_key', x.data_key, 'masked_value', x.masked_value,
                'encrypted', x.encrypted_value IS NOT NULL, 'key_id', x.key_id,
                'collected_at', ccs_gdpr_ts(x.collected_at))::varchar
          FROM contact_data x JOIN ccs_gdpr_export_row r ON r.table_name = 'contact_data' AND r.row_id = x.id
        UNION ALL
        SELECT 'transcript_message', x.id, json_build_object('table', 'transcript_message', 'id', x.id,
                'contact_id', x.contact_id, 'seq', x.seq, 'sender_type', x.sender_type, 'sender_id', x.sender_id,
                'sent_at', ccs_gdpr_ts(x.sent_at), 'message_text', x.message_text)::varchar
          FROM transcript_message x JOIN ccs_gdpr_export_row r ON r.table_name = 'transcript_message' AND r.row_id = x.id
        UNION ALL
        SELECT 'email_reference', x.id, json_build_object('table', 'email_reference', 'id', x.id,
                'contact_id', x.contact_id, 'mailbox', x.mailbox, 'folder', x.folder, 'uid_validity', x.uid_validity,
                'uid', x.uid, 'message_id', x.message_id, 'subject', x.subject,
                'received_at', ccs_gdpr_ts(x.received_at))::varchar
          FROM email_reference x JOIN ccs_gdpr_export_row r ON r.table_name = 'email_reference' AND r.row_id = x.id
        UNION ALL
        SELECT 'media_conversation', x.id, json_build_object('table', 'media_conversation', 'id', x.id,
                'conversation_ref', x.conversation_ref, 'channel', x.channel, 'source_id', x.source_id,
                'sub_channel', x.sub_channel, 'group_id', x.group_id, 'state', x.state, 'party_raw', x.party_raw,
                'party_norm', x.party_norm, 'party_name', x.party_name, 'agent_id', x.agent_id,
                'started_at', ccs_gdpr_ts(x.started_at), 'queued_at', ccs_gdpr_ts(x.queued_at),
                'accepted_at', ccs_gdpr_ts(x.accepted_at), 'ended_at', ccs_gdpr_ts(x.ended_at),
                'last_activity_at', ccs_gdpr_ts(x.last_activity_at))::varchar
          FROM media_conversation x JOIN ccs_gdpr_export_row r ON r.table_name = 'media_conversation' AND r.row_id = x.id
        UNION ALL
        SELECT 'conversation_message', x.id, json_build_object('table', 'conversation_message', 'id', x.id,
                'conversation_id', x.conversation_id, 'seq', x.seq, 'sender_type', x.sender_type, 'sender_id', x.sender_id,
                'sent_at', ccs_gdpr_ts(x.sent_at), 'message_text', x.message_text)::varchar
          FROM conversation_message x JOIN ccs_gdpr_export_row r ON r.table_name = 'conversation_message' AND r.row_id = x.id
        UNION ALL
        SELECT 'agent_media_skill', x.id, json_build_object('table', 'agent_media_skill', 'id', x.id,
                'agent_id', x.agent_id, 'media', x.media, 'max_parallel', x.max_parallel)::varchar
          FROM agent_media_skill x JOIN ccs_gdpr_export_row r ON r.table_name = 'agent_media_skill' AND r.row_id = x.id
        UNION ALL
        SELECT 'speed_list_entry', x.id, json_build_object('table', 'speed_list_entry', 'id', x.id,
                'agent_id', x.agent_id, 'display_name', x.display_name, 'phone_number', x.phone_number,
                'phone_number_norm', x.phone_number_norm, 'source', x.source, 'external_ref', x.external_ref,
                'sort_order', x.sort_order, 'created_at', ccs_gdpr_ts(x.created_at))::varchar
          FROM speed_list_entry x JOIN ccs_gdpr_export_row r ON r.table_name = 'speed_list_entry' AND r.row_id = x.id
        UNION ALL
        SELECT 'agent', x.id, json_build_object('table', 'agent', 'id', x.id, 'login_name', x.login_name,
                'first_name', x.first_name, 'last_name', x.last_name, 'extension', x.extension,
                'department_id', x.department_id, 'state', x.state, 'state_since', ccs_gdpr_ts(x.state_since),
                'pseudonym', x.pseudonym, 'created_at', ccs_gdpr_ts(x.created_at))::varchar
          FROM agent x JOIN ccs_gdpr_export_row r ON r.table_name = 'agent' AND r.row_id = x.id
        UNION ALL
        SELECT 'app_user', x.id, json_build_object('table', 'app_user', 'id', x.id, 'username', x.username,
                'role_name', x.role_name, 'agent_id', x.agent_id, 'enabled', x.enabled,
                'created_at', ccs_gdpr_ts(x.created_at),
                'password_changed_at', ccs_gdpr_ts(x.password_changed_at))::varchar
          FROM app_user x JOIN ccs_gdpr_export_row r ON r.table_name = 'app_user' AND r.row_id = x.id
        UNION ALL
        SELECT 'agent_group_member', x.id, json_build_object('table', 'agent_group_member', 'id', x.id,
                'group_id', x.group_id, 'agent_id', x.agent_id, 'added_at', ccs_gdpr_ts(x.added_at))::varchar
          FROM agent_group_member x JOIN ccs_gdpr_export_row r ON r.table_name = 'agent_group_member' AND r.row_id = x.id
        UNION ALL
        SELECT 'team_visibility', x.id, json_build_object('table', 'team_visibility', 'id', x.id,
                'viewer_agent_id', x.viewer_agent_id, 'visible_agent_id', x.visible_agent_id,
                'visible_group_id', x.visible_group_id, 'created_at', ccs_gdpr_ts(x.created_at))::varchar
          FROM team_visibility x JOIN ccs_gdpr_export_row r ON r.table_name = 'team_visibility' AND r.row_id = x.id
        UNION ALL
        SELECT 'agent_state_history', x.id, json_build_object('table', 'agent_state_history', 'id', x.id,
                'agent_id', x.agent_id, 'state', x.state, 'reason_code', x.reason_code,
                'entered_at', ccs_gdpr_ts(x.entered_at))::varchar
          FROM agent_state_history x JOIN ccs_gdpr_export_row r ON r.table_name = 'agent_state_history' AND r.row_id = x.id
    ) d
    ORDER BY 1;
    PERFORM ccs_gdpr_log('ccs_gdpr_export', v_types, v_values, p_request_ref, cardinality(v_tables), 0,
                         ccs_gdpr_counts_detail(v_tables));
END
$$;

-- Applies the hits of one subject kind (CUSTOMER for ccs_gdpr_erase, EMPLOYEE for ccs_gdpr_erase_agent)
-- inside the caller's statement, i.e. in one transaction; returns the rows per (table, action).
CREATE OR REPLACE FUNCTION ccs_gdpr_apply(p_procedure varchar, p_kind varchar, p_types varchar[], p_values varchar[],
                               p_request_ref varchar, p_dry_run boolean)
RETURNS TABLE (table_name varchar, erase_action varchar, row_count integer, note varchar)
LANGUAGE plpgsql AS $$
DECLARE
    v_holds   varchar;
    v_found   integer;
    v_erased  integer;
    v_ids     bigint[];
    v_logins  varchar[];
    v_tables  varchar[];
BEGIN
    DELETE FROM ccs_gdpr_hit h WHERE h.subject_kind <> p_kind;
    v_tables := ARRAY(SELECT h.table_name FROM ccs_gdpr_hit h);
    v_found := cardinality(v_tables);
    -- an active legal hold on the subject: nothing is erased
    SELECT string_agg(DISTINCT l.matter_ref, ', ') INTO v_holds
      FROM ccs_gdpr_hit h JOIN legal_hold l ON l.id = h.row_id
     WHERE h.table_name = 'legal_hold' AND h.erase_action = 'HOLD';
    IF v_holds IS NOT NULL THEN
        PERFORM ccs_gdpr_log(p_procedure || CASE WHEN p_dry_run THEN '_dry_run' ELSE '' END, p_types, p_values,
                             p_request_ref, v_found, 0, left('REFUSED legal_hold;' || ccs_gdpr_counts_detail(v_tables), 255));
        RAISE WARNING 'erasure refused: the subject is under legal hold (matter %)', v_holds;
        RETURN QUERY SELECT 'legal_hold'::varchar, 'REFUSED'::varchar,
                            (SELECT count(*)::integer FROM ccs_gdpr_hit h WHERE h.erase_action = 'HOLD'),
                            left('erasure refused: the subject is under legal hold (matter ' || v_holds
                                 || '); nothing was erased', 255)::varchar;
        RETURN;
    END IF;
    IF NOT p_dry_run THEN
        PERFORM set_config('ccs.gdpr_erasing', 'on', true);
        IF p_kind = 'CUSTOMER' THEN
            v_ids := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'contact_record');
            DELETE FROM contact_data x WHERE x.contact_id = ANY (v_ids);
            DELETE FROM transcript_message x WHERE x.contact_id = ANY (v_ids);
            DELETE FROM email_reference x WHERE x.contact_id = ANY (v_ids);
            UPDATE contact_record x SET caller_id_raw = NULL, caller_id_norm = NULL, customer_id = NULL,
                   correlator_data = NULL
             WHERE x.id = ANY (v_ids);
            v_ids := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'transcript_message'
                                                               AND h.erase_action = 'BLANK');
            DELETE FROM gdpr_text_identifier x WHERE x.transcript_message_id = ANY (v_ids);
            UPDATE transcript_message x SET message_text = '[erased]',
                   sender_id = CASE WHEN x.sender_type = 'CUSTOMER' THEN NULL ELSE x.sender_id END
             WHERE x.id = ANY (v_ids);
            v_ids := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'email_reference'
                                                               AND h.erase_action = 'BLANK');
            DELETE FROM gdpr_text_identifier x WHERE x.email_reference_id = ANY (v_ids);
            UPDATE email_reference x SET subject = NULL WHERE x.id = ANY (v_ids);
            v_ids := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'customer');
            UPDATE legal_hold x SET customer_id = NULL WHERE x.customer_id = ANY (v_ids) AND x.released_at IS NOT NULL;
            DELETE FROM customer x WHERE x.id = ANY (v_ids);  -- identifiers and consents follow (ON DELETE CASCADE)
            DELETE FROM speed_list_entry x
             WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'speed_list_entry');
            -- open conversations: their messages go, the conversation forgets who the customer is
            v_ids := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'media_conversation');
            DELETE FROM conversation_message x WHERE x.conversation_id = ANY (v_ids);
            v_ids := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'media_conversation'
                                                               AND h.erase_action = 'ANONYMISE');
            UPDATE media_conversation x SET party_raw = NULL, party_norm = NULL, party_name = NULL WHERE x.id = ANY (v_ids);
            v_ids := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'conversation_message'
                                                               AND h.erase_action = 'BLANK');
            DELETE FROM gdpr_text_identifier x WHERE x.conversation_message_id = ANY (v_ids);
            UPDATE conversation_message x SET message_text = '[erased]',
                   sender_id = CASE WHEN x.sender_type = 'CUSTOMER' THEN NULL ELSE x.sender_id END
             WHERE x.id = ANY (v_ids);
        ELSE
            v_ids := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'agent');
            v_logins := ARRAY(SELECT a.login_name FROM agent a WHERE a.id = ANY (v_ids)
                              UNION SELECT u.username FROM app_user u
                                     WHERE u.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'app_user'));
            -- historical rows name the employee by the agent's stable pseudonym from now on
            UPDATE transcript_message x SET sender_id = (SELECT a.pseudonym FROM agent a WHERE a.id = ANY (v_ids) LIMIT 1)
             WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'transcript_message');
            UPDATE conversation_message x SET sender_id = (SELECT a.pseudonym FROM agent a WHERE a.id = ANY (v_ids) LIMIT 1)
             WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'conversation_message');
            DELETE FROM agent_media_skill x
             WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'agent_media_skill');
            UPDATE consent_record x SET recorded_by = coalesce(
                       (SELECT a.pseudonym FROM agent a WHERE a.id = ANY (v_ids) LIMIT 1), 'erased-user')
             WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'consent_record');
            DELETE FROM app_user x WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'app_user');
            DELETE FROM agent_group_member x
             WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'agent_group_member');
            DELETE FROM team_visibility x
             WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'team_visibility');
            DELETE FROM speed_list_entry x
             WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'speed_list_entry');
            UPDATE agent x SET login_name = x.pseudonym, first_name = NULL, last_name = NULL, extension = NULL,
                   state = 'LOGGED_OFF'
             WHERE x.id = ANY (v_ids);
        END IF;
        PERFORM set_config('ccs.gdpr_erasing', 'off', true);
    END IF;
    v_erased := CASE WHEN p_dry_run THEN 0 ELSE (SELECT count(*)::integer FROM ccs_gdpr_hit h
                                                 WHERE h.erase_action IN ('DELETE', 'ANONYMISE', 'BLANK')) END;
    PERFORM ccs_gdpr_log(p_procedure || CASE WHEN p_dry_run THEN '_dry_run' ELSE '' END, p_types, p_values,
                         p_request_ref, v_found, v_erased, ccs_gdpr_counts_detail(v_tables));
    RETURN QUERY
        SELECT h.table_name, h.erase_action, count(*)::integer,
               (CASE WHEN p_dry_run THEN 'dry run, nothing changed: ' ELSE '' END || CASE h.erase_action
                    WHEN 'DELETE' THEN 'deleted'
                    WHEN 'ANONYMISE' THEN CASE h.table_name WHEN 'agent' THEN 'name, login and extension replaced by the pseudonym'
                                          WHEN 'media_conversation' THEN 'customer identification removed; the open conversation goes on without it'
                                          ELSE 'caller identification and customer link removed; kept for statistics' END
                    WHEN 'BLANK' THEN CASE h.table_name
                                          WHEN 'transcript_message' THEN CASE p_kind WHEN 'EMPLOYEE' THEN 'sender replaced by the pseudonym'
                                                                        ELSE 'text replaced by [erased] in another person''s contact' END
                                          WHEN 'conversation_message' THEN CASE p_kind WHEN 'EMPLOYEE' THEN 'sender replaced by the pseudonym'
                                                                        ELSE 'text replaced by [erased] in another person''s conversation' END
                                          WHEN 'email_reference' THEN 'subject line removed in another person''s contact'
                                          WHEN 'consent_record' THEN 'recorded_by replaced by the pseudonym'
                                          ELSE 'link to the subject removed' END
                    ELSE 'kept: no personal data once the rest is erased' END)::varchar
          FROM ccs_gdpr_hit h
         GROUP BY h.table_name, h.erase_action
         ORDER BY h.table_name COLLATE "C", h.erase_action COLLATE "C";
END
$$;

-- CREATE OR REPLACE kept the grants but reset the settings: the SECURITY DEFINER functions get their
-- pinned search_path again (this schema first, pg_temp last); only ccs_gdpr executes the procedures
DO $$
DECLARE
    f record;
BEGIN
    FOR f IN SELECT p.oid::regprocedure AS sig, p.proname, p.prosecdef
               FROM pg_proc p
              WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'ccs\_gdpr\_%' LOOP
        IF f.prosecdef THEN
            EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f.sig, current_schema());
        END IF;
        IF f.proname NOT IN ('ccs_gdpr_fold', 'ccs_gdpr_fts') THEN
            EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f.sig);
        END IF;
        IF f.proname IN ('ccs_gdpr_find', 'ccs_gdpr_export', 'ccs_gdpr_erase', 'ccs_gdpr_erase_agent', 'ccs_gdpr_history') THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ccs_gdpr', f.sig);
        END IF;
    END LOOP;
END
$$;
