-- CCS schema, PostgreSQL, V10: text media (e-mail, chat, open media) and their routing to agents.
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
--
-- Run: applied by Flyway after V7 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V10__media.sql column for column.

ALTER TABLE contact_record ADD COLUMN conversation_ref varchar(64);
CREATE INDEX ix_contact_record_conversation ON contact_record (conversation_ref);

ALTER TABLE mailbox ADD COLUMN smtp_host varchar(255);
ALTER TABLE mailbox ADD COLUMN smtp_port integer
    CONSTRAINT ck_mailbox_smtp_port CHECK (smtp_port BETWEEN 1 AND 65535);
ALTER TABLE mailbox ADD COLUMN sent_folder varchar(200);
ALTER TABLE mailbox ADD COLUMN error_folder varchar(200);

ALTER TABLE chat_entry_point ADD COLUMN key_hash varchar(512);

CREATE TABLE open_media_connector (
    id       bigserial    PRIMARY KEY,
    name     varchar(64)  NOT NULL UNIQUE,
    key_hash varchar(512),
    group_id bigint       REFERENCES agent_group (id),
    active   boolean      NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON open_media_connector TO ccs_app;
GRANT USAGE ON SEQUENCE open_media_connector_id_seq TO ccs_app;

CREATE TABLE mail_sync_state (
    id           bigserial    PRIMARY KEY,
    mailbox_id   bigint       NOT NULL UNIQUE REFERENCES mailbox (id) ON DELETE CASCADE,
    folder       varchar(200) NOT NULL,
    uid_validity bigint       NOT NULL,
    last_uid     bigint       NOT NULL,
    unparseable  integer      NOT NULL,
    updated_at   timestamptz  NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_sync_state TO ccs_app;
GRANT USAGE ON SEQUENCE mail_sync_state_id_seq TO ccs_app;

CREATE TABLE agent_media_skill (
    id           bigserial   PRIMARY KEY,
    agent_id     bigint      NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    media        varchar(12) NOT NULL
        CONSTRAINT ck_agent_media_skill_media CHECK (media IN ('EMAIL', 'CHAT', 'OPEN_MEDIA')),
    max_parallel integer     NOT NULL
        CONSTRAINT ck_agent_media_skill_max CHECK (max_parallel BETWEEN 1 AND 20),
    CONSTRAINT uq_agent_media_skill UNIQUE (agent_id, media)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_media_skill TO ccs_app;
GRANT USAGE ON SEQUENCE agent_media_skill_id_seq TO ccs_app;
GRANT SELECT, DELETE ON agent_media_skill TO ccs_gdpr;

-- source_id is the mailbox, chat entry point or connector the conversation came from (by channel)
CREATE TABLE media_conversation (
    id               bigserial    PRIMARY KEY,
    conversation_ref varchar(64)  NOT NULL UNIQUE,
    channel          varchar(12)  NOT NULL
        CONSTRAINT ck_media_conversation_channel CHECK (channel IN ('EMAIL', 'CHAT', 'OPEN_MEDIA')),
    source_id        bigint       NOT NULL,
    sub_channel      varchar(32),
    group_id         bigint       REFERENCES agent_group (id),
    state            varchar(8)   NOT NULL
        CONSTRAINT ck_media_conversation_state CHECK (state IN ('QUEUED', 'OFFERED', 'ACTIVE', 'CLOSED')),
    party_raw        varchar(128),
    party_norm       varchar(64),
    party_name       varchar(100),
    access_hash      varchar(64),
    agent_id         bigint       REFERENCES agent (id),
    next_seq         integer      NOT NULL,
    started_at       timestamptz  NOT NULL,
    queued_at        timestamptz  NOT NULL,
    accepted_at      timestamptz,
    ended_at         timestamptz,
    last_activity_at timestamptz  NOT NULL
);
CREATE INDEX ix_media_conversation_state ON media_conversation (state);
CREATE INDEX ix_media_conversation_party ON media_conversation (party_norm);
CREATE INDEX ix_media_conversation_agent ON media_conversation (agent_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON media_conversation TO ccs_app;
GRANT USAGE ON SEQUENCE media_conversation_id_seq TO ccs_app;
GRANT SELECT, DELETE ON media_conversation TO ccs_gdpr;

CREATE TABLE conversation_message (
    id              bigserial     PRIMARY KEY,
    conversation_id bigint        NOT NULL REFERENCES media_conversation (id) ON DELETE CASCADE,
    seq             integer       NOT NULL,
    sender_type     varchar(12)   NOT NULL
        CONSTRAINT ck_conversation_message_sender CHECK (sender_type IN ('CUSTOMER', 'AGENT', 'SYSTEM', 'BOT')),
    sender_id       varchar(128),
    sent_at         timestamptz   NOT NULL,
    message_text    varchar(4000) NOT NULL,
    CONSTRAINT uq_conversation_message_seq UNIQUE (conversation_id, seq)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON conversation_message TO ccs_app;
GRANT USAGE ON SEQUENCE conversation_message_id_seq TO ccs_app;
GRANT SELECT, DELETE ON conversation_message TO ccs_gdpr;
