-- CCS schema, Informix, V5: contact records and what belongs to them.
--
-- Creates contact_record (one per contact: voice over a designated number, e-mail in a contact
-- center mailbox, chat, open media), contact_leg (queue, ring, talk, hold, transfer, conference
-- segments), contact_data (digits collected by the IVR: masked value and, when configured, the
-- encrypted value; never the plain digits), transcript_message (chat and text media, message by
-- message), email_reference (where the mail lives on the mail server; the body is not copied), the
-- report views for ccs_report (no caller identification), and the immutability triggers.
--
-- Contact records are immutable: ccs_app gets SELECT, INSERT and DELETE (DELETE because the
-- retention purge runs in the application), never UPDATE, and an UPDATE trigger calls
-- ccs_refuse_contact_update, which raises -746 'contact records are immutable' and so rolls the
-- UPDATE back, even for the owner or a DBA (reliable in a database created WITH LOG).
-- Deletes stay possible (retention purge, GDPR procedures).
-- Informix indexes foreign keys itself: no twin for the PostgreSQL indexes on customer_id and
-- contact_leg.agent_id. VARCHAR over 255 bytes is LVARCHAR (bytes, not characters).
--
-- Run: applied by Flyway after V4 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V5__contacts.sql column for column.

CREATE PROCEDURE ccs_refuse_contact_update()
    RAISE EXCEPTION -746, 0, 'contact records are immutable';
END PROCEDURE;

CREATE TABLE contact_record (
    id                  BIGSERIAL    PRIMARY KEY,
    channel             VARCHAR(12)  NOT NULL
        CHECK (channel IN ('VOICE', 'EMAIL', 'CHAT', 'OPEN_MEDIA')) CONSTRAINT ck_contact_record_channel,
    direction           VARCHAR(8)   NOT NULL
        CHECK (direction IN ('INBOUND', 'OUTBOUND')) CONSTRAINT ck_contact_record_direction,
    source_ref          VARCHAR(160) NOT NULL,
    caller_id_raw       VARCHAR(128),
    caller_id_norm      VARCHAR(64),
    caller_presentation VARCHAR(12)  NOT NULL
        CHECK (caller_presentation IN ('AVAILABLE', 'NOT_KNOWN', 'RESTRICTED')) CONSTRAINT ck_contact_record_presentation,
    designated_number   VARCHAR(64),
    started_at          DATETIME YEAR TO FRACTION(3) NOT NULL,
    answered_at         DATETIME YEAR TO FRACTION(3),
    ended_at            DATETIME YEAR TO FRACTION(3) NOT NULL,
    queue_seconds       INTEGER      NOT NULL,
    ring_seconds        INTEGER      NOT NULL,
    talk_seconds        INTEGER      NOT NULL,
    hold_seconds        INTEGER      NOT NULL,
    outcome             VARCHAR(20)  NOT NULL
        CHECK (outcome IN ('ANSWERED', 'ABANDONED_QUEUE', 'ABANDONED_RINGING', 'TRANSFERRED', 'FAILED', 'HANDLED'))
        CONSTRAINT ck_contact_record_outcome,
    agent_id            BIGINT       REFERENCES agent (id),
    customer_id         BIGINT       REFERENCES customer (id),
    correlator_data     VARCHAR(255),
    created_at          DATETIME YEAR TO FRACTION(3) NOT NULL,
    UNIQUE (channel, source_ref) CONSTRAINT uq_contact_record_source
);
CREATE INDEX ix_contact_record_caller ON contact_record (caller_id_norm);
CREATE INDEX ix_contact_record_started ON contact_record (started_at);
CREATE INDEX ix_contact_record_agent ON contact_record (agent_id, started_at);
CREATE TRIGGER trg_contact_record_immutable UPDATE ON contact_record
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());
GRANT SELECT, INSERT, DELETE ON contact_record TO ccs_app;
GRANT SELECT, DELETE ON contact_record TO ccs_gdpr;

CREATE TABLE contact_leg (
    id         BIGSERIAL   PRIMARY KEY,
    contact_id BIGINT      NOT NULL REFERENCES contact_record (id) ON DELETE CASCADE,
    leg_no     INTEGER     NOT NULL,
    leg_type   VARCHAR(12) NOT NULL
        CHECK (leg_type IN ('QUEUE', 'RING', 'TALK', 'HOLD', 'TRANSFER', 'CONFERENCE')) CONSTRAINT ck_contact_leg_type,
    device     VARCHAR(64) NOT NULL,
    agent_id   BIGINT      REFERENCES agent (id),
    started_at DATETIME YEAR TO FRACTION(3) NOT NULL,
    ended_at   DATETIME YEAR TO FRACTION(3),
    UNIQUE (contact_id, leg_no) CONSTRAINT uq_contact_leg_no
);
CREATE TRIGGER trg_contact_leg_immutable UPDATE ON contact_leg
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());
GRANT SELECT, INSERT, DELETE ON contact_leg TO ccs_app;
GRANT SELECT, DELETE ON contact_leg TO ccs_gdpr;

-- IVR-collected digits: masked_value is what agents see; encrypted_value (base64 of the ciphertext,
-- key named by key_id) only when the site configures encryption. The plain value is never stored.
CREATE TABLE contact_data (
    id              BIGSERIAL    PRIMARY KEY,
    contact_id      BIGINT       NOT NULL REFERENCES contact_record (id) ON DELETE CASCADE,
    seq             INTEGER      NOT NULL,
    data_key        VARCHAR(64)  NOT NULL,
    masked_value    VARCHAR(64)  NOT NULL,
    encrypted_value LVARCHAR(1024),
    key_id          VARCHAR(64),
    collected_at    DATETIME YEAR TO FRACTION(3) NOT NULL,
    UNIQUE (contact_id, seq) CONSTRAINT uq_contact_data_seq
);
CREATE TRIGGER trg_contact_data_immutable UPDATE ON contact_data
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());
GRANT SELECT, INSERT, DELETE ON contact_data TO ccs_app;
GRANT SELECT, DELETE ON contact_data TO ccs_gdpr;

-- chat and other text media: the transcript, one row per message
CREATE TABLE transcript_message (
    id           BIGSERIAL     PRIMARY KEY,
    contact_id   BIGINT        NOT NULL REFERENCES contact_record (id) ON DELETE CASCADE,
    seq          INTEGER       NOT NULL,
    sender_type  VARCHAR(12)   NOT NULL
        CHECK (sender_type IN ('CUSTOMER', 'AGENT', 'SYSTEM', 'BOT')) CONSTRAINT ck_transcript_sender_type,
    sender_id    VARCHAR(128),
    sent_at      DATETIME YEAR TO FRACTION(3) NOT NULL,
    message_text LVARCHAR(4000) NOT NULL,
    UNIQUE (contact_id, seq) CONSTRAINT uq_transcript_message_seq
);
CREATE INDEX ix_transcript_message_sent ON transcript_message (sent_at);
CREATE TRIGGER trg_transcript_message_immutable UPDATE ON transcript_message
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());
GRANT SELECT, INSERT, DELETE ON transcript_message TO ccs_app;
GRANT SELECT, DELETE ON transcript_message TO ccs_gdpr;

-- e-mail: the message stays on the mail server; this says where (IMAP UIDVALIDITY + UID, Message-ID)
CREATE TABLE email_reference (
    id           BIGSERIAL    PRIMARY KEY,
    contact_id   BIGINT       NOT NULL UNIQUE REFERENCES contact_record (id) ON DELETE CASCADE,
    mailbox      VARCHAR(254) NOT NULL,
    folder       VARCHAR(200) NOT NULL,
    uid_validity BIGINT       NOT NULL,
    uid          BIGINT       NOT NULL,
    message_id   VARCHAR(250) NOT NULL,
    subject      VARCHAR(255),
    received_at  DATETIME YEAR TO FRACTION(3) NOT NULL
);
CREATE INDEX ix_email_reference_message_id ON email_reference (message_id);
CREATE INDEX ix_email_reference_received ON email_reference (received_at);
CREATE TRIGGER trg_email_reference_immutable UPDATE ON email_reference
    FOR EACH ROW (EXECUTE PROCEDURE ccs_refuse_contact_update());
GRANT SELECT, INSERT, DELETE ON email_reference TO ccs_app;
GRANT SELECT, DELETE ON email_reference TO ccs_gdpr;

-- report views: no caller identification, no customer link, no source reference
CREATE VIEW report_contact AS
    SELECT id, channel, direction, caller_presentation, designated_number, started_at, answered_at,
           ended_at, queue_seconds, ring_seconds, talk_seconds, hold_seconds, outcome, agent_id
      FROM contact_record;
GRANT SELECT ON report_contact TO ccs_report, ccs_app;

CREATE VIEW report_contact_leg AS
    SELECT id, contact_id, leg_no, leg_type, agent_id, started_at, ended_at
      FROM contact_leg;
GRANT SELECT ON report_contact_leg TO ccs_report, ccs_app;

CREATE VIEW report_agent_state AS
    SELECT id, agent_id, state, reason_code, entered_at
      FROM agent_state_history;
GRANT SELECT ON report_agent_state TO ccs_report, ccs_app;
