-- CCS schema, PostgreSQL, V8: the GDPR procedures for DBAs (find, export, erase, erase an employee).
--
-- Creates:
--   gdpr_site_setting      the site's telephone numbering (country code, trunk and international
--                          prefixes) with which written phone numbers are normalised; one row, seeded
--                          for the United Kingdom (44, 0, 00): a site elsewhere updates it.
--   gdpr_text_identifier   phone numbers and e-mail addresses found INSIDE chat/e-mail text
--                          (transcript_message.message_text, email_reference.subject), normalised,
--                          kept by an insert trigger, indexed: a request finds "call me on 020 7946 0123"
--                          without reading every transcript. Goes with its message (ON DELETE CASCADE).
--   indexes for names: customer and speed-list entry by folded display name, and full-text indexes
--                          (built-in, no extension) on transcript text and e-mail subjects for names
--                          inside text.
--   functions (PL/pgSQL, SECURITY DEFINER, search_path pinned, EXECUTE for ccs_gdpr only):
--     ccs_gdpr_find(subject, request_ref)               one row per database row about the subject
--     ccs_gdpr_export(subject, request_ref)             the same rows as JSON documents (Art. 15, 20)
--     ccs_gdpr_erase(subject, request_ref, dry_run)     erases in one transaction, counts per table
--     ccs_gdpr_erase_agent(login, request_ref, dry_run) an employee: user deleted, pseudonym kept
--     ccs_gdpr_history(subject)                         earlier runs about the subject, from the log
--   and their internal helpers (no EXECUTE for anybody but the owner).
-- subject: 'type:value;type:value...' with type phone, email, customer_id, social, name or agent.
-- Every run writes gdpr_request_log; the subject only as HMAC-SHA-256 (RFC 2104) of 'TYPE:normalised'
-- under the active gdpr_site_secret, computed here from the built-in sha256() (PostgreSQL 11+): no
-- pgcrypto, no CREATE EXTENSION. A subject under legal hold is refused (a REFUSED row, logged).
-- The immutability trigger function of V5 is replaced: it still refuses every UPDATE of contact
-- data, except, while a GDPR procedure runs (transaction-local setting ccs.gdpr_erasing, set only by
-- these SECURITY DEFINER functions), UPDATEs that change nothing but the personal columns.
-- See docs/dba-gdpr.md for the contract, the rules and worked examples.
--
-- Run: applied by Flyway after V7 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V8__gdpr.sql: same tables, same routine names, parameters and result columns.

CREATE TABLE gdpr_site_setting (
    id           integer     PRIMARY KEY
        CONSTRAINT ck_gdpr_site_setting_single CHECK (id = 1),
    country_code varchar(4)  NOT NULL,
    trunk_prefix varchar(4),
    idd_prefix   varchar(8)  NOT NULL,
    updated_at   timestamptz,
    updated_by   varchar(64)
);
-- installation default: the United Kingdom (national 020 7946 0123 = +44 20 7946 0123)
INSERT INTO gdpr_site_setting (id, country_code, trunk_prefix, idd_prefix) VALUES (1, '44', '0', '00');
GRANT SELECT, UPDATE ON gdpr_site_setting TO ccs_app;
GRANT SELECT, UPDATE ON gdpr_site_setting TO ccs_gdpr;

-- phone numbers (E.164 with '+') and e-mail addresses (lower case) written inside text
CREATE TABLE gdpr_text_identifier (
    id                    bigserial    PRIMARY KEY,
    transcript_message_id bigint       REFERENCES transcript_message (id) ON DELETE CASCADE,
    email_reference_id    bigint       REFERENCES email_reference (id) ON DELETE CASCADE,
    identifier_type       varchar(16)  NOT NULL
        CONSTRAINT ck_gdpr_text_identifier_type CHECK (identifier_type IN ('PHONE', 'EMAIL')),
    normalised_value      varchar(254) NOT NULL,
    CONSTRAINT ck_gdpr_text_identifier_source CHECK (
        (transcript_message_id IS NOT NULL AND email_reference_id IS NULL)
        OR (transcript_message_id IS NULL AND email_reference_id IS NOT NULL))
);
CREATE INDEX ix_gdpr_text_identifier_value ON gdpr_text_identifier (identifier_type, normalised_value);
CREATE INDEX ix_gdpr_text_identifier_message ON gdpr_text_identifier (transcript_message_id);
CREATE INDEX ix_gdpr_text_identifier_email ON gdpr_text_identifier (email_reference_id);
GRANT SELECT ON gdpr_text_identifier TO ccs_gdpr;

-- ---------------------------------------------------------------------------------------------
-- Helpers: folding, words, phone normalisation, identifiers inside text
-- ---------------------------------------------------------------------------------------------

-- a name as compared: lower case, trimmed, runs of blanks made one
CREATE FUNCTION ccs_gdpr_fold(p_value varchar) RETURNS varchar
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(btrim(regexp_replace($1, ' {2,}', ' ', 'g')))
$$;

-- the text the full-text indexes hold: ASCII punctuation made blank, so that words are the runs of
-- letters and digits ('Mr.Doe' and 'jane.doe@example.com' give the words mr, doe, jane, doe, ...)
CREATE FUNCTION ccs_gdpr_fts(p_text varchar) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple'::regconfig,
        translate($1, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', '                                '))
$$;

CREATE INDEX ix_customer_name_fold ON customer (ccs_gdpr_fold(display_name));
CREATE INDEX ix_speed_list_entry_name_fold ON speed_list_entry (ccs_gdpr_fold(display_name));
CREATE INDEX ix_speed_list_entry_unnormalised ON speed_list_entry (id) WHERE phone_number_norm IS NULL;
CREATE INDEX ix_transcript_message_fts ON transcript_message USING gin (ccs_gdpr_fts(message_text));
CREATE INDEX ix_email_reference_fts ON email_reference USING gin (ccs_gdpr_fts(subject));

-- the words of a text: lower case, runs of letters and digits
CREATE FUNCTION ccs_gdpr_words(p_text varchar) RETURNS varchar[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(w ORDER BY n), ARRAY[]::varchar[])
      FROM regexp_split_to_table(lower($1), '[^[:alnum:]]+') WITH ORDINALITY AS s (w, n)
     WHERE w <> ''
$$;

-- true when the words of p_name occur in p_text one after the other (punctuation between them allowed)
CREATE FUNCTION ccs_gdpr_has_name(p_text varchar, p_name varchar) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_text varchar[] := ccs_gdpr_words(p_text);
    v_name varchar[] := ccs_gdpr_words(p_name);
    v_n    integer := cardinality(v_name);
BEGIN
    IF v_n = 0 THEN
        RETURN false;
    END IF;
    FOR i IN 1 .. cardinality(v_text) - v_n + 1 LOOP
        IF v_text[i:i + v_n - 1] = v_name THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;

-- A written phone number in E.164 with '+', with the site's numbering (gdpr_site_setting):
-- '(0)' dropped, then only digits kept; '+...' is international; the international prefix (00) is
-- replaced by '+'; the trunk prefix (0) by '+' and the country code; other digit strings shorter
-- than 11 digits are national numbers written without the trunk prefix, longer ones international
-- numbers written without '+'. NULL when fewer than 6 digits remain.
CREATE FUNCTION ccs_gdpr_phone_norm(p_raw varchar) RETURNS varchar
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_set    gdpr_site_setting%ROWTYPE;
    v_s      varchar;
    v_digits varchar;
BEGIN
    IF p_raw IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_set FROM gdpr_site_setting WHERE id = 1;
    v_s := btrim(replace(p_raw, '(0)', ''));
    v_digits := regexp_replace(v_s, '[^0-9]', '', 'g');
    IF length(v_digits) < 6 THEN
        RETURN NULL;
    END IF;
    IF left(v_s, 1) = '+' THEN
        RETURN '+' || v_digits;
    ELSIF left(v_digits, length(v_set.idd_prefix)) = v_set.idd_prefix THEN
        RETURN '+' || substr(v_digits, length(v_set.idd_prefix) + 1);
    ELSIF v_set.trunk_prefix IS NOT NULL AND v_set.trunk_prefix <> ''
            AND left(v_digits, length(v_set.trunk_prefix)) = v_set.trunk_prefix THEN
        RETURN '+' || v_set.country_code || substr(v_digits, length(v_set.trunk_prefix) + 1);
    ELSIF length(v_digits) < 11 THEN
        RETURN '+' || v_set.country_code || v_digits;
    END IF;
    RETURN '+' || v_digits;
END
$$;

-- Phone numbers and e-mail addresses inside a text, normalised (the same rules as informix/V8):
-- phone: every maximal run of digits, blanks and + ( ) . / - is cut into digit groups; every
-- sequence of consecutive groups with 7 to 15 digits is a candidate ('+' when a '+' precedes its
-- first group in the run), normalised with ccs_gdpr_phone_norm. e-mail: around every '@', up to 64
-- characters of [A-Za-z0-9._%+-] to the left and 253 of [A-Za-z0-9.-] to the right, trailing dots
-- dropped; the domain must hold a dot. Lower case.
CREATE FUNCTION ccs_gdpr_text_identifiers(p_text varchar)
RETURNS TABLE (identifier_type varchar, normalised_value varchar)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_run    varchar;
    v_groups varchar[];
    v_plus   boolean[];
    v_match  text[];
    v_digits varchar;
    v_norm   varchar;
    v_len    integer;
    v_at     integer;
    v_l      integer;
    v_r      integer;
    v_local  varchar;
    v_domain varchar;
BEGIN
    IF p_text IS NULL THEN
        RETURN;
    END IF;
    IF p_text ~ '[0-9]' THEN
        FOR v_run IN SELECT m[1] FROM regexp_matches(p_text, '([0-9+()./ -]+)', 'g') AS m LOOP
            v_run := replace(v_run, '(0)', '');
            v_groups := ARRAY[]::varchar[];
            v_plus := ARRAY[]::boolean[];
            FOR v_match IN SELECT regexp_matches(v_run, '([^0-9]*)([0-9]+)', 'g') LOOP
                v_groups := v_groups || v_match[2]::varchar;
                v_plus := v_plus || (strpos(v_match[1], '+') > 0);
            END LOOP;
            FOR i IN 1 .. coalesce(cardinality(v_groups), 0) LOOP
                v_digits := '';
                FOR j IN i .. cardinality(v_groups) LOOP
                    v_digits := v_digits || v_groups[j];
                    EXIT WHEN length(v_digits) > 15;
                    IF length(v_digits) >= 7 THEN
                        v_norm := ccs_gdpr_phone_norm(CASE WHEN v_plus[i] THEN '+' ELSE '' END || v_digits);
                        IF v_norm IS NOT NULL THEN
                            identifier_type := 'PHONE';
                            normalised_value := v_norm;
                            RETURN NEXT;
                        END IF;
                    END IF;
                END LOOP;
            END LOOP;
        END LOOP;
    END IF;
    v_len := length(p_text);
    v_at := strpos(p_text, '@');
    WHILE v_at > 0 LOOP
        v_l := v_at - 1;
        WHILE v_l >= 1 AND v_at - v_l <= 64 AND substr(p_text, v_l, 1) ~ '^[A-Za-z0-9._%+-]$' LOOP
            v_l := v_l - 1;
        END LOOP;
        v_r := v_at + 1;
        WHILE v_r <= v_len AND v_r - v_at <= 253 AND substr(p_text, v_r, 1) ~ '^[A-Za-z0-9.-]$' LOOP
            v_r := v_r + 1;
        END LOOP;
        v_local := substr(p_text, v_l + 1, v_at - v_l - 1);
        v_domain := rtrim(substr(p_text, v_at + 1, v_r - v_at - 1), '.');
        IF v_local <> '' AND strpos(v_domain, '.') > 1 THEN
            identifier_type := 'EMAIL';
            normalised_value := lower(v_local || '@' || v_domain);
            RETURN NEXT;
        END IF;
        v_r := strpos(substr(p_text, v_at + 1), '@');
        v_at := CASE WHEN v_r = 0 THEN 0 ELSE v_at + v_r END;
    END LOOP;
END
$$;

-- insert trigger of transcript_message and email_reference: index the identifiers written in the text
CREATE FUNCTION ccs_gdpr_index_text() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF TG_TABLE_NAME = 'transcript_message' THEN
        INSERT INTO gdpr_text_identifier (transcript_message_id, identifier_type, normalised_value)
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
CREATE TRIGGER trg_transcript_message_gdpr_index AFTER INSERT ON transcript_message
    FOR EACH ROW WHEN (NEW.message_text ~ '[0-9@]') EXECUTE FUNCTION ccs_gdpr_index_text();
CREATE TRIGGER trg_email_reference_gdpr_index AFTER INSERT ON email_reference
    FOR EACH ROW WHEN (NEW.subject ~ '[0-9@]') EXECUTE FUNCTION ccs_gdpr_index_text();

-- index what was stored before this migration
INSERT INTO gdpr_text_identifier (transcript_message_id, identifier_type, normalised_value)
    SELECT DISTINCT m.id, t.identifier_type, t.normalised_value
      FROM transcript_message m, ccs_gdpr_text_identifiers(m.message_text) t
     WHERE m.message_text ~ '[0-9@]' AND length(t.normalised_value) <= 254;
INSERT INTO gdpr_text_identifier (email_reference_id, identifier_type, normalised_value)
    SELECT DISTINCT e.id, t.identifier_type, t.normalised_value
      FROM email_reference e, ccs_gdpr_text_identifiers(e.subject) t
     WHERE e.subject ~ '[0-9@]' AND length(t.normalised_value) <= 254;

-- The immutability trigger of V5, narrowed for the GDPR procedures only: while one of them runs
-- (ccs.gdpr_erasing = 'on', transaction-local) an UPDATE may change the personal columns and nothing
-- else; every other UPDATE is refused as before, the owner's included.
CREATE OR REPLACE FUNCTION ccs_refuse_contact_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_personal text[];
BEGIN
    IF current_setting('ccs.gdpr_erasing', true) = 'on' THEN
        v_personal := CASE TG_TABLE_NAME
            WHEN 'contact_record' THEN ARRAY['caller_id_raw', 'caller_id_norm', 'customer_id', 'correlator_data']
            WHEN 'transcript_message' THEN ARRAY['message_text', 'sender_id']
            WHEN 'email_reference' THEN ARRAY['subject']
            ELSE ARRAY[]::text[] END;
        IF cardinality(v_personal) > 0 AND (to_jsonb(NEW) - v_personal) = (to_jsonb(OLD) - v_personal) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'contact records are immutable' USING ERRCODE = 'integrity_constraint_violation',
        DETAIL = format('UPDATE of %s refused', TG_TABLE_NAME);
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Helpers: keyed hash of the subject (HMAC-SHA-256, RFC 2104, on the built-in sha256)
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION ccs_gdpr_hmac_sha256(p_key bytea, p_message bytea) RETURNS varchar
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_key  bytea := p_key;
    v_ipad bytea;
    v_opad bytea;
BEGIN
    IF length(v_key) > 64 THEN
        v_key := sha256(v_key);
    END IF;
    v_key := v_key || decode(repeat('00', 64 - length(v_key)), 'hex');
    v_ipad := v_key;
    v_opad := v_key;
    FOR i IN 0 .. 63 LOOP
        v_ipad := set_byte(v_ipad, i, get_byte(v_key, i) # 54);  -- 0x36
        v_opad := set_byte(v_opad, i, get_byte(v_key, i) # 92);  -- 0x5c
    END LOOP;
    RETURN encode(sha256(v_opad || sha256(v_ipad || p_message)), 'hex');
END
$$;

-- hex HMAC-SHA-256 of 'TYPE:normalised value' under a site secret (hex); characters outside
-- printable ASCII (32-126) are hashed as '?', as on Informix (whose SPL cannot read the bytes of a
-- multi-byte character), so that both databases give the same hash for the same subject
CREATE FUNCTION ccs_gdpr_hash_with(p_secret_hex varchar, p_type varchar, p_value varchar) RETURNS varchar
LANGUAGE sql IMMUTABLE AS $$
    SELECT ccs_gdpr_hmac_sha256(decode($1, 'hex'), convert_to(regexp_replace($2 || ':' || $3, '[^ -~]', '?', 'g'), 'UTF8'))
$$;

-- the same under the newest active site secret (what the log is written with)
CREATE FUNCTION ccs_gdpr_subject_hash(p_type varchar, p_value varchar) RETURNS varchar
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_secret varchar;
BEGIN
    SELECT secret_hex INTO v_secret FROM gdpr_site_secret WHERE active ORDER BY created_at DESC, id DESC LIMIT 1;
    IF v_secret IS NULL THEN
        RAISE EXCEPTION 'no active GDPR site secret: create one in gdpr_site_secret first (docs/dba-gdpr.md)'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN ccs_gdpr_hash_with(v_secret, p_type, p_value);
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Helpers: the subject, the identifiers linked to it, the rows about it
-- ---------------------------------------------------------------------------------------------

-- 'type:value;type:value' -> (TYPE, normalised value); errors name the position, never the value
CREATE FUNCTION ccs_gdpr_parse(p_subject varchar)
RETURNS TABLE (identifier_type varchar, normalised_value varchar)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_item  varchar;
    v_n     integer := 0;
    v_colon integer;
    v_type  varchar;
    v_value varchar;
BEGIN
    IF p_subject IS NULL OR btrim(p_subject) = '' THEN
        RAISE EXCEPTION 'no subject: give identifiers as ''type:value;type:value'' (phone, email, customer_id, social, name, agent)'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH v_item IN ARRAY string_to_array(p_subject, ';') LOOP
        v_n := v_n + 1;
        CONTINUE WHEN btrim(v_item) = '';
        v_colon := strpos(v_item, ':');
        IF v_colon = 0 THEN
            RAISE EXCEPTION 'identifier % has no type: write type:value', v_n USING ERRCODE = 'invalid_parameter_value';
        END IF;
        v_type := upper(btrim(substr(v_item, 1, v_colon - 1)));
        v_value := btrim(substr(v_item, v_colon + 1));
        IF v_value = '' THEN
            RAISE EXCEPTION 'identifier % (%) is empty', v_n, lower(v_type) USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF v_type = 'PHONE' THEN
            v_value := ccs_gdpr_phone_norm(v_value);
            IF v_value IS NULL THEN
                RAISE EXCEPTION 'identifier % (phone) has fewer than 6 digits', v_n USING ERRCODE = 'invalid_parameter_value';
            END IF;
        ELSIF v_type IN ('EMAIL', 'SOCIAL') THEN
            v_value := lower(v_value);
        ELSIF v_type = 'NAME' THEN
            v_value := ccs_gdpr_fold(v_value);
            IF cardinality(ccs_gdpr_words(v_value)) = 0 THEN
                RAISE EXCEPTION 'identifier % (name) has no letters', v_n USING ERRCODE = 'invalid_parameter_value';
            END IF;
        ELSIF v_type NOT IN ('CUSTOMER_ID', 'AGENT') THEN
            RAISE EXCEPTION 'identifier % has an unknown type: use phone, email, customer_id, social, name or agent', v_n
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        identifier_type := v_type;
        normalised_value := v_value;
        RETURN NEXT;
    END LOOP;
END
$$;

CREATE FUNCTION ccs_gdpr_check_ref(p_request_ref varchar) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF p_request_ref IS NOT NULL AND p_request_ref !~ '^[A-Za-z0-9._/#:-]{1,64}$' THEN
        RAISE EXCEPTION 'request_ref is a case number (up to 64 letters, digits and . _ / # : -), never a name or an address'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

-- The named identifiers plus those linked to them in the 360-degree view: customers holding one of
-- the identifiers (or, for names, with that display name) lend all their identifiers; repeated until
-- nothing new (at most 3 rounds). linked = false for what the request named.
CREATE FUNCTION ccs_gdpr_identifiers(p_subject varchar)
RETURNS TABLE (identifier_type varchar, normalised_value varchar, linked boolean)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_types  varchar[];
    v_values varchar[];
    v_names  varchar[];
    v_cust   bigint[];
    v_count  integer;
BEGIN
    SELECT array_agg(p.identifier_type), array_agg(p.normalised_value)
      INTO v_types, v_values
      FROM (SELECT DISTINCT q.identifier_type, q.normalised_value FROM ccs_gdpr_parse(p_subject) q) p;
    IF v_types IS NULL THEN
        RAISE EXCEPTION 'no subject: give identifiers as ''type:value;type:value''' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_names := ARRAY(SELECT v_values[i] FROM generate_subscripts(v_types, 1) i WHERE v_types[i] = 'NAME');
    RETURN QUERY SELECT v_types[i], v_values[i], false FROM generate_subscripts(v_types, 1) i;
    FOR r IN 1 .. 3 LOOP
        v_count := cardinality(v_types);
        v_cust := ccs_gdpr_customers(v_types, v_values, v_names);
        SELECT array_agg(n.t), array_agg(n.v) INTO v_types, v_values FROM (
            SELECT DISTINCT x.t, x.v FROM (
                SELECT v_types[i] AS t, v_values[i] AS v FROM generate_subscripts(v_types, 1) i
                UNION
                SELECT ci.identifier_type,
                       CASE ci.identifier_type
                           WHEN 'PHONE' THEN '+' || ltrim(ci.normalised_value, '+')
                           WHEN 'EMAIL' THEN lower(ci.normalised_value)
                           WHEN 'SOCIAL' THEN lower(ci.normalised_value)
                           ELSE ci.normalised_value END
                  FROM customer_identifier ci
                 WHERE ci.customer_id = ANY (v_cust)) x) n;
        EXIT WHEN cardinality(v_types) = v_count;
    END LOOP;
    RETURN QUERY
        SELECT v_types[i], v_values[i], true FROM generate_subscripts(v_types, 1) i
        EXCEPT
        SELECT q.identifier_type, q.normalised_value, true FROM ccs_gdpr_parse(p_subject) q;
END
$$;

-- the values under which customer_identifier may hold identifiers of one type: phones with and
-- without '+', customer ids and social ids also in the case they may be stored in
CREATE FUNCTION ccs_gdpr_keys(p_types varchar[], p_values varchar[], p_type varchar) RETURNS varchar[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_out varchar[] := ARRAY[]::varchar[];
BEGIN
    FOR i IN 1 .. coalesce(cardinality(p_types), 0) LOOP
        CONTINUE WHEN p_types[i] <> p_type;
        v_out := v_out || p_values[i];
        IF p_type = 'PHONE' THEN
            v_out := v_out || substr(p_values[i], 2)::varchar;
        ELSIF p_type = 'CUSTOMER_ID' THEN
            v_out := v_out || upper(p_values[i])::varchar || lower(p_values[i])::varchar;
        ELSIF p_type = 'SOCIAL' THEN
            v_out := v_out || upper(p_values[i])::varchar;
        END IF;
    END LOOP;
    RETURN v_out;
END
$$;

-- the customers (360-degree view) holding one of the identifiers, or named like one of p_names;
-- every look-up goes through ix_customer_identifier_norm or ix_customer_name_fold
CREATE FUNCTION ccs_gdpr_customers(p_types varchar[], p_values varchar[], p_names varchar[]) RETURNS bigint[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_phone    varchar[] := ccs_gdpr_keys(p_types, p_values, 'PHONE');
    v_email    varchar[] := ccs_gdpr_keys(p_types, p_values, 'EMAIL');
    v_customer varchar[] := ccs_gdpr_keys(p_types, p_values, 'CUSTOMER_ID');
    v_social   varchar[] := ccs_gdpr_keys(p_types, p_values, 'SOCIAL');
BEGIN
    RETURN ARRAY(
        SELECT k.customer_id FROM customer_identifier k
         WHERE (k.identifier_type = 'PHONE' AND k.normalised_value = ANY (v_phone))
            OR (k.identifier_type = 'EMAIL' AND k.normalised_value = ANY (v_email))
            OR (k.identifier_type = 'CUSTOMER_ID' AND k.normalised_value = ANY (v_customer))
            OR (k.identifier_type = 'SOCIAL' AND k.normalised_value = ANY (v_social))
        UNION
        SELECT c.id FROM customer c WHERE ccs_gdpr_fold(c.display_name) = ANY (coalesce(p_names, ARRAY[]::varchar[])));
END
$$;

-- Every row about the subject (identifiers already expanded by ccs_gdpr_identifiers):
--   table_name, row_id, contact_id (the contact it belongs to, if any), matched_by, erase_action,
--   subject_kind (CUSTOMER: ccs_gdpr_erase acts on it; EMPLOYEE: ccs_gdpr_erase_agent does).
CREATE FUNCTION ccs_gdpr_collect(p_types varchar[], p_values varchar[])
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

    -- identifiers written inside transcripts and e-mail subjects
    INSERT INTO ccs_gdpr_text_hit
        SELECT DISTINCT CASE WHEN t.transcript_message_id IS NOT NULL THEN 'transcript_message' ELSE 'email_reference' END,
               coalesce(t.transcript_message_id, t.email_reference_id)
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
                OR (h.category = 'TRANSCRIPT' AND EXISTS (SELECT 1 FROM ccs_gdpr_hit x WHERE x.table_name = 'transcript_message'))
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
    END IF;

    RETURN QUERY
        SELECT h.table_name, h.row_id, h.contact_id, h.matched_by, h.erase_action, h.subject_kind
          FROM ccs_gdpr_hit h ORDER BY h.table_name, h.row_id, h.subject_kind;
END
$$;

-- one gdpr_request_log row per identifier (named and linked), the same counts on each
CREATE FUNCTION ccs_gdpr_log(p_procedure varchar, p_types varchar[], p_values varchar[], p_request_ref varchar,
                             p_found integer, p_erased integer, p_detail varchar) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_now timestamptz := clock_timestamp();
BEGIN
    INSERT INTO gdpr_request_log (subject_hash, procedure_name, db_user, request_ref, rows_found, rows_erased,
                                  counts_detail, executed_at)
        SELECT DISTINCT ccs_gdpr_subject_hash(p_types[i], p_values[i]), p_procedure, left(session_user, 64), p_request_ref,
               p_found, p_erased, left(p_detail, 255), v_now
          FROM generate_subscripts(p_types, 1) i;
END
$$;

-- 'table=n;table=n' from the hits (for the log: counts only, never values)
CREATE FUNCTION ccs_gdpr_counts_detail(p_tables varchar[]) RETURNS varchar
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(string_agg(t || '=' || n, ';' ORDER BY t COLLATE "C"), '')
      FROM (SELECT t, count(*) AS n FROM unnest(p_tables) t GROUP BY t) s
$$;

CREATE FUNCTION ccs_gdpr_ts(p_at timestamptz) RETURNS varchar
LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- ---------------------------------------------------------------------------------------------
-- The procedures
-- ---------------------------------------------------------------------------------------------

-- find: every row about the subject. erase_action says what ccs_gdpr_erase (CUSTOMER rows) or
-- ccs_gdpr_erase_agent (matched_by = 'agent') does with it: DELETE, ANONYMISE (personal columns
-- emptied, row kept for statistics), BLANK (the subject's words removed from somebody else's row),
-- KEEP (no personal data once the rest is gone), HOLD (an active legal hold: erasure is refused).
CREATE FUNCTION ccs_gdpr_find(p_subject varchar, p_request_ref varchar DEFAULT NULL)
RETURNS TABLE (table_name varchar, row_id bigint, contact_id bigint, matched_by varchar, erase_action varchar)
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_types  varchar[];
    v_values varchar[];
    v_tables varchar[];
BEGIN
    PERFORM ccs_gdpr_check_ref(p_request_ref);
    SELECT array_agg(i.identifier_type), array_agg(i.normalised_value) INTO v_types, v_values
      FROM ccs_gdpr_identifiers(p_subject) i;
    RETURN QUERY SELECT c.table_name, c.row_id, c.contact_id, c.matched_by, c.erase_action
                   FROM ccs_gdpr_collect(v_types, v_values) c ORDER BY c.table_name COLLATE "C", c.row_id;
    v_tables := ARRAY(SELECT h.table_name FROM ccs_gdpr_hit h);
    PERFORM ccs_gdpr_log('ccs_gdpr_find', v_types, v_values, p_request_ref, cardinality(v_tables), 0,
                         ccs_gdpr_counts_detail(v_tables));
END
$$;

-- export: the rows of ccs_gdpr_find as JSON objects, one per row, in a stable order (seq); an
-- Art. 15/20 answer is their array (json_agg(document::json ORDER BY seq)). Timestamps UTC ISO 8601.
CREATE FUNCTION ccs_gdpr_export(p_subject varchar, p_request_ref varchar DEFAULT NULL)
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
                'created_at', ccs_gdpr_ts(x.created_at))::varchar
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
CREATE FUNCTION ccs_gdpr_apply(p_procedure varchar, p_kind varchar, p_types varchar[], p_values varchar[],
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
        ELSE
            v_ids := ARRAY(SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'agent');
            v_logins := ARRAY(SELECT a.login_name FROM agent a WHERE a.id = ANY (v_ids)
                              UNION SELECT u.username FROM app_user u
                                     WHERE u.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'app_user'));
            -- historical rows name the employee by the agent's stable pseudonym from now on
            UPDATE transcript_message x SET sender_id = (SELECT a.pseudonym FROM agent a WHERE a.id = ANY (v_ids) LIMIT 1)
             WHERE x.id IN (SELECT h.row_id FROM ccs_gdpr_hit h WHERE h.table_name = 'transcript_message');
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
                                          ELSE 'caller identification and customer link removed; kept for statistics' END
                    WHEN 'BLANK' THEN CASE h.table_name
                                          WHEN 'transcript_message' THEN CASE p_kind WHEN 'EMPLOYEE' THEN 'sender replaced by the pseudonym'
                                                                        ELSE 'text replaced by [erased] in another person''s contact' END
                                          WHEN 'email_reference' THEN 'subject line removed in another person''s contact'
                                          WHEN 'consent_record' THEN 'recorded_by replaced by the pseudonym'
                                          ELSE 'link to the subject removed' END
                    ELSE 'kept: no personal data once the rest is erased' END)::varchar
          FROM ccs_gdpr_hit h
         GROUP BY h.table_name, h.erase_action
         ORDER BY h.table_name COLLATE "C", h.erase_action COLLATE "C";
END
$$;

-- erase: everything about a customer (the data subject) in one transaction (the statement's).
-- p_dry_run: the same counts, nothing changed. A subject under an active legal hold: one row
-- (legal_hold, REFUSED, n, message), nothing changed, logged. A name alone is not enough to erase.
CREATE FUNCTION ccs_gdpr_erase(p_subject varchar, p_request_ref varchar DEFAULT NULL, p_dry_run boolean DEFAULT true)
RETURNS TABLE (table_name varchar, erase_action varchar, row_count integer, note varchar)
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_types  varchar[];
    v_values varchar[];
BEGIN
    PERFORM ccs_gdpr_check_ref(p_request_ref);
    IF p_dry_run IS NULL THEN
        RAISE EXCEPTION 'p_dry_run must be true or false' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM ccs_gdpr_parse(p_subject) q WHERE q.identifier_type NOT IN ('NAME', 'AGENT')) THEN
        RAISE EXCEPTION 'a name alone is not enough to erase (several people share names): add a phone, email, customer_id or social identifier'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT array_agg(i.identifier_type), array_agg(i.normalised_value) INTO v_types, v_values
      FROM ccs_gdpr_identifiers(p_subject) i;
    PERFORM count(*) FROM ccs_gdpr_collect(v_types, v_values);
    RETURN QUERY SELECT * FROM ccs_gdpr_apply('ccs_gdpr_erase', 'CUSTOMER', v_types, v_values, p_request_ref, p_dry_run);
END
$$;

-- erase an employee (withdrawal of consent = deletion of the user): the login and user account are
-- deleted, the agent row keeps only its stable pseudonym (login_name := pseudonym, names and extension
-- emptied) so that contact records, legs and availability history still add up in reports; group
-- memberships, team-list rows and speed-list entries go; transcript senders and consent recorders
-- become the pseudonym. The audit trail is kept (accountability). p_login: agent login or user name.
CREATE FUNCTION ccs_gdpr_erase_agent(p_login varchar, p_request_ref varchar DEFAULT NULL, p_dry_run boolean DEFAULT true)
RETURNS TABLE (table_name varchar, erase_action varchar, row_count integer, note varchar)
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    v_types  varchar[] := ARRAY['AGENT']::varchar[];
    v_values varchar[];
BEGIN
    PERFORM ccs_gdpr_check_ref(p_request_ref);
    IF p_dry_run IS NULL THEN
        RAISE EXCEPTION 'p_dry_run must be true or false' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_login IS NULL OR btrim(p_login) = '' THEN
        RAISE EXCEPTION 'no login given' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_values := ARRAY[btrim(p_login)]::varchar[];
    IF NOT EXISTS (SELECT 1 FROM agent a WHERE a.login_name = v_values[1])
       AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.username = v_values[1]) THEN
        RAISE EXCEPTION 'no agent or user with that login' USING ERRCODE = 'no_data_found';
    END IF;
    PERFORM count(*) FROM ccs_gdpr_collect(v_types, v_values);
    RETURN QUERY SELECT * FROM ccs_gdpr_apply('ccs_gdpr_erase_agent', 'EMPLOYEE', v_types, v_values, p_request_ref, p_dry_run);
END
$$;

-- history: the earlier runs of the GDPR procedures about the subject (a repeated request), found by
-- the keyed hashes of its identifiers (named and linked) in gdpr_request_log, under every site
-- secret, the retired ones too; one row per run, with the identifier types that matched. Reads the
-- log only and writes nothing.
CREATE FUNCTION ccs_gdpr_history(p_subject varchar)
RETURNS TABLE (executed_at timestamptz, procedure_name varchar, db_user varchar, request_ref varchar,
               rows_found integer, rows_erased integer, counts_detail varchar, matched_by varchar)
LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    RETURN QUERY
        SELECT l.executed_at, l.procedure_name, l.db_user, l.request_ref, l.rows_found, l.rows_erased, l.counts_detail,
               string_agg(DISTINCT lower(i.identifier_type), ',' ORDER BY lower(i.identifier_type))::varchar
          FROM (SELECT x.identifier_type, ccs_gdpr_hash_with(k.secret_hex, x.identifier_type, x.normalised_value) AS h
                  FROM ccs_gdpr_identifiers(p_subject) x, gdpr_site_secret k) i
          JOIN gdpr_request_log l ON l.subject_hash = i.h
         GROUP BY l.executed_at, l.procedure_name, l.db_user, l.request_ref, l.rows_found, l.rows_erased, l.counts_detail
         ORDER BY l.executed_at, l.procedure_name COLLATE "C";
END
$$;

-- SECURITY DEFINER functions get a pinned search_path (this schema first, pg_temp last) and the
-- helpers they call run inside it; helpers are the owner's; only ccs_gdpr executes the four procedures (PUBLIC has EXECUTE on new functions by default)
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
