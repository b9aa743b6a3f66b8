-- CCS schema, PostgreSQL, V2: the organisation.
--
-- Creates departments, agent groups and their members, agents, user accounts (Manager and Agent
-- Portal log-ins, role MANAGER/SUPERVISOR/AGENT/DPO), which supervisor account looks after which
-- group, team-list visibility (which agent sees which agent or group), speed-list entries (entered
-- by hand or imported from LDAP) and the agent availability (state) history.
-- Configuration tables: full DML for ccs_app. agent_state_history is append-only for ccs_app
-- (no UPDATE; DELETE for the retention purge of AVAILABILITY_HISTORY).
--
-- Run: applied by Flyway after V1 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V2__organisation.sql column for column.

CREATE TABLE department (
    id   bigserial    PRIMARY KEY,
    name varchar(100) NOT NULL UNIQUE
);
GRANT SELECT, INSERT, UPDATE, DELETE ON department TO ccs_app;
GRANT USAGE ON SEQUENCE department_id_seq TO ccs_app;
GRANT SELECT ON department TO ccs_gdpr;

CREATE TABLE agent_group (
    id            bigserial    PRIMARY KEY,
    name          varchar(100) NOT NULL UNIQUE,
    department_id bigint       REFERENCES department (id)
);
CREATE INDEX ix_agent_group_department ON agent_group (department_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_group TO ccs_app;
GRANT USAGE ON SEQUENCE agent_group_id_seq TO ccs_app;
GRANT SELECT ON agent_group TO ccs_gdpr;

CREATE TABLE agent (
    id            bigserial    PRIMARY KEY,
    login_name    varchar(64)  NOT NULL UNIQUE,
    first_name    varchar(100),
    last_name     varchar(100),
    extension     varchar(32)  UNIQUE,
    department_id bigint       REFERENCES department (id),
    state         varchar(24)  NOT NULL
        CONSTRAINT ck_agent_state CHECK (state IN ('LOGGED_OFF', 'READY', 'NOT_READY', 'WORK_AFTER_CALL', 'BUSY')),
    state_since   timestamptz  NOT NULL,
    pseudonym     varchar(64)  NOT NULL UNIQUE,
    created_at    timestamptz  NOT NULL
);
CREATE INDEX ix_agent_department ON agent (department_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON agent TO ccs_app;
GRANT USAGE ON SEQUENCE agent_id_seq TO ccs_app;
GRANT SELECT, DELETE ON agent TO ccs_gdpr;

CREATE TABLE agent_group_member (
    id         bigserial   PRIMARY KEY,
    group_id   bigint      NOT NULL REFERENCES agent_group (id) ON DELETE CASCADE,
    agent_id   bigint      NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    added_at   timestamptz NOT NULL,
    CONSTRAINT uq_agent_group_member UNIQUE (group_id, agent_id)
);
CREATE INDEX ix_agent_group_member_agent ON agent_group_member (agent_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_group_member TO ccs_app;
GRANT USAGE ON SEQUENCE agent_group_member_id_seq TO ccs_app;
GRANT SELECT, DELETE ON agent_group_member TO ccs_gdpr;

CREATE TABLE app_user (
    id                  bigserial    PRIMARY KEY,
    username            varchar(64)  NOT NULL UNIQUE,
    password_hash       varchar(512) NOT NULL,
    role_name           varchar(16)  NOT NULL
        CONSTRAINT ck_app_user_role CHECK (role_name IN ('MANAGER', 'SUPERVISOR', 'AGENT', 'DPO')),
    agent_id            bigint       UNIQUE REFERENCES agent (id),
    enabled             boolean      NOT NULL,
    created_at          timestamptz  NOT NULL,
    password_changed_at timestamptz
);
GRANT SELECT, INSERT, UPDATE, DELETE ON app_user TO ccs_app;
GRANT USAGE ON SEQUENCE app_user_id_seq TO ccs_app;
GRANT SELECT, DELETE ON app_user TO ccs_gdpr;

-- which SUPERVISOR account sees which group in the Manager's real-time view and reports
CREATE TABLE group_supervisor (
    id       bigserial   PRIMARY KEY,
    group_id bigint      NOT NULL REFERENCES agent_group (id) ON DELETE CASCADE,
    user_id  bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    added_at timestamptz NOT NULL,
    CONSTRAINT uq_group_supervisor UNIQUE (group_id, user_id)
);
CREATE INDEX ix_group_supervisor_user ON group_supervisor (user_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON group_supervisor TO ccs_app;
GRANT USAGE ON SEQUENCE group_supervisor_id_seq TO ccs_app;
GRANT SELECT, DELETE ON group_supervisor TO ccs_gdpr;

-- team list: the viewer agent sees either one agent or every member of one group
CREATE TABLE team_visibility (
    id               bigserial   PRIMARY KEY,
    viewer_agent_id  bigint      NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    visible_agent_id bigint      REFERENCES agent (id) ON DELETE CASCADE,
    visible_group_id bigint      REFERENCES agent_group (id) ON DELETE CASCADE,
    created_at       timestamptz NOT NULL,
    CONSTRAINT ck_team_visibility_target CHECK (
        (visible_agent_id IS NOT NULL AND visible_group_id IS NULL)
        OR (visible_agent_id IS NULL AND visible_group_id IS NOT NULL))
);
CREATE INDEX ix_team_visibility_viewer ON team_visibility (viewer_agent_id);
CREATE INDEX ix_team_visibility_agent ON team_visibility (visible_agent_id);
CREATE INDEX ix_team_visibility_group ON team_visibility (visible_group_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON team_visibility TO ccs_app;
GRANT USAGE ON SEQUENCE team_visibility_id_seq TO ccs_app;
GRANT SELECT, DELETE ON team_visibility TO ccs_gdpr;

-- an agent's own speed list; LDAP entries carry the directory entry they came from (external_ref)
CREATE TABLE speed_list_entry (
    id                bigserial    PRIMARY KEY,
    agent_id          bigint       NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    display_name      varchar(100) NOT NULL,
    phone_number      varchar(64)  NOT NULL,
    phone_number_norm varchar(32),
    source            varchar(8)   NOT NULL
        CONSTRAINT ck_speed_list_source CHECK (source IN ('MANUAL', 'LDAP')),
    external_ref      varchar(255),
    sort_order        integer      NOT NULL,
    created_at        timestamptz  NOT NULL
);
CREATE INDEX ix_speed_list_entry_agent ON speed_list_entry (agent_id);
CREATE INDEX ix_speed_list_entry_norm ON speed_list_entry (phone_number_norm);
GRANT SELECT, INSERT, UPDATE, DELETE ON speed_list_entry TO ccs_app;
GRANT USAGE ON SEQUENCE speed_list_entry_id_seq TO ccs_app;
GRANT SELECT, DELETE ON speed_list_entry TO ccs_gdpr;

-- agent availability history: one row per state change (retention category AVAILABILITY_HISTORY)
CREATE TABLE agent_state_history (
    id          bigserial   PRIMARY KEY,
    agent_id    bigint      NOT NULL REFERENCES agent (id) ON DELETE CASCADE,
    state       varchar(24) NOT NULL
        CONSTRAINT ck_agent_state_history_state CHECK (state IN ('LOGGED_OFF', 'READY', 'NOT_READY', 'WORK_AFTER_CALL', 'BUSY')),
    reason_code varchar(32),
    entered_at  timestamptz NOT NULL
);
CREATE INDEX ix_agent_state_history_agent ON agent_state_history (agent_id, entered_at);
CREATE INDEX ix_agent_state_history_entered ON agent_state_history (entered_at);
GRANT SELECT, INSERT, DELETE ON agent_state_history TO ccs_app;
GRANT USAGE ON SEQUENCE agent_state_history_id_seq TO ccs_app;
GRANT SELECT, DELETE ON agent_state_history TO ccs_gdpr;
