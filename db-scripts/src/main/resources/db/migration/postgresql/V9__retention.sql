-- CCS schema, PostgreSQL, V9: the retention purge.
--
-- Creates purge_run (one row per purge run: RUNNING, STOPPING when a manager asked it to stop,
-- STOPPED, DONE or FAILED; a run that did not finish is resumed by the next one), purge_progress
-- (per run and data category: the cutoff, the position reached in the category's time index, the
-- counts; written in the same transaction as the rows a batch deletes, so a stopped or killed run
-- resumes exactly where it stopped), the reason columns of legal_hold, the (time, id) indexes the
-- purge walks, and the purge routines:
--   ccs_purge_contact_record, ccs_purge_transcript, ccs_purge_email_reference,
--   ccs_purge_availability_history, ccs_purge_audit_trail, ccs_purge_gdpr_request_log
--       (p_run_id, p_batch_size) -> rows examined (deleted or kept under legal hold); one call is one
--       bounded batch in one transaction, taken in index order from where the last one stopped;
--       0 means the category is finished (its progress row is DONE, or HELD under a category hold).
--   ccs_contact_held (contact id, customer id) -> 1 when an active legal hold names the contact or
--       its customer; ccs_purge_customer_if_orphan (customer id) -> 1 when the customer (360-degree
--       view: identifiers, consents) was deleted because no contact record points at it any more.
--   ccs_purge_position, ccs_purge_record: the progress bookkeeping the routines share.
-- Contact records go with their legs, IVR data, transcript and e-mail reference (ON DELETE CASCADE),
-- and a customer goes with its last contact record unless a hold names it. Rows under an active
-- legal hold (on the contact, on its customer, or on the whole category) are never deleted.
-- A released hold that named a purged customer keeps its matter reference and dates; its customer
-- link is cleared (legal_hold.customer_id references customer).
--
-- Run: applied by Flyway after V8 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- The server's purge job (org.ccs.server.retention.PurgeRunner) creates the purge_run and
-- purge_progress rows and calls the routines as ccs_app with autocommit on, one call per batch:
--   SELECT ccs_purge_contact_record(42, 1000);   -- repeat until it returns 0
-- Mirrors informix/V9__retention.sql table for table and routine for routine.

ALTER TABLE legal_hold ADD COLUMN reason varchar(255);
ALTER TABLE legal_hold ADD COLUMN release_reason varchar(255);

CREATE TABLE purge_run (
    id            bigserial    PRIMARY KEY,
    status        varchar(10)  NOT NULL
        CONSTRAINT ck_purge_run_status CHECK (status IN ('RUNNING', 'STOPPING', 'STOPPED', 'DONE', 'FAILED')),
    started_at    timestamptz  NOT NULL,
    started_by    varchar(64)  NOT NULL,
    heartbeat_at  timestamptz  NOT NULL,
    finished_at   timestamptz,
    node_id       varchar(128),
    resumed_count integer      NOT NULL,
    detail        varchar(255)
);
CREATE INDEX ix_purge_run_status ON purge_run (status);
GRANT SELECT, INSERT, UPDATE, DELETE ON purge_run TO ccs_app;
GRANT USAGE ON SEQUENCE purge_run_id_seq TO ccs_app;

CREATE TABLE purge_progress (
    run_id            bigint      NOT NULL REFERENCES purge_run (id) ON DELETE CASCADE,
    category          varchar(24) NOT NULL
        CONSTRAINT ck_purge_progress_category CHECK (category IN ('CONTACT_RECORD', 'TRANSCRIPT', 'EMAIL_REFERENCE',
            'AVAILABILITY_HISTORY', 'AUDIT_TRAIL', 'GDPR_REQUEST_LOG')),
    cutoff_at         timestamptz NOT NULL,
    state             varchar(8)  NOT NULL
        CONSTRAINT ck_purge_progress_state CHECK (state IN ('PENDING', 'DONE', 'HELD')),
    last_at           timestamptz,
    last_id           bigint,
    rows_deleted      bigint      NOT NULL,
    rows_held         bigint      NOT NULL,
    customers_deleted bigint      NOT NULL,
    batches           integer     NOT NULL,
    CONSTRAINT pk_purge_progress PRIMARY KEY (run_id, category)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON purge_progress TO ccs_app;

-- the purge walks each category in (time, id) order from its last position: the composite index
-- serves that walk and everything the single-column time index served (the Manager's newest-first list)
DROP INDEX ix_contact_record_started;
CREATE INDEX ix_contact_record_started_id ON contact_record (started_at, id);
DROP INDEX ix_transcript_message_sent;
CREATE INDEX ix_transcript_message_sent_id ON transcript_message (sent_at, id);
DROP INDEX ix_email_reference_received;
CREATE INDEX ix_email_reference_received_id ON email_reference (received_at, id);

-- 1 when an active legal hold names the contact or its customer
CREATE FUNCTION ccs_contact_held(p_contact_id bigint, p_customer_id bigint) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN EXISTS (SELECT 1 FROM legal_hold h
                              WHERE h.released_at IS NULL
                                AND (h.contact_id = p_contact_id OR h.customer_id = p_customer_id))
                THEN 1 ELSE 0 END
$$;

-- deletes the customer (identifiers and consents follow by ON DELETE CASCADE) when no contact record
-- points at it any more and no active hold names it; 1 when deleted
CREATE FUNCTION ccs_purge_customer_if_orphan(p_customer_id bigint) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    IF p_customer_id IS NULL THEN
        RETURN 0;
    END IF;
    -- lock the customer first: an ingestion that links a new contact to it waits for this transaction
    PERFORM 1 FROM customer WHERE id = p_customer_id FOR UPDATE;
    IF NOT FOUND
       OR EXISTS (SELECT 1 FROM contact_record WHERE customer_id = p_customer_id)
       OR EXISTS (SELECT 1 FROM legal_hold WHERE customer_id = p_customer_id AND released_at IS NULL) THEN
        RETURN 0;
    END IF;
    UPDATE legal_hold SET customer_id = NULL WHERE customer_id = p_customer_id;
    DELETE FROM customer WHERE id = p_customer_id;
    RETURN 1;
END
$$;

-- locks the progress row of (run, category) and says where the category stands; a PENDING category
-- under an active category hold becomes HELD
CREATE FUNCTION ccs_purge_position(p_run_id bigint, p_category varchar(24),
                                   OUT o_state varchar(8), OUT o_cutoff timestamptz,
                                   OUT o_last_at timestamptz, OUT o_last_id bigint)
LANGUAGE plpgsql AS $$
BEGIN
    SELECT state, cutoff_at, last_at, last_id INTO o_state, o_cutoff, o_last_at, o_last_id
      FROM purge_progress WHERE run_id = p_run_id AND category = p_category FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no purge progress for run % and category %', p_run_id, p_category
            USING ERRCODE = 'no_data_found';
    END IF;
    IF o_state = 'PENDING' AND EXISTS (SELECT 1 FROM legal_hold
                                        WHERE released_at IS NULL AND category = p_category) THEN
        UPDATE purge_progress SET state = 'HELD' WHERE run_id = p_run_id AND category = p_category;
        o_state := 'HELD';
    END IF;
END
$$;

-- adds one batch to the progress row; p_done = 1 marks the category finished
CREATE FUNCTION ccs_purge_record(p_run_id bigint, p_category varchar(24), p_deleted integer, p_held integer,
                                 p_customers integer, p_last_at timestamptz, p_last_id bigint, p_done integer)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE purge_progress
       SET rows_deleted = rows_deleted + p_deleted,
           rows_held = rows_held + p_held,
           customers_deleted = customers_deleted + p_customers,
           batches = batches + 1,
           last_at = COALESCE(p_last_at, last_at),
           last_id = COALESCE(p_last_id, last_id),
           state = CASE WHEN p_done = 1 THEN 'DONE' ELSE state END
     WHERE run_id = p_run_id AND category = p_category;
END
$$;

CREATE FUNCTION ccs_purge_contact_record(p_run_id bigint, p_batch_size integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_state     varchar(8);
    v_cutoff    timestamptz;
    v_last_at   timestamptz;
    v_last_id   bigint;
    v_seen      integer;
    v_held      integer;
    v_deleted   integer;
    v_customers integer := 0;
    v_ids       bigint[];
    v_pos_at    timestamptz;
    v_pos_id    bigint;
    v_holds     boolean;
BEGIN
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION 'batch size must be 1 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_state, v_cutoff, v_last_at, v_last_id FROM ccs_purge_position(p_run_id, 'CONTACT_RECORD');
    IF v_state <> 'PENDING' THEN
        RETURN 0;
    END IF;
    IF v_last_at IS NULL THEN
        SELECT min(started_at) INTO v_last_at FROM contact_record;
        v_last_id := 0;
    END IF;
    -- the per-row hold check only when some hold names a contact or a customer at all
    v_holds := EXISTS (SELECT 1 FROM legal_hold WHERE released_at IS NULL
                                                AND (contact_id IS NOT NULL OR customer_id IS NOT NULL));
    WITH slice AS (
        SELECT c.id, c.started_at, c.customer_id, v_holds AND ccs_contact_held(c.id, c.customer_id) = 1 AS held
          FROM contact_record c
         WHERE c.started_at < v_cutoff AND (c.started_at, c.id) > (v_last_at, v_last_id)
         ORDER BY c.started_at, c.id
         LIMIT p_batch_size
    ), gone AS (
        DELETE FROM contact_record c USING slice s
         WHERE c.id = s.id AND NOT s.held
        RETURNING c.customer_id
    ), last_row AS (
        SELECT s.started_at, s.id FROM slice s ORDER BY s.started_at DESC, s.id DESC LIMIT 1
    )
    SELECT (SELECT count(*) FROM slice), (SELECT count(*) FROM slice WHERE held), (SELECT count(*) FROM gone),
           (SELECT array_agg(DISTINCT customer_id) FROM gone WHERE customer_id IS NOT NULL),
           (SELECT started_at FROM last_row), (SELECT id FROM last_row)
      INTO v_seen, v_held, v_deleted, v_ids, v_pos_at, v_pos_id;
    IF v_ids IS NOT NULL THEN
        SELECT COALESCE(sum(ccs_purge_customer_if_orphan(x)), 0) INTO v_customers FROM unnest(v_ids) AS x;
    END IF;
    PERFORM ccs_purge_record(p_run_id, 'CONTACT_RECORD', v_deleted, v_held, v_customers, v_pos_at, v_pos_id,
                             CASE WHEN v_seen < p_batch_size THEN 1 ELSE 0 END);
    RETURN v_seen;
END
$$;

CREATE FUNCTION ccs_purge_transcript(p_run_id bigint, p_batch_size integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_state   varchar(8);
    v_cutoff  timestamptz;
    v_last_at timestamptz;
    v_last_id bigint;
    v_seen    integer;
    v_held    integer;
    v_deleted integer;
    v_pos_at  timestamptz;
    v_pos_id  bigint;
    v_holds   boolean;
BEGIN
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION 'batch size must be 1 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_state, v_cutoff, v_last_at, v_last_id FROM ccs_purge_position(p_run_id, 'TRANSCRIPT');
    IF v_state <> 'PENDING' THEN
        RETURN 0;
    END IF;
    IF v_last_at IS NULL THEN
        SELECT min(sent_at) INTO v_last_at FROM transcript_message;
        v_last_id := 0;
    END IF;
    -- the per-row hold check only when some hold names a contact or a customer at all
    v_holds := EXISTS (SELECT 1 FROM legal_hold WHERE released_at IS NULL
                                                AND (contact_id IS NOT NULL OR customer_id IS NOT NULL));
    WITH slice AS (
        SELECT t.id, t.sent_at,
               v_holds AND ccs_contact_held(t.contact_id,
                   (SELECT c.customer_id FROM contact_record c WHERE c.id = t.contact_id)) = 1 AS held
          FROM transcript_message t
         WHERE t.sent_at < v_cutoff AND (t.sent_at, t.id) > (v_last_at, v_last_id)
         ORDER BY t.sent_at, t.id
         LIMIT p_batch_size
    ), gone AS (
        DELETE FROM transcript_message t USING slice s
         WHERE t.id = s.id AND NOT s.held
        RETURNING t.id
    ), last_row AS (
        SELECT s.sent_at, s.id FROM slice s ORDER BY s.sent_at DESC, s.id DESC LIMIT 1
    )
    SELECT (SELECT count(*) FROM slice), (SELECT count(*) FROM slice WHERE held), (SELECT count(*) FROM gone),
           (SELECT sent_at FROM last_row), (SELECT id FROM last_row)
      INTO v_seen, v_held, v_deleted, v_pos_at, v_pos_id;
    PERFORM ccs_purge_record(p_run_id, 'TRANSCRIPT', v_deleted, v_held, 0, v_pos_at, v_pos_id,
                             CASE WHEN v_seen < p_batch_size THEN 1 ELSE 0 END);
    RETURN v_seen;
END
$$;

CREATE FUNCTION ccs_purge_email_reference(p_run_id bigint, p_batch_size integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_state   varchar(8);
    v_cutoff  timestamptz;
    v_last_at timestamptz;
    v_last_id bigint;
    v_seen    integer;
    v_held    integer;
    v_deleted integer;
    v_pos_at  timestamptz;
    v_pos_id  bigint;
    v_holds   boolean;
BEGIN
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION 'batch size must be 1 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_state, v_cutoff, v_last_at, v_last_id FROM ccs_purge_position(p_run_id, 'EMAIL_REFERENCE');
    IF v_state <> 'PENDING' THEN
        RETURN 0;
    END IF;
    IF v_last_at IS NULL THEN
        SELECT min(received_at) INTO v_last_at FROM email_reference;
        v_last_id := 0;
    END IF;
    -- the per-row hold check only when some hold names a contact or a customer at all
    v_holds := EXISTS (SELECT 1 FROM legal_hold WHERE released_at IS NULL
                                                AND (contact_id IS NOT NULL OR customer_id IS NOT NULL));
    WITH slice AS (
        SELECT e.id, e.received_at,
               v_holds AND ccs_contact_held(e.contact_id,
                   (SELECT c.customer_id FROM contact_record c WHERE c.id = e.contact_id)) = 1 AS held
          FROM email_reference e
         WHERE e.received_at < v_cutoff AND (e.received_at, e.id) > (v_last_at, v_last_id)
         ORDER BY e.received_at, e.id
         LIMIT p_batch_size
    ), gone AS (
        DELETE FROM email_reference e USING slice s
         WHERE e.id = s.id AND NOT s.held
        RETURNING e.id
    ), last_row AS (
        SELECT s.received_at, s.id FROM slice s ORDER BY s.received_at DESC, s.id DESC LIMIT 1
    )
    SELECT (SELECT count(*) FROM slice), (SELECT count(*) FROM slice WHERE held), (SELECT count(*) FROM gone),
           (SELECT received_at FROM last_row), (SELECT id FROM last_row)
      INTO v_seen, v_held, v_deleted, v_pos_at, v_pos_id;
    PERFORM ccs_purge_record(p_run_id, 'EMAIL_REFERENCE', v_deleted, v_held, 0, v_pos_at, v_pos_id,
                             CASE WHEN v_seen < p_batch_size THEN 1 ELSE 0 END);
    RETURN v_seen;
END
$$;

-- the three categories below are held only as a whole (a category hold): every row past the cutoff
-- goes, oldest first, so no position is needed
CREATE FUNCTION ccs_purge_availability_history(p_run_id bigint, p_batch_size integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_state   varchar(8);
    v_cutoff  timestamptz;
    v_last_at timestamptz;
    v_last_id bigint;
    v_deleted integer;
BEGIN
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION 'batch size must be 1 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_state, v_cutoff, v_last_at, v_last_id FROM ccs_purge_position(p_run_id, 'AVAILABILITY_HISTORY');
    IF v_state <> 'PENDING' THEN
        RETURN 0;
    END IF;
    WITH slice AS (
        SELECT id FROM agent_state_history WHERE entered_at < v_cutoff ORDER BY entered_at LIMIT p_batch_size
    )
    DELETE FROM agent_state_history a USING slice s WHERE a.id = s.id;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    PERFORM ccs_purge_record(p_run_id, 'AVAILABILITY_HISTORY', v_deleted, 0, 0, NULL, NULL,
                             CASE WHEN v_deleted < p_batch_size THEN 1 ELSE 0 END);
    RETURN v_deleted;
END
$$;

CREATE FUNCTION ccs_purge_audit_trail(p_run_id bigint, p_batch_size integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_state   varchar(8);
    v_cutoff  timestamptz;
    v_last_at timestamptz;
    v_last_id bigint;
    v_deleted integer;
BEGIN
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION 'batch size must be 1 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_state, v_cutoff, v_last_at, v_last_id FROM ccs_purge_position(p_run_id, 'AUDIT_TRAIL');
    IF v_state <> 'PENDING' THEN
        RETURN 0;
    END IF;
    WITH slice AS (
        SELECT id FROM audit_entry WHERE occurred_at < v_cutoff ORDER BY occurred_at LIMIT p_batch_size
    )
    DELETE FROM audit_entry a USING slice s WHERE a.id = s.id;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    PERFORM ccs_purge_record(p_run_id, 'AUDIT_TRAIL', v_deleted, 0, 0, NULL, NULL,
                             CASE WHEN v_deleted < p_batch_size THEN 1 ELSE 0 END);
    RETURN v_deleted;
END
$$;

CREATE FUNCTION ccs_purge_gdpr_request_log(p_run_id bigint, p_batch_size integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_state   varchar(8);
    v_cutoff  timestamptz;
    v_last_at timestamptz;
    v_last_id bigint;
    v_deleted integer;
BEGIN
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION 'batch size must be 1 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_state, v_cutoff, v_last_at, v_last_id FROM ccs_purge_position(p_run_id, 'GDPR_REQUEST_LOG');
    IF v_state <> 'PENDING' THEN
        RETURN 0;
    END IF;
    WITH slice AS (
        SELECT id FROM gdpr_request_log WHERE executed_at < v_cutoff ORDER BY executed_at LIMIT p_batch_size
    )
    DELETE FROM gdpr_request_log g USING slice s WHERE g.id = s.id;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    PERFORM ccs_purge_record(p_run_id, 'GDPR_REQUEST_LOG', v_deleted, 0, 0, NULL, NULL,
                             CASE WHEN v_deleted < p_batch_size THEN 1 ELSE 0 END);
    RETURN v_deleted;
END
$$;

-- functions are executable by PUBLIC by default: only the application role may run the purge
REVOKE EXECUTE ON FUNCTION ccs_contact_held(bigint, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_customer_if_orphan(bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_position(bigint, varchar) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_record(bigint, varchar, integer, integer, integer, timestamptz, bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_contact_record(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_transcript(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_email_reference(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_availability_history(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_audit_trail(bigint, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_gdpr_request_log(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ccs_contact_held(bigint, bigint) TO ccs_app, ccs_gdpr;
GRANT EXECUTE ON FUNCTION ccs_purge_customer_if_orphan(bigint) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_position(bigint, varchar) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_record(bigint, varchar, integer, integer, integer, timestamptz, bigint, integer) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_contact_record(bigint, integer) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_transcript(bigint, integer) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_email_reference(bigint, integer) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_availability_history(bigint, integer) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_audit_trail(bigint, integer) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_gdpr_request_log(bigint, integer) TO ccs_app;
