-- CCS schema, PostgreSQL, V5: contact records and what belongs to them.
--
-- Creates contact_record (one per contact: voice over a designated number, e-mail in a contact
-- center mailbox, chat, open media), contact_leg (queue, ring, talk, hold, transfer, conference
-- segments), contact_data (digits collected by the IVR: masked value and, when configured, the
-- encrypted value; never the plain digits), transcript_message (chat and text media, message by
-- message), email_reference (where the mail lives on the mail server; the body is not copied), the
-- report views for ccs_report (no caller identification), and the immutability triggers.
--
-- Contact records are immutable: ccs_app gets SELECT, INSERT and DELETE (DELETE because the
-- retention purge runs in the application), never UPDATE, and a BEFORE UPDATE trigger refuses any
-- UPDATE, even by the owner. Deletes stay possible (retention purge, GDPR procedures).
--
-- Run: applied by Flyway after V4 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V5__contacts.sql column for column.

CREATE FUNCTION ccs_refuse_contact_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'contact records are immutable' USING ERRCODE = 'integrity_constraint_violation',
        DETAIL = format('UPDATE of %s refused', TG_TABLE_NAME);
END
$$;

CREATE TABLE contact_record (
    id                  bigserial    PRIMARY KEY,
    channel             varchar(12)  NOT NULL
        CONSTRAINT ck_contact_record_channel CHECK (channel IN ('VOICE', 'EMAIL', 'CHAT', 'OPEN_MEDIA')),
    direction           varchar(8)   NOT NULL
        CONSTRAINT ck_contact_record_direction CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    source_ref          varchar(160) NOT NULL,
    caller_id_raw       varchar(128),
    caller_id_norm      varchar(64),
    caller_presentation varchar(12)  NOT NULL
        CONSTRAINT ck_contact_record_presentation CHECK (caller_presentation IN ('AVAILABLE', 'NOT_KNOWN', 'RESTRICTED')),
    designated_number   varchar(64),
    started_at          timestamptz  NOT NULL,
    answered_at         timestamptz,
    ended_at            timestamptz  NOT NULL,
    queue_seconds       integer      NOT NULL,
    ring_seconds        integer      NOT NULL,
    talk_seconds        integer      NOT NULL,
    hold_seconds        integer      NOT NULL,
    outcome             varchar(20)  NOT NULL
        CONSTRAINT ck_contact_record_outcome CHECK (outcome IN ('ANSWERED', 'ABANDONED_QUEUE', 'ABANDONED_RINGING', 'TRANSFERRED', 'FAILED', 'HANDLED')),
    agent_id            bigint       REFERENCES agent (id),
    customer_id         bigint       REFERENCES customer (id),
    correlator_data     varchar(255),
    created_at          timestamptz  NOT NULL,
    CONSTRAINT uq_contact_record_source UNIQUE (channel, source_ref)
);
CREATE INDEX ix_contact_record_caller ON contact_record (caller_id_norm);
CREATE INDEX ix_contact_record_started ON contact_record (started_at);
CREATE INDEX ix_contact_record_customer ON contact_record (customer_id);
CREATE INDEX ix_contact_record_agent ON contact_record (agent_id, started_at);
CREATE TRIGGER trg_contact_record_immutable BEFORE UPDATE ON contact_record
    FOR EACH ROW EXECUTE FUNCTION ccs_refuse_contact_update();
GRANT SELECT, INSERT, DELETE ON contact_record TO ccs_app;
GRANT USAGE ON SEQUENCE contact_record_id_seq TO ccs_app;
GRANT SELECT, DELETE ON contact_record TO ccs_gdpr;

CREATE TABLE contact_leg (
    id         bigserial   PRIMARY KEY,
    contact_id bigint      NOT NULL REFERENCES contact_record (id) ON DELETE CASCADE,
    leg_no     integer     NOT NULL,
    leg_type   varchar(12) NOT NULL
        CONSTRAINT ck_contact_leg_type CHECK (leg_type IN ('QUEUE', 'RING', 'TALK', 'HOLD', 'TRANSFER', 'CONFERENCE')),
    device     varchar(64) NOT NULL,
    agent_id   bigint      REFERENCES agent (id),
    started_at timestamptz NOT NULL,
    ended_at   timestamptz,
    CONSTRAINT uq_contact_leg_no UNIQUE (contact_id, leg_no)
);
CREATE INDEX ix_contact_leg_agent ON contact_leg (agent_id);
CREATE TRIGGER trg_contact_leg_immutable BEFORE UPDATE ON contact_leg
    FOR EACH ROW EXECUTE FUNCTION ccs_refuse_contact_update();
GRANT SELECT, INSERT, DELETE ON contact_leg TO ccs_app;
GRANT USAGE ON SEQUENCE contact_leg_id_seq TO ccs_app;
GRANT SELECT, DELETE ON contact_leg TO ccs_gdpr;

-- IVR-collected digits: masked_value is what agents see; encrypted_value (base64 of the ciphertext,
-- key named by key_id) only when the site configures encryption. The plain value is never stored.
CREATE TABLE contact_data (
    id              bigserial    PRIMARY KEY,
    contact_id      bigint       NOT NULL REFERENCES contact_record (id) ON DELETE CASCADE,
    seq             integer      NOT NULL,
    data_key        varchar(64)  NOT NULL,
    masked_value    varchar(64)  NOT NULL,
    encrypted_value varchar(1024),
    key_id          varchar(64),
    collected_at    timestamptz  NOT NULL,
    CONSTRAINT uq_contact_data_seq UNIQUE (contact_id, seq)
);
CREATE TRIGGER trg_contact_data_immutable BEFORE UPDATE ON contact_data
    FOR EACH ROW EXECUTE FUNCTION ccs_refuse_contact_update();
GRANT SELECT, INSERT, DELETE ON contact_data TO ccs_app;
GRANT USAGE ON SEQUENCE contact_data_id_seq TO ccs_app;
GRANT SELECT, DELETE ON contact_data TO ccs_gdpr;

-- chat and other text media: the transcript, one row per message
CREATE TABLE transcript_message (
    id           bigserial     PRIMARY KEY,
    contact_id   bigint        NOT NULL REFERENCES contact_record (id) ON DELETE CASCADE,
    seq          integer       NOT NULL,
    sender_type  varchar(12)   NOT NULL
        CONSTRAINT ck_transcript_sender_type CHECK (sender_type IN ('CUSTOMER', 'AGENT', 'SYSTEM', 'BOT')),
    sender_id    varchar(128),
    sent_at      timestamptz   NOT NULL,
    message_text varchar(4000) NOT NULL,
    CONSTRAINT uq_transcript_message_seq UNIQUE (contact_id, seq)
);
CREATE INDEX ix_transcript_message_sent ON transcript_message (sent_at);
CREATE TRIGGER trg_transcript_message_immutable BEFORE UPDATE ON transcript_message
    FOR EACH ROW EXECUTE FUNCTION ccs_refuse_contact_update();
GRANT SELECT, INSERT, DELETE ON transcript_message TO ccs_app;
GRANT USAGE ON SEQUENCE transcript_message_id_seq TO ccs_app;
GRANT SELECT, DELETE ON transcript_message TO ccs_gdpr;

-- e-mail: the message stays on the mail server; this says where (IMAP UIDVALIDITY + UID, Message-ID)
CREATE TABLE email_reference (
    id           bigserial    PRIMARY KEY,
    contact_id   bigint       NOT NULL UNIQUE REFERENCES contact_record (id) ON DELETE CASCADE,
    mailbox      varchar(254) NOT NULL,
    folder       varchar(200) NOT NULL,
    uid_validity bigint       NOT NULL,
    uid          bigint       NOT NULL,
    message_id   varchar(250) NOT NULL,
    subject      varchar(255),
    received_at  timestamptz  NOT NULL
);
CREATE INDEX ix_email_reference_message_id ON email_reference (message_id);
CREATE INDEX ix_email_reference_received ON email_reference (received_at);
CREATE TRIGGER trg_email_reference_immutable BEFORE UPDATE ON email_reference
    FOR EACH ROW EXECUTE FUNCTION ccs_refuse_contact_update();
GRANT SELECT, INSERT, DELETE ON email_reference TO ccs_app;
GRANT USAGE ON SEQUENCE email_reference_id_seq TO ccs_app;
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
