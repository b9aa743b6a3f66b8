-- CCS schema, PostgreSQL, V11: what a voice contact record keeps beyond V5, and batched ingestion.
--
-- Adds contact_record.resync: whether the record rests on events alone (NONE), on a
-- resynchronisation after a loss of the CSTA link that the call outlived (RESYNCHRONISED), or was
-- closed by it because the call ended while the link was down (CLOSED_BY_RESYNC): such a record is
-- flagged, not lost. Existing rows get NONE (metadata only, no table rewrite).
--
-- Makes the id sequences of contact_record, contact_leg and contact_data step by 50, so that the
-- server reserves 50 ids with one nextval and writes the rows of many calls as JDBC batches
-- (Hibernate's pooled optimizer, allocationSize 50). The column defaults keep using the same
-- sequences, so rows inserted by hand take a fresh block and never collide with the server's ids.
--
-- Run: applied by Flyway after V10 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V11__voice_details.sql.

ALTER TABLE contact_record ADD COLUMN resync varchar(16) NOT NULL DEFAULT 'NONE'
    CONSTRAINT ck_contact_record_resync CHECK (resync IN ('NONE', 'RESYNCHRONISED', 'CLOSED_BY_RESYNC'));

ALTER SEQUENCE contact_record_id_seq INCREMENT BY 50;
ALTER SEQUENCE contact_leg_id_seq INCREMENT BY 50;
ALTER SEQUENCE contact_data_id_seq INCREMENT BY 50;
