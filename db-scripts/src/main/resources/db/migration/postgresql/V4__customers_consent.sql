-- CCS schema, PostgreSQL, V4: the 360-degree customer view and consent records.
--
-- Creates customer, customer_identifier (every phone number, e-mail address, customer id or social
-- id of a customer, raw as entered and normalised: phone E.164 digits, e-mail lower case, indexed by
-- (identifier_type, normalised_value) so that contact ingestion and GDPR requests find it whatever
-- the format) and consent_record (append-only: a withdrawal is a new WITHDRAWN record).
-- A customer lives as long as one contact record points at it (see V5); the retention purge deletes
-- it with the last one, and identifiers and consents go with it (ON DELETE CASCADE).
--
-- Run: applied by Flyway after V3 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V4__customers_consent.sql column for column.

CREATE TABLE customer (
    id           bigserial    PRIMARY KEY,
    display_name varchar(200),
    created_at   timestamptz  NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON customer TO ccs_app;
GRANT USAGE ON SEQUENCE customer_id_seq TO ccs_app;
GRANT SELECT, DELETE ON customer TO ccs_gdpr;

CREATE TABLE customer_identifier (
    id               bigserial    PRIMARY KEY,
    customer_id      bigint       NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    identifier_type  varchar(16)  NOT NULL
        CONSTRAINT ck_customer_identifier_type CHECK (identifier_type IN ('PHONE', 'EMAIL', 'CUSTOMER_ID', 'SOCIAL')),
    raw_value        varchar(254) NOT NULL,
    normalised_value varchar(254) NOT NULL,
    created_at       timestamptz  NOT NULL,
    CONSTRAINT uq_customer_identifier UNIQUE (customer_id, identifier_type, normalised_value)
);
CREATE INDEX ix_customer_identifier_norm ON customer_identifier (identifier_type, normalised_value);
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_identifier TO ccs_app;
GRANT USAGE ON SEQUENCE customer_identifier_id_seq TO ccs_app;
GRANT SELECT, DELETE ON customer_identifier TO ccs_gdpr;

CREATE TABLE consent_record (
    id           bigserial    PRIMARY KEY,
    customer_id  bigint       NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    purpose      varchar(64)  NOT NULL,
    status       varchar(12)  NOT NULL
        CONSTRAINT ck_consent_record_status CHECK (status IN ('GRANTED', 'REFUSED', 'WITHDRAWN')),
    source       varchar(12)  NOT NULL
        CONSTRAINT ck_consent_record_source CHECK (source IN ('AGENT', 'MANAGER', 'WEB', 'IVR', 'EMAIL', 'IMPORT')),
    evidence_ref varchar(255),
    recorded_by  varchar(64)  NOT NULL,
    recorded_at  timestamptz  NOT NULL,
    valid_until  timestamptz
);
CREATE INDEX ix_consent_record_customer ON consent_record (customer_id, purpose);
-- no UPDATE: consents are evidence; DELETE only for the purge of the customer they belong to
GRANT SELECT, INSERT, DELETE ON consent_record TO ccs_app;
GRANT USAGE ON SEQUENCE consent_record_id_seq TO ccs_app;
GRANT SELECT, DELETE ON consent_record TO ccs_gdpr;
