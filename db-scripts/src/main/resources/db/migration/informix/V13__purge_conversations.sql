-- CCS schema, Informix, V13: closed text conversations go with their last contact record.
--
-- A chat, open-media conversation or e-mail thread keeps a media_conversation row after it closes
-- (its party data already cleared, V10), so that a late reply finds its thread. Nothing removed those
-- rows: they grew without limit. Creates ccs_purge_conversation_if_orphan(conversation_ref) -> 1 when
-- a CLOSED conversation none of whose contact records is left was deleted (with its messages), and
-- replaces ccs_purge_contact_row (V9), which ccs_purge_contact_record calls for each record it
-- deletes, so that the record's conversation goes with it. Open conversations are never touched.
-- EXECUTE for ccs_app only, as V9.
--
-- Run: applied by Flyway after V12 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V13__purge_conversations.sql.

CREATE FUNCTION ccs_purge_conversation_if_orphan(p_conversation_ref VARCHAR(64))
    RETURNING INTEGER AS conversations_deleted;
    DEFINE v_n INTEGER;
    IF p_conversation_ref IS NULL THEN
        RETURN 0;
    END IF;
    SELECT COUNT(*) INTO v_n FROM contact_record WHERE conversation_ref = p_conversation_ref;
    IF v_n > 0 THEN
        RETURN 0;
    END IF;
    DELETE FROM media_conversation WHERE conversation_ref = p_conversation_ref AND state = 'CLOSED';
    LET v_n = DBINFO('sqlca.sqlerrd2');
    RETURN v_n;
END FUNCTION;

DROP FUNCTION ccs_purge_contact_row;

CREATE FUNCTION ccs_purge_contact_row(p_contact_id BIGINT, p_customer_id BIGINT)
    RETURNING INTEGER AS deleted, INTEGER AS customers_deleted;
    DEFINE v_held INTEGER;
    DEFINE v_gone INTEGER;
    DEFINE v_conv INTEGER;
    DEFINE v_ref  VARCHAR(64);
    CALL ccs_contact_held(p_contact_id, p_customer_id) RETURNING v_held;
    IF v_held = 1 THEN
        RETURN 0, 0;
    END IF;
    SELECT conversation_ref INTO v_ref FROM contact_record WHERE id = p_contact_id;
    DELETE FROM contact_record WHERE id = p_contact_id;
    CALL ccs_purge_conversation_if_orphan(v_ref) RETURNING v_conv;
    CALL ccs_purge_customer_if_orphan(p_customer_id) RETURNING v_gone;
    RETURN 1, v_gone;
END FUNCTION;

REVOKE EXECUTE ON FUNCTION ccs_purge_conversation_if_orphan(VARCHAR) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ccs_purge_contact_row(BIGINT, BIGINT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ccs_purge_conversation_if_orphan(VARCHAR) TO ccs_app;
GRANT EXECUTE ON FUNCTION ccs_purge_contact_row(BIGINT, BIGINT) TO ccs_app;

-- the caller of the re-created routine is optimised again before its first use
UPDATE STATISTICS FOR PROCEDURE ccs_purge_contact_record;
