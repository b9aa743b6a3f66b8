-- CCS schema, Informix, V2: the organisation.
--
-- Creates departments, agent groups and their members, agents, user accounts (Manager and Agent
-- Portal log-ins, role MANAGER/SUPERVISOR/AGENT/DPO), which supervisor account looks after which
-- group, team-list visibility (which agent sees which agent or group), speed-list entries (entered
-- by hand or imported from LDAP) and the agent availability (state) history.
-- Configuration tables: full DML for ccs_app. agent_state_history is append-only for ccs_app
-- (no UPDATE; DELETE for the retention purge of AVAILABILITY_HISTORY).
--
-- Differences from the PostgreSQL twin: agent.extension and app_user.agent_id are nullable and
-- unique in PostgreSQL; an Informix UNIQUE constraint admits only one NULL, so here they carry a
-- non-unique index (extension its own, agent_id the foreign key's) and the application keeps the
-- non-NULL values unique.
-- VARCHAR over 255 bytes is LVARCHAR. Informix indexes every foreign key itself, so the
-- PostgreSQL indexes on foreign-key columns have no twin here (redundant, and a second index on the
-- same columns can be refused with -350).
--
-- Run: applied by Flyway after V1 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V2__organisation.sql column for column.

CREATE TABLE department (
    id   BIGSERIAL    PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE
);
GRANT SELECT, INSERT, UPDATE, DELETE ON department TO ccs_app;
GRANT SELECT ON department TO ccs_gdpr;

CREATE TABLE agent_group (
    id            BIGSERIAL    PRIMARY KEY,
    name          VARCHAR(100) NOT NULL UNIQUE,
    department_id BIGINT       REFERENCES department (id)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_group TO ccs_app;
GRANT SELECT ON agent_group TO ccs_gdpr;

CREATE TABLE agent (
    id            BIGSERIAL    PRIMARY KEY,
    login_name    VARCHAR(64)  NOT NULL UNIQUE,
    first_name    VARCHAR(100),
    last_name     VARCHAR(100),
    extension     VARCHAR(32),
    department_id BIGINT       REFERENCES department (id),
    state         VARCHAR(24)  NOT NULL
        CHECK (state IN ('LOGGED_OFF', 'READY', 'NOT_READY', 'WORK_AFTER_CALL', 'BUSY')) CONSTRAINT ck_agent_state,
    state_since   DATETIME YEAR TO FRACTION(3) NOT NULL,
    pseudonym     VARCHAR(64)  NOT NULL UNIQUE,
    created_at    DATETIME YEAR TO FRACTION(3) NOT NULL
);
CREATE INDEX ix_agent_extension ON agent (extension);
GRANT SELECT, INSERT, UPDATE, DELETE ON agent TO ccs_app;
GRANT SELECT, DELETE ON agent TO ccs_gdpr;

CREATE TABLE agent_group_member (
    id         BIGSERIAL   PRIMARY KEY,
    group_id   BIGINT      NOT NULL REFERENCES agent_group (id) ON DELETE CASCADE,
    agent_id   BIGINT      NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    added_at   DATETIME YEAR TO FRACTION(3) NOT NULL,
    UNIQUE (group_id, agent_id) CONSTRAINT uq_agent_group_member
);
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_group_member TO ccs_app;
GRANT SELECT, DELETE ON agent_group_member TO ccs_gdpr;

CREATE TABLE app_user (
    id                  BIGSERIAL    PRIMARY KEY,
    username            VARCHAR(64)  NOT NULL UNIQUE,
    password_hash       LVARCHAR(512) NOT NULL,
    role_name           VARCHAR(16)  NOT NULL
        CHECK (role_name IN ('MANAGER', 'SUPERVISOR', 'AGENT', 'DPO')) CONSTRAINT ck_app_user_role,
    agent_id            BIGINT       REFERENCES agent (id),
    enabled             BOOLEAN      NOT NULL,
    created_at          DATETIME YEAR TO FRACTION(3) NOT NULL,
    password_changed_at DATETIME YEAR TO FRACTION(3)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON app_user TO ccs_app;
GRANT SELECT, DELETE ON app_user TO ccs_gdpr;

-- which SUPERVISOR account sees which group in the Manager's real-time view and reports
CREATE TABLE group_supervisor (
    id       BIGSERIAL   PRIMARY KEY,
    group_id BIGINT      NOT NULL REFERENCES agent_group (id) ON DELETE CASCADE,
    user_id  BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    added_at DATETIME YEAR TO FRACTION(3) NOT NULL,
    UNIQUE (group_id, user_id) CONSTRAINT uq_group_supervisor
);
GRANT SELECT, INSERT, UPDATE, DELETE ON group_supervisor TO ccs_app;
GRANT SELECT, DELETE ON group_supervisor TO ccs_gdpr;

-- team list: the viewer agent sees either one agent or every member of one group
CREATE TABLE team_visibility (
    id               BIGSERIAL   PRIMARY KEY,
    viewer_agent_id  BIGINT      NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    visible_agent_id BIGINT      REFERENCES agent (id) ON DELETE CASCADE,
    visible_group_id BIGINT      REFERENCES agent_group (id) ON DELETE CASCADE,
    created_at       DATETIME YEAR TO FRACTION(3) NOT NULL,
    CHECK ((visible_agent_id IS NOT NULL AND visible_group_id IS NULL)
        OR (visible_agent_id IS NULL AND visible_group_id IS NOT NULL)) CONSTRAINT ck_team_visibility_target
);
GRANT SELECT, INSERT, UPDATE, DELETE ON team_visibility TO ccs_app;
GRANT SELECT, DELETE ON team_visibility TO ccs_gdpr;

-- an agent's own speed list; LDAP entries carry the directory entry they came from (external_ref)
CREATE TABLE speed_list_entry (
    id                BIGSERIAL    PRIMARY KEY,
    agent_id          BIGINT       NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    display_name      VARCHAR(100) NOT NULL,
    phone_number      VARCHAR(64)  NOT NULL,
    phone_number_norm VARCHAR(32),
    source            VARCHAR(8)   NOT NULL
        CHECK (source IN ('MANUAL', 'LDAP')) CONSTRAINT ck_speed_list_source,
    external_ref      VARCHAR(255),
    sort_order        INTEGER      NOT NULL,
    created_at        DATETIME YEAR TO FRACTION(3) NOT NULL
);
CREATE INDEX ix_speed_list_entry_norm ON speed_list_entry (phone_number_norm);
GRANT SELECT, INSERT, UPDATE, DELETE ON speed_list_entry TO ccs_app;
GRANT SELECT, DELETE ON speed_list_entry TO ccs_gdpr;

-- agent availability history: one row per state change (retention category AVAILABILITY_HISTORY)
CREATE TABLE agent_state_history (
    id          BIGSERIAL   PRIMARY KEY,
    agent_id    BIGINT      NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    state       VARCHAR(24) NOT NULL
        CHECK (state IN ('LOGGED_OFF', 'READY', 'NOT_READY', 'WORK_AFTER_CALL', 'BUSY')) CONSTRAINT ck_agent_state_history_state,
    reason_code VARCHAR(32),
    entered_at  DATETIME YEAR TO FRACTION(3) NOT NULL
);
CREATE INDEX ix_agent_state_history_agent ON agent_state_history (agent_id, entered_at);
CREATE INDEX ix_agent_state_history_entered ON agent_state_history (entered_at);
GRANT SELECT, INSERT, DELETE ON agent_state_history TO ccs_app;
GRANT SELECT, DELETE ON agent_state_history TO ccs_gdpr;
