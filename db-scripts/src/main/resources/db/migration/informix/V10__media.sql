-- CCS schema, Informix, V10: text media (e-mail, chat, open media) and their routing to agents.
--
-- Adds to contact_record the conversation a text contact belongs to (conversation_ref: an inbound
-- e-mail, the replies to it and the customer's answers share one), to mailbox the SMTP server for
-- replies and the folders for sent and unparseable mail, and to chat_entry_point the hash of its
-- access key (PBKDF2 like the passwords; the key itself is never stored). Creates:
-- open_media_connector (connectors such as an SMS gateway, authenticated by a hashed key),
-- mail_sync_state (per mailbox the IMAP UIDVALIDITY and the last UID taken in, so that no mail is
-- ingested twice after a restart, and the count of unparseable mail moved aside),
-- agent_media_skill (which text media an agent may handle and how many in parallel),
-- media_conversation (an open chat, open-media conversation or e-mail thread while it is routed
-- and handled: mutable, the immutable contact_record is written from it) and
-- conversation_message (the messages of an open chat as they come; copied to transcript_message
-- with the contact record when the chat ends, then deleted here).
-- Personal data while a conversation is open: media_conversation.party_raw/party_norm/party_name
-- and conversation_message.message_text; cleared or deleted when the conversation closes.
-- Configuration and working tables: full DML for ccs_app; SELECT and DELETE for ccs_gdpr on the
-- tables holding personal data.
-- Informix indexes foreign keys itself: no twin for the PostgreSQL index on media_conversation.agent_id.
-- VARCHAR over 255 bytes is LVARCHAR (key_hash, message_text).
--
-- Run: applied by Flyway after V7 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V10__media.sql column for column.

ALTER TABLE contact_record ADD (conversation_ref VARCHAR(64));
CREATE INDEX ix_contact_record_conversation ON contact_record (conversation_ref);

ALTER TABLE mailbox ADD (
    smtp_host    VARCHAR(255),
    smtp_port    INTEGER CHECK (smtp_port BETWEEN 1 AND 65535) CONSTRAINT ck_mailbox_smtp_port,
    sent_folder  VARCHAR(200),
    error_folder VARCHAR(200)
);

ALTER TABLE chat_entry_point ADD (key_hash LVARCHAR(512));

CREATE TABLE open_media_connector (
    id       BIGSERIAL    PRIMARY KEY,
    name     VARCHAR(64)  NOT NULL UNIQUE,
    key_hash LVARCHAR(512),
    group_id BIGINT       REFERENCES agent_group (id),
    active   BOOLEAN      NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON open_media_connector TO ccs_app;

CREATE TABLE mail_sync_state (
    id           BIGSERIAL    PRIMARY KEY,
    mailbox_id   BIGINT       NOT NULL UNIQUE REFERENCES mailbox (id) ON DELETE CASCADE,
    folder       VARCHAR(200) NOT NULL,
    uid_validity BIGINT       NOT NULL,
    last_uid     BIGINT       NOT NULL,
    unparseable  INTEGER      NOT NULL,
    updated_at   DATETIME YEAR TO FRACTION(3) NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_sync_state TO ccs_app;

CREATE TABLE agent_media_skill (
    id           BIGSERIAL   PRIMARY KEY,
    agent_id     BIGINT      NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    media        VARCHAR(12) NOT NULL
        CHECK (media IN ('EMAIL', 'CHAT', 'OPEN_MEDIA')) CONSTRAINT ck_agent_media_skill_media,
    max_parallel INTEGER     NOT NULL
        CHECK (max_parallel BETWEEN 1 AND 20) CONSTRAINT ck_agent_media_skill_max,
    UNIQUE (agent_id, media) CONSTRAINT uq_agent_media_skill
);
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_media_skill TO ccs_app;
GRANT SELECT, DELETE ON agent_media_skill TO ccs_gdpr;

-- source_id is the mailbox, chat entry point or connector the conversation came from (by channel)
CREATE TABLE media_conversation (
    id               BIGSERIAL    PRIMARY KEY,
    conversation_ref VARCHAR(64)  NOT NULL UNIQUE,
    channel          VARCHAR(12)  NOT NULL
        CHECK (channel IN ('EMAIL', 'CHAT', 'OPEN_MEDIA')) CONSTRAINT ck_media_conversation_channel,
    source_id        BIGINT       NOT NULL,
    sub_channel      VARCHAR(32),
    group_id         BIGINT       REFERENCES agent_group (id),
    state            VARCHAR(8)   NOT NULL
        CHECK (state IN ('QUEUED', 'OFFERED', 'ACTIVE', 'CLOSED')) CONSTRAINT ck_media_conversation_state,
    party_raw        VARCHAR(128),
    party_norm       VARCHAR(64),
    party_name       VARCHAR(100),
    access_hash      VARCHAR(64),
    agent_id         BIGINT       REFERENCES agent (id),
    next_seq         INTEGER      NOT NULL,
    started_at       DATETIME YEAR TO FRACTION(3) NOT NULL,
    queued_at        DATETIME YEAR TO FRACTION(3) NOT NULL,
    accepted_at      DATETIME YEAR TO FRACTION(3),
    ended_at         DATETIME YEAR TO FRACTION(3),
    last_activity_at DATETIME YEAR TO FRACTION(3) NOT NULL
);
CREATE INDEX ix_media_conversation_state ON media_conversation (state);
CREATE INDEX ix_media_conversation_party ON media_conversation (party_norm);
GRANT SELECT, INSERT, UPDATE, DELETE ON media_conversation TO ccs_app;
GRANT SELECT, DELETE ON media_conversation TO ccs_gdpr;

CREATE TABLE conversation_message (
    id              BIGSERIAL      PRIMARY KEY,
    conversation_id BIGINT         NOT NULL REFERENCES media_conversation (id) ON DELETE CASCADE,
    seq             INTEGER        NOT NULL,
    sender_type     VARCHAR(12)    NOT NULL
        CHECK (sender_type IN ('CUSTOMER', 'AGENT', 'SYSTEM', 'BOT')) CONSTRAINT ck_conversation_message_sender,
    sender_id       VARCHAR(128),
    sent_at         DATETIME YEAR TO FRACTION(3) NOT NULL,
    message_text    LVARCHAR(4000) NOT NULL,
    UNIQUE (conversation_id, seq) CONSTRAINT uq_conversation_message_seq
);
GRANT SELECT, INSERT, UPDATE, DELETE ON conversation_message TO ccs_app;
GRANT SELECT, DELETE ON conversation_message TO ccs_gdpr;
