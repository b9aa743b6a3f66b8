-- CCS schema, Informix, V3: the contact center's entry points.
--
-- Creates the designated contact center numbers (routing points, ACD groups and pilot numbers: only
-- voice calls over these become contact records), the contact center mailboxes (IMAP; the password is
-- never stored here, only the alias of a credential in the server's credential store) and the web
-- chat entry points. Configuration tables: full DML for ccs_app.
--
-- Run: applied by Flyway after V2 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V3__channels.sql column for column.

CREATE TABLE designated_number (
    id       BIGSERIAL    PRIMARY KEY,
    device   VARCHAR(64)  NOT NULL UNIQUE,
    kind     VARCHAR(16)  NOT NULL
        CHECK (kind IN ('ROUTING_POINT', 'ACD_GROUP', 'PILOT')) CONSTRAINT ck_designated_number_kind,
    label    VARCHAR(100),
    group_id BIGINT       REFERENCES agent_group (id),
    active   BOOLEAN      NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON designated_number TO ccs_app;

CREATE TABLE mailbox (
    id               BIGSERIAL    PRIMARY KEY,
    address          VARCHAR(254) NOT NULL UNIQUE,
    display_name     VARCHAR(100),
    imap_host        VARCHAR(255) NOT NULL,
    imap_port        INTEGER      NOT NULL
        CHECK (imap_port BETWEEN 1 AND 65535) CONSTRAINT ck_mailbox_port,
    imap_folder      VARCHAR(200) NOT NULL,
    login_name       VARCHAR(128) NOT NULL,
    credential_alias VARCHAR(64)  NOT NULL,
    group_id         BIGINT       REFERENCES agent_group (id),
    active           BOOLEAN      NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON mailbox TO ccs_app;

CREATE TABLE chat_entry_point (
    id             BIGSERIAL    PRIMARY KEY,
    entry_key      VARCHAR(64)  NOT NULL UNIQUE,
    name           VARCHAR(100) NOT NULL,
    allowed_origin VARCHAR(255),
    group_id       BIGINT       REFERENCES agent_group (id),
    active         BOOLEAN      NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON chat_entry_point TO ccs_app;
