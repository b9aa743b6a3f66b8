-- CCS schema, PostgreSQL, V6: retention, legal hold, audit trail, GDPR request log.
--
-- Creates retention_policy (days per data category, 1..3653 enforced here as well as in the UI and
-- the API; installation defaults seeded below, updated_at/updated_by NULL until a manager changes
-- them), legal_hold (a hold stops the retention purge and erasure of what it names), audit_entry
-- (the audit trail: who did what, when; ccs_app appends, never updates), gdpr_request_log (one row
-- per GDPR procedure run: the data subject only as a keyed hash, never in clear) and
-- gdpr_site_secret (the site's key for that hash; created at installation, not seeded here).
--
-- Run: applied by Flyway after V5 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V6__retention_audit_gdpr.sql column for column.

CREATE TABLE retention_policy (
    category   varchar(24) PRIMARY KEY
        CONSTRAINT ck_retention_policy_category CHECK (category IN ('CONTACT_RECORD', 'TRANSCRIPT', 'EMAIL_REFERENCE',
            'AVAILABILITY_HISTORY', 'AUDIT_TRAIL', 'GDPR_REQUEST_LOG')),
    days       integer     NOT NULL
        CONSTRAINT ck_retention_policy_days CHECK (days BETWEEN 1 AND 3653),
    updated_at timestamptz,
    updated_by varchar(64)
);
-- installation defaults: one statement per row (the Informix twin has no multi-row VALUES)
INSERT INTO retention_policy (category, days) VALUES ('CONTACT_RECORD', 365);
INSERT INTO retention_policy (category, days) VALUES ('TRANSCRIPT', 365);
INSERT INTO retention_policy (category, days) VALUES ('EMAIL_REFERENCE', 365);
INSERT INTO retention_policy (category, days) VALUES ('AVAILABILITY_HISTORY', 365);
INSERT INTO retention_policy (category, days) VALUES ('AUDIT_TRAIL', 1095);
INSERT INTO retention_policy (category, days) VALUES ('GDPR_REQUEST_LOG', 3653);
GRANT SELECT, UPDATE ON retention_policy TO ccs_app;
GRANT SELECT ON retention_policy TO ccs_gdpr;

-- a hold names a customer, one contact, or everything of a category (matter_ref: the case number)
CREATE TABLE legal_hold (
    id          bigserial    PRIMARY KEY,
    matter_ref  varchar(100) NOT NULL,
    category    varchar(24)
        CONSTRAINT ck_legal_hold_category CHECK (category IN ('CONTACT_RECORD', 'TRANSCRIPT', 'EMAIL_REFERENCE',
            'AVAILABILITY_HISTORY', 'AUDIT_TRAIL', 'GDPR_REQUEST_LOG')),
    customer_id bigint       REFERENCES customer (id),
    contact_id  bigint,
    placed_by   varchar(64)  NOT NULL,
    placed_at   timestamptz  NOT NULL,
    released_by varchar(64),
    released_at timestamptz
);
CREATE INDEX ix_legal_hold_customer ON legal_hold (customer_id);
CREATE INDEX ix_legal_hold_contact ON legal_hold (contact_id);
GRANT SELECT, INSERT, UPDATE ON legal_hold TO ccs_app;
GRANT USAGE ON SEQUENCE legal_hold_id_seq TO ccs_app;
GRANT SELECT ON legal_hold TO ccs_gdpr;

CREATE TABLE audit_entry (
    id             bigserial    PRIMARY KEY,
    occurred_at    timestamptz  NOT NULL,
    actor          varchar(64)  NOT NULL,
    actor_role     varchar(16),
    action_name    varchar(64)  NOT NULL,
    target_type    varchar(64),
    target_id      varchar(64),
    outcome        varchar(8)   NOT NULL
        CONSTRAINT ck_audit_entry_outcome CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILED')),
    detail         varchar(255),
    source_address varchar(64)
);
CREATE INDEX ix_audit_entry_occurred ON audit_entry (occurred_at);
CREATE INDEX ix_audit_entry_actor ON audit_entry (actor, occurred_at);
GRANT SELECT, INSERT, DELETE ON audit_entry TO ccs_app;
GRANT USAGE ON SEQUENCE audit_entry_id_seq TO ccs_app;
GRANT SELECT, DELETE ON audit_entry TO ccs_gdpr;

-- subject_hash: hex HMAC-SHA-256 of the normalised identifier under the site secret; the log holds
-- no personal data. counts_detail: per-table counts, e.g. 'contact_record=3;transcript_message=12'.
CREATE TABLE gdpr_request_log (
    id             bigserial    PRIMARY KEY,
    subject_hash   varchar(128) NOT NULL,
    procedure_name varchar(64)  NOT NULL,
    db_user        varchar(64)  NOT NULL,
    request_ref    varchar(64),
    rows_found     integer      NOT NULL,
    rows_erased    integer      NOT NULL,
    counts_detail  varchar(255),
    executed_at    timestamptz  NOT NULL
);
CREATE INDEX ix_gdpr_request_log_subject ON gdpr_request_log (subject_hash);
CREATE INDEX ix_gdpr_request_log_executed ON gdpr_request_log (executed_at);
GRANT SELECT, INSERT, DELETE ON gdpr_request_log TO ccs_app;
GRANT USAGE ON SEQUENCE gdpr_request_log_id_seq TO ccs_app;
GRANT SELECT, INSERT ON gdpr_request_log TO ccs_gdpr;
GRANT USAGE ON SEQUENCE gdpr_request_log_id_seq TO ccs_gdpr;

-- the HMAC key of the subject hash; no value is shipped: the installer creates one per site
CREATE TABLE gdpr_site_secret (
    id         bigserial    PRIMARY KEY,
    secret_hex varchar(128) NOT NULL,
    active     boolean      NOT NULL,
    created_at timestamptz  NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON gdpr_site_secret TO ccs_app;
GRANT USAGE ON SEQUENCE gdpr_site_secret_id_seq TO ccs_app;
GRANT SELECT ON gdpr_site_secret TO ccs_gdpr;
