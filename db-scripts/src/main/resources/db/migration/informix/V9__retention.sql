-- CCS schema, Informix, V9: the retention purge.
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
--       bounded batch: a FOREACH ... WITH HOLD cursor walks the category's index from where the last
--       batch stopped, deletes row by row and commits after p_batch_size rows together with the
--       progress row (BEGIN WORK/COMMIT WORK inside: call it with autocommit on, never from inside
--       another statement or transaction); 0 means the category is finished (its progress row is
--       DONE, or HELD under a category hold). FIRST/LIMIT are not allowed in subqueries: the batch is
--       bounded by the cursor loop.
--   ccs_contact_held (contact id, customer id) -> 1 when an active legal hold names the contact or
--       its customer; ccs_purge_customer_if_orphan (customer id) -> 1 when the customer (360-degree
--       view: identifiers, consents) was deleted because no contact record points at it any more.
--   ccs_purge_position, ccs_purge_record, ccs_purge_contact_row: bookkeeping the routines share.
-- Contact records go with their legs, IVR data, transcript and e-mail reference (ON DELETE CASCADE),
-- and a customer goes with its last contact record unless a hold names it. Rows under an active
-- legal hold (on the contact, on its customer, or on the whole category) are never deleted.
-- A released hold that named a purged customer keeps its matter reference and dates; its customer
-- link is cleared (legal_hold.customer_id references customer).
-- PUBLIC gets EXECUTE on new routines in a non-ANSI database: revoked below, granted to ccs_app. The
-- routines are owner-privileged (not DBA): they run with the caller's privileges, which ccs_app has.
-- Informix indexes foreign keys itself: no twin index for purge_progress.run_id.
--
-- Run: applied by Flyway after V8 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- The server's purge job (org.ccs.server.retention.PurgeRunner) creates the purge_run and
-- purge_progress rows and calls the routines as ccs_app with autocommit on, one call per batch:
--   EXECUTE FUNCTION ccs_purge_contact_record(42, 1000);   -- repeat until it returns 0
-- Mirrors postgresql/V9__retention.sql table for table and routine for routine.

ALTER TABLE legal_hold ADD (reason VARCHAR(255), release_reason VARCHAR(255));

CREATE TABLE purge_run (
    id            BIGSERIAL    PRIMARY KEY,
    status        VARCHAR(10)  NOT NULL
        CHECK (status IN ('RUNNING', 'STOPPING', 'STOPPED', 'DONE', 'FAILED')) CONSTRAINT ck_purge_run_status,
    started_at    DATETIME YEAR TO FRACTION(3) NOT NULL,
    started_by    VARCHAR(64)  NOT NULL,
    heartbeat_at  DATETIME YEAR TO FRACTION(3) NOT NULL,
    finished_at   DATETIME YEAR TO FRACTION(3),
    node_id       VARCHAR(128),
    resumed_count INTEGER      NOT NULL,
    detail        VARCHAR(255)
);
CREATE INDEX ix_purge_run_status ON purge_run (status);
GRANT SELECT, INSERT, UPDATE, DELETE ON purge_run TO ccs_app;

CREATE TABLE purge_progress (
    run_id            BIGINT      NOT NULL REFERENCES purge_run (id) ON DELETE CASCADE,
    category          VARCHAR(24) NOT NULL
        CHECK (category IN ('CONTACT_RECORD', 'TRANSCRIPT', 'EMAIL_REFERENCE',
            'AVAILABILITY_HISTORY', 'AUDIT_TRAIL', 'GDPR_REQUEST_LOG')) CONSTRAINT ck_purge_progress_category,
    cutoff_at         DATETIME YEAR TO FRACTION(3) NOT NULL,
    state             VARCHAR(8)  NOT NULL
        CHECK (state IN ('PENDING', 'DONE', 'HELD')) CONSTRAINT ck_purge_progress_state,
    last_at           DATETIME YEAR TO FRACTION(3),
    last_id           BIGINT,
    rows_deleted      BIGINT      NOT NULL,
    rows_held         BIGINT      NOT NULL,
    customers_deleted BIGINT      NOT NULL,
    batches           INTEGER     NOT NULL,
    PRIMARY KEY (run_id, category) CONSTRAINT pk_purge_progress
);
GRANT SELECT, INSERT, UPDATE, DELETE ON purge_progress TO ccs_app;

-- the purge walks each category in (time, id) order from its last position: the composite index
-- serves that walk (no sort) and everything the single-column time index served
DROP INDEX ix_contact_record_started;
CREATE INDEX ix_contact_record_started_id ON contact_record (started_at, id);
DROP INDEX ix_transcript_message_sent;
CREATE INDEX ix_transcript_message_sent_id ON transcript_message (sent_at, id);
DROP INDEX ix_email_reference_received;
CREATE INDEX ix_email_reference_received_id ON email_reference (received_at, id);

-- 1 when an active legal hold names the contact or its customer
CREATE FUNCTION ccs_contact_held(p_contact_id BIGINT, p_customer_id BIGINT)
    RETURNING INTEGER AS held;
    DEFINE v_n INTEGER;
    SELECT COUNT(*) INTO v_n FROM legal_hold
     WHERE released_at IS NULL AND (contact_id = p_contact_id OR customer_id = p_customer_id);
    IF v_n > 0 THEN
        RETURN 1;
    END IF;
    RETURN 0;
END FUNCTION;

-- deletes the customer (identifiers and consents follow by ON DELETE CASCADE) when no contact record
-- points at it any more and no active hold names it; 1 when deleted. Runs inside the caller's transaction.
CREATE FUNCTION ccs_purge_customer_if_orphan(p_customer_id BIGINT)
    RETURNING INTEGER AS customers_deleted;
    DEFINE v_n INTEGER;
    IF p_customer_id IS NULL THEN
        RETURN 0;
    END IF;
    SELECT COUNT(*) INTO v_n FROM contact_record WHERE customer_id = p_customer_id;
    IF v_n > 0 THEN
        RETURN 0;
    END IF;
    SELECT COUNT(*) INTO v_n FROM legal_hold WHERE customer_id = p_customer_id AND released_at IS NULL;
    IF v_n > 0 THEN
        RETURN 0;
    END IF;
    UPDATE legal_hold SET customer_id = NULL WHERE customer_id = p_customer_id;
    DELETE FROM customer WHERE id = p_customer_id;
    RETURN 1;
END FUNCTION;

-- where the category of a run stands; a PENDING category under an active category hold becomes HELD.
-- Runs inside the caller's transaction.
CREATE FUNCTION ccs_purge_position(p_run_id BIGINT, p_category VARCHAR(24))
    RETURNING VARCHAR(8) AS state, DATETIME YEAR TO FRACTION(3) AS cutoff_at,
              DATETIME YEAR TO FRACTION(3) AS last_at, BIGINT AS last_id;
    DEFINE v_state   VARCHAR(8);
    DEFINE v_cutoff  DATETIME YEAR TO FRACTION(3);
    DEFINE v_last_at DATETIME YEAR TO FRACTION(3);
    DEFINE v_last_id BIGINT;
    DEFINE v_n       INTEGER;
    LET v_state = NULL;
    LET v_cutoff = NULL;
    LET v_last_at = NULL;
    LET v_last_id = NULL;
    SELECT state, cutoff_at, last_at, last_id INTO v_state, v_cutoff, v_last_at, v_last_id
      FROM purge_progress WHERE run_id = p_run_id AND category = p_category;
    IF v_state IS NULL THEN
        RAISE EXCEPTION -746, 0, 'no purge progress for this run and category';
    END IF;
    IF v_state = 'PENDING' THEN
        SELECT COUNT(*) INTO v_n FROM legal_hold WHERE released_at IS NULL AND category = p_category;
        IF v_n > 0 THEN
            UPDATE purge_progress SET state = 'HELD' WHERE run_id = p_run_id AND category = p_category;
            LET v_state = 'HELD';
        END IF;
    END IF;
    RETURN v_state, v_cutoff, v_last_at, v_last_id;
END FUNCTION;

-- adds one batch to the progress row; p_done = 1 marks the category finished. Inside the caller's transaction.
CREATE PROCEDURE ccs_purge_record(p_run_id BIGINT, p_category VARCHAR(24), p_deleted INTEGER, p_held INTEGER,
                                  p_customers INTEGER, p_last_at DATETIME YEAR TO FRACTION(3), p_last_id BIGINT,
                                  p_done INTEGER)
    UPDATE purge_progress
       SET rows_deleted = rows_deleted + p_deleted,
           rows_held = rows_held + p_held,
           customers_deleted = customers_deleted + p_customers,
           batches = batches + 1,
           last_at = NVL(p_last_at, last_at),
           last_id = NVL(p_last_id, last_id)
     WHERE run_id = p_run_id AND category = p_category;
    IF p_done = 1 THEN
        UPDATE purge_progress SET state = 'DONE' WHERE run_id = p_run_id AND category = p_category;
    END IF;
END PROCEDURE;

-- one contact record: kept when held (returns 0, 0), else deleted with what hangs on it (1, and 1
-- more when its customer went with it). Inside the caller's transaction.
CREATE FUNCTION ccs_purge_contact_row(p_contact_id BIGINT, p_customer_id BIGINT)
    RETURNING INTEGER AS deleted, INTEGER AS customers_deleted;
    DEFINE v_held INTEGER;
    DEFINE v_gone INTEGER;
    CALL ccs_contact_held(p_contact_id, p_customer_id) RETURNING v_held;
    IF v_held = 1 THEN
        RETURN 0, 0;
    END IF;
    DELETE FROM contact_record WHERE id = p_contact_id;
    CALL ccs_purge_customer_if_orphan(p_customer_id) RETURNING v_gone;
    RETURN 1, v_gone;
END FUNCTION;

CREATE FUNCTION ccs_purge_contact_record(p_run_id BIGINT, p_batch_size INTEGER)
    RETURNING INTEGER AS rows_examined;
    DEFINE v_state     VARCHAR(8);
    DEFINE v_cutoff    DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_at   DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_id   BIGINT;
    DEFINE v_id        BIGINT;
    DEFINE v_at        DATETIME YEAR TO FRACTION(3);
    DEFINE v_customer  BIGINT;
    DEFINE v_gone      INTEGER;
    DEFINE v_cust_gone INTEGER;
    DEFINE v_seen      INTEGER;
    DEFINE v_deleted   INTEGER;
    DEFINE v_customers INTEGER;
    DEFINE v_full      INTEGER;
    DEFINE v_sql       INTEGER;
    DEFINE v_isam      INTEGER;
    DEFINE v_msg       VARCHAR(255);

    ON EXCEPTION SET v_sql, v_isam, v_msg
        ROLLBACK WORK;
        RAISE EXCEPTION v_sql, v_isam, v_msg;
    END EXCEPTION;

    BEGIN WORK;
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION -746, 0, 'batch size must be 1 or more';
    END IF;
    LET v_seen = 0;
    LET v_deleted = 0;
    LET v_customers = 0;
    LET v_full = 0;
    LET v_id = NULL;
    LET v_at = NULL;
    CALL ccs_purge_position(p_run_id, 'CONTACT_RECORD') RETURNING v_state, v_cutoff, v_from_at, v_from_id;
    IF v_state <> 'PENDING' THEN
        COMMIT WORK;
        RETURN 0;
    END IF;
    IF v_from_at IS NULL THEN
        SELECT MIN(started_at) INTO v_from_at FROM contact_record;
        LET v_from_id = 0;
    END IF;
    IF v_from_at IS NOT NULL THEN
        -- first the rows that share the time of the last position, then the later ones (both walk
        -- ix_contact_record_started_id)
        FOREACH c_contact_tie WITH HOLD FOR
            SELECT /*+ INDEX(contact_record ix_contact_record_started_id) */ id, started_at, customer_id INTO v_id, v_at, v_customer
              FROM contact_record
             WHERE started_at = v_from_at AND started_at < v_cutoff AND id > v_from_id
             ORDER BY started_at, id
            LET v_seen = v_seen + 1;
            CALL ccs_purge_contact_row(v_id, v_customer) RETURNING v_gone, v_cust_gone;
            LET v_deleted = v_deleted + v_gone;
            LET v_customers = v_customers + v_cust_gone;
            IF v_seen >= p_batch_size THEN
                LET v_full = 1;
                CALL ccs_purge_record(p_run_id, 'CONTACT_RECORD', v_deleted, v_seen - v_deleted, v_customers,
                                      v_at, v_id, 0);
                COMMIT WORK;
                EXIT FOREACH;
            END IF;
        END FOREACH;
        IF v_full = 0 THEN
            FOREACH c_contact_next WITH HOLD FOR
                SELECT /*+ INDEX(contact_record ix_contact_record_started_id) */ id, started_at, customer_id INTO v_id, v_at, v_customer
                  FROM contact_record
                 WHERE started_at > v_from_at AND started_at < v_cutoff
                 ORDER BY started_at, id
                LET v_seen = v_seen + 1;
                CALL ccs_purge_contact_row(v_id, v_customer) RETURNING v_gone, v_cust_gone;
                LET v_deleted = v_deleted + v_gone;
                LET v_customers = v_customers + v_cust_gone;
                IF v_seen >= p_batch_size THEN
                    LET v_full = 1;
                    CALL ccs_purge_record(p_run_id, 'CONTACT_RECORD', v_deleted, v_seen - v_deleted, v_customers,
                                          v_at, v_id, 0);
                    COMMIT WORK;
                    EXIT FOREACH;
                END IF;
            END FOREACH;
        END IF;
    END IF;
    IF v_full = 0 THEN
        CALL ccs_purge_record(p_run_id, 'CONTACT_RECORD', v_deleted, v_seen - v_deleted, v_customers, v_at, v_id, 1);
        COMMIT WORK;
    END IF;
    RETURN v_seen;
END FUNCTION;

CREATE FUNCTION ccs_purge_transcript(p_run_id BIGINT, p_batch_size INTEGER)
    RETURNING INTEGER AS rows_examined;
    DEFINE v_state    VARCHAR(8);
    DEFINE v_cutoff   DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_at  DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_id  BIGINT;
    DEFINE v_id       BIGINT;
    DEFINE v_at       DATETIME YEAR TO FRACTION(3);
    DEFINE v_contact  BIGINT;
    DEFINE v_customer BIGINT;
    DEFINE v_held     INTEGER;
    DEFINE v_seen     INTEGER;
    DEFINE v_deleted  INTEGER;
    DEFINE v_full     INTEGER;
    DEFINE v_sql      INTEGER;
    DEFINE v_isam     INTEGER;
    DEFINE v_msg      VARCHAR(255);

    ON EXCEPTION SET v_sql, v_isam, v_msg
        ROLLBACK WORK;
        RAISE EXCEPTION v_sql, v_isam, v_msg;
    END EXCEPTION;

    BEGIN WORK;
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION -746, 0, 'batch size must be 1 or more';
    END IF;
    LET v_seen = 0;
    LET v_deleted = 0;
    LET v_full = 0;
    LET v_id = NULL;
    LET v_at = NULL;
    CALL ccs_purge_position(p_run_id, 'TRANSCRIPT') RETURNING v_state, v_cutoff, v_from_at, v_from_id;
    IF v_state <> 'PENDING' THEN
        COMMIT WORK;
        RETURN 0;
    END IF;
    IF v_from_at IS NULL THEN
        SELECT MIN(sent_at) INTO v_from_at FROM transcript_message;
        LET v_from_id = 0;
    END IF;
    IF v_from_at IS NOT NULL THEN
        FOREACH c_transcript_tie WITH HOLD FOR
            SELECT /*+ INDEX(transcript_message ix_transcript_message_sent_id) */ id, sent_at, contact_id INTO v_id, v_at, v_contact
              FROM transcript_message
             WHERE sent_at = v_from_at AND sent_at < v_cutoff AND id > v_from_id
             ORDER BY sent_at, id
            LET v_seen = v_seen + 1;
            LET v_customer = NULL;
            SELECT customer_id INTO v_customer FROM contact_record WHERE id = v_contact;
            CALL ccs_contact_held(v_contact, v_customer) RETURNING v_held;
            IF v_held = 0 THEN
                DELETE FROM transcript_message WHERE id = v_id;
                LET v_deleted = v_deleted + 1;
            END IF;
            IF v_seen >= p_batch_size THEN
                LET v_full = 1;
                CALL ccs_purge_record(p_run_id, 'TRANSCRIPT', v_deleted, v_seen - v_deleted, 0, v_at, v_id, 0);
                COMMIT WORK;
                EXIT FOREACH;
            END IF;
        END FOREACH;
        IF v_full = 0 THEN
            FOREACH c_transcript_next WITH HOLD FOR
                SELECT /*+ INDEX(transcript_message ix_transcript_message_sent_id) */ id, sent_at, contact_id INTO v_id, v_at, v_contact
                  FROM transcript_message
                 WHERE sent_at > v_from_at AND sent_at < v_cutoff
                 ORDER BY sent_at, id
                LET v_seen = v_seen + 1;
                LET v_customer = NULL;
                SELECT customer_id INTO v_customer FROM contact_record WHERE id = v_contact;
                CALL ccs_contact_held(v_contact, v_customer) RETURNING v_held;
                IF v_held = 0 THEN
                    DELETE FROM transcript_message WHERE id = v_id;
                    LET v_deleted = v_deleted + 1;
                END IF;
                IF v_seen >= p_batch_size THEN
                    LET v_full = 1;
                    CALL ccs_purge_record(p_run_id, 'TRANSCRIPT', v_deleted, v_seen - v_deleted, 0, v_at, v_id, 0);
                    COMMIT WORK;
                    EXIT FOREACH;
                END IF;
            END FOREACH;
        END IF;
    END IF;
    IF v_full = 0 THEN
        CALL ccs_purge_record(p_run_id, 'TRANSCRIPT', v_deleted, v_seen - v_deleted, 0, v_at, v_id, 1);
        COMMIT WORK;
    END IF;
    RETURN v_seen;
END FUNCTION;

CREATE FUNCTION ccs_purge_email_reference(p_run_id BIGINT, p_batch_size INTEGER)
    RETURNING INTEGER AS rows_examined;
    DEFINE v_state    VARCHAR(8);
    DEFINE v_cutoff   DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_at  DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_id  BIGINT;
    DEFINE v_id       BIGINT;
    DEFINE v_at       DATETIME YEAR TO FRACTION(3);
    DEFINE v_contact  BIGINT;
    DEFINE v_customer BIGINT;
    DEFINE v_held     INTEGER;
    DEFINE v_seen     INTEGER;
    DEFINE v_deleted  INTEGER;
    DEFINE v_full     INTEGER;
    DEFINE v_sql      INTEGER;
    DEFINE v_isam     INTEGER;
    DEFINE v_msg      VARCHAR(255);

    ON EXCEPTION SET v_sql, v_isam, v_msg
        ROLLBACK WORK;
        RAISE EXCEPTION v_sql, v_isam, v_msg;
    END EXCEPTION;

    BEGIN WORK;
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION -746, 0, 'batch size must be 1 or more';
    END IF;
    LET v_seen = 0;
    LET v_deleted = 0;
    LET v_full = 0;
    LET v_id = NULL;
    LET v_at = NULL;
    CALL ccs_purge_position(p_run_id, 'EMAIL_REFERENCE') RETURNING v_state, v_cutoff, v_from_at, v_from_id;
    IF v_state <> 'PENDING' THEN
        COMMIT WORK;
        RETURN 0;
    END IF;
    IF v_from_at IS NULL THEN
        SELECT MIN(received_at) INTO v_from_at FROM email_reference;
        LET v_from_id = 0;
    END IF;
    IF v_from_at IS NOT NULL THEN
        FOREACH c_email_tie WITH HOLD FOR
            SELECT /*+ INDEX(email_reference ix_email_reference_received_id) */ id, received_at, contact_id INTO v_id, v_at, v_contact
              FROM email_reference
             WHERE received_at = v_from_at AND received_at < v_cutoff AND id > v_from_id
             ORDER BY received_at, id
            LET v_seen = v_seen + 1;
            LET v_customer = NULL;
            SELECT customer_id INTO v_customer FROM contact_record WHERE id = v_contact;
            CALL ccs_contact_held(v_contact, v_customer) RETURNING v_held;
            IF v_held = 0 THEN
                DELETE FROM email_reference WHERE id = v_id;
                LET v_deleted = v_deleted + 1;
            END IF;
            IF v_seen >= p_batch_size THEN
                LET v_full = 1;
                CALL ccs_purge_record(p_run_id, 'EMAIL_REFERENCE', v_deleted, v_seen - v_deleted, 0, v_at, v_id, 0);
                COMMIT WORK;
                EXIT FOREACH;
            END IF;
        END FOREACH;
        IF v_full = 0 THEN
            FOREACH c_email_next WITH HOLD FOR
                SELECT /*+ INDEX(email_reference ix_email_reference_received_id) */ id, received_at, contact_id INTO v_id, v_at, v_contact
                  FROM email_reference
                 WHERE received_at > v_from_at AND received_at < v_cutoff
                 ORDER BY received_at, id
                LET v_seen = v_seen + 1;
                LET v_customer = NULL;
                SELECT customer_id INTO v_customer FROM contact_record WHERE id = v_contact;
                CALL ccs_contact_held(v_contact, v_customer) RETURNING v_held;
                IF v_held = 0 THEN
                    DELETE FROM email_reference WHERE id = v_id;
                    LET v_deleted = v_deleted + 1;
                END IF;
                IF v_seen >= p_batch_size THEN
                    LET v_full = 1;
                    CALL ccs_purge_record(p_run_id, 'EMAIL_REFERENCE', v_deleted, v_seen - v_deleted, 0, v_at, v_id, 0);
                    COMMIT WORK;
                    EXIT FOREACH;
                END IF;
            END FOREACH;
        END IF;
    END IF;
    IF v_full = 0 THEN
        CALL ccs_purge_record(p_run_id, 'EMAIL_REFERENCE', v_deleted, v_seen - v_deleted, 0, v_at, v_id, 1);
        COMMIT WORK;
    END IF;
    RETURN v_seen;
END FUNCTION;

-- the three categories below are held only as a whole (a category hold): every row past the cutoff
-- goes, oldest first, so no position is needed
CREATE FUNCTION ccs_purge_availability_history(p_run_id BIGINT, p_batch_size INTEGER)
    RETURNING INTEGER AS rows_examined;
    DEFINE v_state   VARCHAR(8);
    DEFINE v_cutoff  DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_at DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_id BIGINT;
    DEFINE v_id      BIGINT;
    DEFINE v_deleted INTEGER;
    DEFINE v_full    INTEGER;
    DEFINE v_sql     INTEGER;
    DEFINE v_isam    INTEGER;
    DEFINE v_msg     VARCHAR(255);

    ON EXCEPTION SET v_sql, v_isam, v_msg
        ROLLBACK WORK;
        RAISE EXCEPTION v_sql, v_isam, v_msg;
    END EXCEPTION;

    BEGIN WORK;
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION -746, 0, 'batch size must be 1 or more';
    END IF;
    LET v_deleted = 0;
    LET v_full = 0;
    CALL ccs_purge_position(p_run_id, 'AVAILABILITY_HISTORY') RETURNING v_state, v_cutoff, v_from_at, v_from_id;
    IF v_state <> 'PENDING' THEN
        COMMIT WORK;
        RETURN 0;
    END IF;
    FOREACH c_state_history WITH HOLD FOR
        SELECT /*+ INDEX(agent_state_history ix_agent_state_history_entered) */ id INTO v_id FROM agent_state_history WHERE entered_at < v_cutoff ORDER BY entered_at
        DELETE FROM agent_state_history WHERE id = v_id;
        LET v_deleted = v_deleted + 1;
        IF v_deleted >= p_batch_size THEN
            LET v_full = 1;
            CALL ccs_purge_record(p_run_id, 'AVAILABILITY_HISTORY', v_deleted, 0, 0, NULL, NULL, 0);
            COMMIT WORK;
            EXIT FOREACH;
        END IF;
    END FOREACH;
    IF v_full = 0 THEN
        CALL ccs_purge_record(p_run_id, 'AVAILABILITY_HISTORY', v_deleted, 0, 0, NULL, NULL, 1);
        COMMIT WORK;
    END IF;
    RETURN v_deleted;
END FUNCTION;

CREATE FUNCTION ccs_purge_audit_trail(p_run_id BIGINT, p_batch_size INTEGER)
    RETURNING INTEGER AS rows_examined;
    DEFINE v_state   VARCHAR(8);
    DEFINE v_cutoff  DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_at DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_id BIGINT;
    DEFINE v_id      BIGINT;
    DEFINE v_deleted INTEGER;
    DEFINE v_full    INTEGER;
    DEFINE v_sql     INTEGER;
    DEFINE v_isam    INTEGER;
    DEFINE v_msg     VARCHAR(255);

    ON EXCEPTION SET v_sql, v_isam, v_msg
        ROLLBACK WORK;
        RAISE EXCEPTION v_sql, v_isam, v_msg;
    END EXCEPTION;

    BEGIN WORK;
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION -746, 0, 'batch size must be 1 or more';
    END IF;
    LET v_deleted = 0;
    LET v_full = 0;
    CALL ccs_purge_position(p_run_id, 'AUDIT_TRAIL') RETURNING v_state, v_cutoff, v_from_at, v_from_id;
    IF v_state <> 'PENDING' THEN
        COMMIT WORK;
        RETURN 0;
    END IF;
    FOREACH c_audit WITH HOLD FOR
        SELECT /*+ INDEX(audit_entry ix_audit_entry_occurred) */ id INTO v_id FROM audit_entry WHERE occurred_at < v_cutoff ORDER BY occurred_at
        DELETE FROM audit_entry WHERE id = v_id;
        LET v_deleted = v_deleted + 1;
        IF v_deleted >= p_batch_size THEN
            LET v_full = 1;
            CALL ccs_purge_record(p_run_id, 'AUDIT_TRAIL', v_deleted, 0, 0, NULL, NULL, 0);
            COMMIT WORK;
            EXIT FOREACH;
        END IF;
    END FOREACH;
    IF v_full = 0 THEN
        CALL ccs_purge_record(p_run_id, 'AUDIT_TRAIL', v_deleted, 0, 0, NULL, NULL, 1);
        COMMIT WORK;
    END IF;
    RETURN v_deleted;
END FUNCTION;

CREATE FUNCTION ccs_purge_gdpr_request_log(p_run_id BIGINT, p_batch_size INTEGER)
    RETURNING INTEGER AS rows_examined;
    DEFINE v_state   VARCHAR(8);
    DEFINE v_cutoff  DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_at DATETIME YEAR TO FRACTION(3);
    DEFINE v_from_id BIGINT;
    DEFINE v_id      BIGINT;
    DEFINE v_deleted INTEGER;
    DEFINE v_full    INTEGER;
    DEFINE v_sql     INTEGER;
    DEFINE v_isam    INTEGER;
    DEFINE v_msg     VARCHAR(255);

    ON EXCEPTION SET v_sql, v_isam, v_msg
        ROLLBACK WORK;
        RAISE EXCEPTION v_sql, v_isam, v_msg;
    END EXCEPTION;

    BEGIN WORK;
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION -746, 0, 'batch size must be 1 or more';
    END IF;
    LET v_deleted = 0;
    LET v_full = 0;
    CALL ccs_purge_position(p_run_id, 'GDPR_REQUEST_LOG') RETURNING v_state, v_cutoff, v_from_at, v_from_id;
    IF v_state <> 'PENDING' THEN
        COMMIT WORK;
        RETURN 0;
    END IF;
    FOREACH c_gdpr_log WITH HOLD FOR
        SELECT /*+ INDEX(gdpr_request_log ix_gdpr_request_log_executed) */ id INTO v_id FROM gdpr_request_log WHERE executed_at < v_cutoff ORDER BY executed_at
        DELETE FROM gdpr_request_log WHERE id = v_id;
        LET v_deleted = v_deleted + 1;
        IF v_deleted >= p_batch_size THEN
            LET v_full = 1;
            CALL ccs_purge_record(p_run_id, 'GDPR_REQUEST_LOG', v_deleted, 0, 0, NULL, NULL, 0);
            COMMIT WORK;
            EXIT FOREACH;
        END IF;
    END FOREACH;
    IF v_full = 0 THEN
        CALL ccs_purge_record(p_run_id, 'GDPR_REQUEST_LOG', v_deleted, 0, 0, NULL, NULL, 1);
        COMMIT WORK;
    END IF;
    RETURN v_deleted;
END FUNCTION;

-- PUBLIC gets EXECUTE on every new routine in a non-ANSI database: only the application role may purge
REVOKE EXECUTE ON FUNCTION ccs_contact_held(BIGINT, BIGINT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_customer_if_orphan(BIGINT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_position(BIGINT, VARCHAR(24)) FROM PUBLIC;
REVOKE EXECUTE ON PROCEDURE ccs_purge_record(BIGINT, VARCHAR(24), INTEGER, INTEGER, INTEGER, DATETIME YEAR TO FRACTION(3), BIGINT, INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_contact_row(BIGINT, BIGINT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_contact_record(BIGINT, INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_transcript(BIGINT, INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_email_reference(BIGINT, INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_availability_history(BIGINT, INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_audit_trail(BIGINT, INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_gdpr_request_log(BIGINT, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ccs_contact_held(BIGINT, BIGINT) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_contact_held(BIGINT, BIGINT) TO ccs_gdpr;
GRANT EXECUTE ON FUNCTION ccs_purge_customer_if_orphan(BIGINT) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_position(BIGINT, VARCHAR(24)) TO ccs_app;
GRANT EXECUTE ON PROCEDURE ccs_purge_record(BIGINT, VARCHAR(24), INTEGER, INTEGER, INTEGER, DATETIME YEAR TO FRACTION(3), BIGINT, INTEGER) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_contact_row(BIGINT, BIGINT) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_contact_record(BIGINT, INTEGER) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_transcript(BIGINT, INTEGER) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_email_reference(BIGINT, INTEGER) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_availability_history(BIGINT, INTEGER) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_audit_trail(BIGINT, INTEGER) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_gdpr_request_log(BIGINT, INTEGER) TO ccs_app;
