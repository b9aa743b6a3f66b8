-- CCS schema, Informix, V4: the 360-degree customer view and consent records.
--
-- Creates customer, customer_identifier (every phone number, e-mail address, customer id or social
-- id of a customer, raw as entered and normalised: phone E.164 digits, e-mail lower case, indexed by
-- (identifier_type, normalised_value) so that contact ingestion and GDPR requests find it whatever
-- the format) and consent_record (append-only: a withdrawal is a new WITHDRAWN record).
-- A customer lives as long as one contact record points at it (see V5); the retention purge deletes
-- it with the last one, and identifiers and consents go with it (ON DELETE CASCADE).
--
-- Run: applied by Flyway after V3 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V4__customers_consent.sql column for column.

CREATE TABLE customer (
    id           BIGSERIAL    PRIMARY KEY,
    display_name VARCHAR(200),
    created_at   DATETIME YEAR TO FRACTION(3) NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON customer TO ccs_app;
GRANT SELECT, DELETE ON customer TO ccs_gdpr;

CREATE TABLE customer_identifier (
    id               BIGSERIAL    PRIMARY KEY,
    customer_id      BIGINT       NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    identifier_type  VARCHAR(16)  NOT NULL
        CHECK (identifier_type IN ('PHONE', 'EMAIL', 'CUSTOMER_ID', 'SOCIAL')) CONSTRAINT ck_customer_identifier_type,
    raw_value        VARCHAR(254) NOT NULL,
    normalised_value VARCHAR(254) NOT NULL,
    created_at       DATETIME YEAR TO FRACTION(3) NOT NULL,
    UNIQUE (customer_id, identifier_type, normalised_value) CONSTRAINT uq_customer_identifier
);
CREATE INDEX ix_customer_identifier_norm ON customer_identifier (identifier_type, normalised_value);
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_identifier TO ccs_app;
GRANT SELECT, DELETE ON customer_identifier TO ccs_gdpr;

CREATE TABLE consent_record (
    id           BIGSERIAL    PRIMARY KEY,
    customer_id  BIGINT       NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    purpose      VARCHAR(64)  NOT NULL,
    status       VARCHAR(12)  NOT NULL
        CHECK (status IN ('GRANTED', 'REFUSED', 'WITHDRAWN')) CONSTRAINT ck_consent_record_status,
    source       VARCHAR(12)  NOT NULL
        CHECK (source IN ('AGENT', 'MANAGER', 'WEB', 'IVR', 'EMAIL', 'IMPORT')) CONSTRAINT ck_consent_record_source,
    evidence_ref VARCHAR(255),
    recorded_by  VARCHAR(64)  NOT NULL,
    recorded_at  DATETIME YEAR TO FRACTION(3) NOT NULL,
    valid_until  DATETIME YEAR TO FRACTION(3)
);
CREATE INDEX ix_consent_record_customer ON consent_record (customer_id, purpose);
-- no UPDATE: consents are evidence; DELETE only for the purge of the customer they belong to
GRANT SELECT, INSERT, DELETE ON consent_record TO ccs_app;
GRANT SELECT, DELETE ON consent_record TO ccs_gdpr;
