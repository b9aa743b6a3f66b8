-- CCS schema, PostgreSQL, V3: the contact center's entry points.
--
-- Creates the designated contact center numbers (routing points, ACD groups and pilot numbers: only
-- voice calls over these become contact records), the contact center mailboxes (IMAP; the password is
-- never stored here, only the alias of a credential in the server's credential store) and the web
-- chat entry points. Configuration tables: full DML for ccs_app.
--
-- Run: applied by Flyway after V2 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V3__channels.sql column for column.

CREATE TABLE designated_number (
    id       bigserial    PRIMARY KEY,
    device   varchar(64)  NOT NULL UNIQUE,
    kind     varchar(16)  NOT NULL
        CONSTRAINT ck_designated_number_kind CHECK (kind IN ('ROUTING_POINT', 'ACD_GROUP', 'PILOT')),
    label    varchar(100),
    group_id bigint       REFERENCES agent_group (id),
    active   boolean      NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON designated_number TO ccs_app;
GRANT USAGE ON SEQUENCE designated_number_id_seq TO ccs_app;

CREATE TABLE mailbox (
    id               bigserial    PRIMARY KEY,
    address          varchar(254) NOT NULL UNIQUE,
    display_name     varchar(100),
    imap_host        varchar(255) NOT NULL,
    imap_port        integer      NOT NULL
        CONSTRAINT ck_mailbox_port CHECK (imap_port BETWEEN 1 AND 65535),
    imap_folder      varchar(200) NOT NULL,
    login_name       varchar(128) NOT NULL,
    credential_alias varchar(64)  NOT NULL,
    group_id         bigint       REFERENCES agent_group (id),
    active           boolean      NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON mailbox TO ccs_app;
GRANT USAGE ON SEQUENCE mailbox_id_seq TO ccs_app;

CREATE TABLE chat_entry_point (
    id             bigserial    PRIMARY KEY,
    entry_key      varchar(64)  NOT NULL UNIQUE,
    name           varchar(100) NOT NULL,
    allowed_origin varchar(255),
    group_id       bigint       REFERENCES agent_group (id),
    active         boolean      NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON chat_entry_point TO ccs_app;
GRANT USAGE ON SEQUENCE chat_entry_point_id_seq TO ccs_app;
