-- CCS schema, Informix, V6: retention, legal hold, audit trail, GDPR request log.
--
-- Creates retention_policy (days per data category, 1..3653 enforced here as well as in the UI and
-- the API; installation defaults seeded below, updated_at/updated_by NULL until a manager changes
-- them), legal_hold (a hold stops the retention purge and erasure of what it names), audit_entry
-- (the audit trail: who did what, when; ccs_app appends, never updates), gdpr_request_log (one row
-- per GDPR procedure run: the data subject only as a keyed hash, never in clear) and
-- gdpr_site_secret (the site's key for that hash; created at installation, not seeded here).
-- Informix indexes foreign keys itself: no twin for the PostgreSQL index on legal_hold.customer_id.
--
-- Run: applied by Flyway after V5 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V6__retention_audit_gdpr.sql column for column.

CREATE TABLE retention_policy (
    category   VARCHAR(24) PRIMARY KEY
        CHECK (category IN ('CONTACT_RECORD', 'TRANSCRIPT', 'EMAIL_REFERENCE',
            'AVAILABILITY_HISTORY', 'AUDIT_TRAIL', 'GDPR_REQUEST_LOG')) CONSTRAINT ck_retention_policy_category,
    days       INTEGER     NOT NULL
        CHECK (days BETWEEN 1 AND 3653) CONSTRAINT ck_retention_policy_days,
    updated_at DATETIME YEAR TO FRACTION(3),
    updated_by VARCHAR(64)
);
-- installation defaults: one statement per row (Informix has no multi-row VALUES)
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
    id          BIGSERIAL    PRIMARY KEY,
    matter_ref  VARCHAR(100) NOT NULL,
    category    VARCHAR(24)
        CHECK (category IN ('CONTACT_RECORD', 'TRANSCRIPT', 'EMAIL_REFERENCE',
            'AVAILABILITY_HISTORY', 'AUDIT_TRAIL', 'GDPR_REQUEST_LOG')) CONSTRAINT ck_legal_hold_category,
    customer_id BIGINT       REFERENCES customer (id),
    contact_id  BIGINT,
    placed_by   VARCHAR(64)  NOT NULL,
    placed_at   DATETIME YEAR TO FRACTION(3) NOT NULL,
    released_by VARCHAR(64),
    released_at DATETIME YEAR TO FRACTION(3)
);
CREATE INDEX ix_legal_hold_contact ON legal_hold (contact_id);
GRANT SELECT, INSERT, UPDATE ON legal_hold TO ccs_app;
GRANT SELECT ON legal_hold TO ccs_gdpr;

CREATE TABLE audit_entry (
    id             BIGSERIAL    PRIMARY KEY,
    occurred_at    DATETIME YEAR TO FRACTION(3) NOT NULL,
    actor          VARCHAR(64)  NOT NULL,
    actor_role     VARCHAR(16),
    action_name    VARCHAR(64)  NOT NULL,
    target_type    VARCHAR(64),
    target_id      VARCHAR(64),
    outcome        VARCHAR(8)   NOT NULL
        CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILED')) CONSTRAINT ck_audit_entry_outcome,
    detail         VARCHAR(255),
    source_address VARCHAR(64)
);
CREATE INDEX ix_audit_entry_occurred ON audit_entry (occurred_at);
CREATE INDEX ix_audit_entry_actor ON audit_entry (actor, occurred_at);
GRANT SELECT, INSERT, DELETE ON audit_entry TO ccs_app;
GRANT SELECT, DELETE ON audit_entry TO ccs_gdpr;

-- subject_hash: hex HMAC-SHA-256 of the normalised identifier under the site secret; the log holds
-- no personal data. counts_detail: per-table counts, e.g. 'contact_record=3;transcript_message=12'.
CREATE TABLE gdpr_request_log (
    id             BIGSERIAL    PRIMARY KEY,
    subject_hash   VARCHAR(128) NOT NULL,
    procedure_name VARCHAR(64)  NOT NULL,
    db_user        VARCHAR(64)  NOT NULL,
    request_ref    VARCHAR(64),
    rows_found     INTEGER      NOT NULL,
    rows_erased    INTEGER      NOT NULL,
    counts_detail  VARCHAR(255),
    executed_at    DATETIME YEAR TO FRACTION(3) NOT NULL
);
CREATE INDEX ix_gdpr_request_log_subject ON gdpr_request_log (subject_hash);
CREATE INDEX ix_gdpr_request_log_executed ON gdpr_request_log (executed_at);
GRANT SELECT, INSERT, DELETE ON gdpr_request_log TO ccs_app;
GRANT SELECT, INSERT ON gdpr_request_log TO ccs_gdpr;

-- the HMAC key of the subject hash; no value is shipped: the installer creates one per site
CREATE TABLE gdpr_site_secret (
    id         BIGSERIAL    PRIMARY KEY,
    secret_hex VARCHAR(128) NOT NULL,
    active     BOOLEAN      NOT NULL,
    created_at DATETIME YEAR TO FRACTION(3) NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON gdpr_site_secret TO ccs_app;
GRANT SELECT ON gdpr_site_secret TO ccs_gdpr;
