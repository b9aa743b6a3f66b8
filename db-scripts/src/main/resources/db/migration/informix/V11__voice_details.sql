-- CCS schema, Informix, V11: what a voice contact record keeps beyond V5, and batched ingestion.
--
-- Adds contact_record.resync: whether the record rests on events alone (NONE), on a
-- resynchronisation after a loss of the CSTA link that the call outlived (RESYNCHRONISED), or was
-- closed by it because the call ended while the link was down (CLOSED_BY_RESYNC): such a record is
-- flagged, not lost. Existing rows get NONE.
--
-- Creates the sequences contact_record_id_seq, contact_leg_id_seq and contact_data_id_seq stepping
-- by 50: the server reserves 50 ids with one NEXTVAL and writes the rows of many calls as JDBC
-- batches (Hibernate's pooled optimizer, allocationSize 50), inserting the ids explicitly into the
-- BIGSERIAL columns. Only the server inserts into these tables; a row inserted by hand with 0 would
-- take the serial counter and could collide with a block the server has reserved.
--
-- Run: applied by Flyway after V10 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V11__voice_details.sql.

ALTER TABLE contact_record ADD (resync VARCHAR(16) DEFAULT 'NONE' NOT NULL
    CHECK (resync IN ('NONE', 'RESYNCHRONISED', 'CLOSED_BY_RESYNC')) CONSTRAINT ck_contact_record_resync);

-- Each sequence starts past the ids already stored: Hibernate's pooled optimizer takes a first value
-- other than 1 as the top of a block of 50 and hands out the 49 ids below it, so the start is
-- MAX(id) + 50 (1 on an empty table).
CREATE PROCEDURE ccs_v11_id_sequences()
    DEFINE v_max BIGINT;
    SELECT MAX(id) INTO v_max FROM contact_record;
    EXECUTE IMMEDIATE 'CREATE SEQUENCE contact_record_id_seq INCREMENT BY 50 START WITH '
        || CAST(CASE WHEN v_max IS NULL THEN 1 ELSE v_max + 50 END AS VARCHAR(20));
    SELECT MAX(id) INTO v_max FROM contact_leg;
    EXECUTE IMMEDIATE 'CREATE SEQUENCE contact_leg_id_seq INCREMENT BY 50 START WITH '
        || CAST(CASE WHEN v_max IS NULL THEN 1 ELSE v_max + 50 END AS VARCHAR(20));
    SELECT MAX(id) INTO v_max FROM contact_data;
    EXECUTE IMMEDIATE 'CREATE SEQUENCE contact_data_id_seq INCREMENT BY 50 START WITH '
        || CAST(CASE WHEN v_max IS NULL THEN 1 ELSE v_max + 50 END AS VARCHAR(20));
END PROCEDURE;
EXECUTE PROCEDURE ccs_v11_id_sequences();
DROP PROCEDURE ccs_v11_id_sequences;
GRANT SELECT ON contact_record_id_seq TO ccs_app;
GRANT SELECT ON contact_leg_id_seq TO ccs_app;
GRANT SELECT ON contact_data_id_seq TO ccs_app;
