-- CCS schema, PostgreSQL, V13: closed text conversations go with their last contact record.
--
-- A chat, open-media conversation or e-mail thread keeps a media_conversation row after it closes
-- (its party data already cleared, V10), so that a late reply finds its thread. Nothing removed those
-- rows: they grew without limit. Creates ccs_purge_conversation_if_orphan(conversation_ref) -> 1 when
-- a CLOSED conversation none of whose contact records is left was deleted (with its messages), and
-- replaces ccs_purge_contact_record (V9) so that the retention purge calls it for the conversations of
-- the records it deletes. Open conversations are never touched. EXECUTE for ccs_app only, as V9.
--
-- Run: applied by Flyway after V12 (org.ccs.db.Migrator --dialect postgresql); see db-scripts/README.md.
-- Mirrors informix/V13__purge_conversations.sql.

CREATE FUNCTION ccs_purge_conversation_if_orphan(p_conversation_ref varchar(64)) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_n integer;
BEGIN
    IF p_conversation_ref IS NULL
       OR EXISTS (SELECT 1 FROM contact_record WHERE conversation_ref = p_conversation_ref) THEN
        RETURN 0;
    END IF;
    DELETE FROM media_conversation WHERE conversation_ref = p_conversation_ref AND state = 'CLOSED';
    GET DIAGNOSTICS v_n = ROW_COUNT;
    RETURN v_n;
END
$$;

CREATE OR REPLACE FUNCTION ccs_purge_contact_record(p_run_id bigint, p_batch_size integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_state     varchar(8);
    v_cutoff    timestamptz;
    v_last_at   timestamptz;
    v_last_id   bigint;
    v_seen      integer;
    v_held      integer;
    v_deleted   integer;
    v_customers integer := 0;
    v_ids       bigint[];
    v_refs      varchar(64)[];
    v_pos_at    timestamptz;
    v_pos_id    bigint;
    v_holds     boolean;
BEGIN
    IF p_batch_size IS NULL OR p_batch_size < 1 THEN
        RAISE EXCEPTION 'batch size must be 1 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO v_state, v_cutoff, v_last_at, v_last_id FROM ccs_purge_position(p_run_id, 'CONTACT_RECORD');
    IF v_state <> 'PENDING' THEN
        RETURN 0;
    END IF;
    IF v_last_at IS NULL THEN
        SELECT min(started_at) INTO v_last_at FROM contact_record;
        v_last_id := 0;
    END IF;
    -- the per-row hold check only when some hold names a contact or a customer at all
    v_holds := EXISTS (SELECT 1 FROM legal_hold WHERE released_at IS NULL
                                                AND (contact_id IS NOT NULL OR customer_id IS NOT NULL));
    WITH slice AS (
        SELECT c.id, c.started_at, c.customer_id, v_holds AND ccs_contact_held(c.id, c.customer_id) = 1 AS held
          FROM contact_record c
         WHERE c.started_at < v_cutoff AND (c.started_at, c.id) > (v_last_at, v_last_id)
         ORDER BY c.started_at, c.id
         LIMIT p_batch_size
    ), gone AS (
        DELETE FROM contact_record c USING slice s
         WHERE c.id = s.id AND NOT s.held
        RETURNING c.customer_id, c.conversation_ref
    ), last_row AS (
        SELECT s.started_at, s.id FROM slice s ORDER BY s.started_at DESC, s.id DESC LIMIT 1
    )
    SELECT (SELECT count(*) FROM slice), (SELECT count(*) FROM slice WHERE held), (SELECT count(*) FROM gone),
           (SELECT array_agg(DISTINCT customer_id) FROM gone WHERE customer_id IS NOT NULL),
           (SELECT array_agg(DISTINCT conversation_ref) FROM gone WHERE conversation_ref IS NOT NULL),
           (SELECT started_at FROM last_row), (SELECT id FROM last_row)
      INTO v_seen, v_held, v_deleted, v_ids, v_refs, v_pos_at, v_pos_id;
    IF v_refs IS NOT NULL THEN
        PERFORM ccs_purge_conversation_if_orphan(x) FROM unnest(v_refs) AS x;
    END IF;
    IF v_ids IS NOT NULL THEN
        SELECT COALESCE(sum(ccs_purge_customer_if_orphan(x)), 0) INTO v_customers FROM unnest(v_ids) AS x;
    END IF;
    PERFORM ccs_purge_record(p_run_id, 'CONTACT_RECORD', v_deleted, v_held, v_customers, v_pos_at, v_pos_id,
                             CASE WHEN v_seen < p_batch_size THEN 1 ELSE 0 END);
    RETURN v_seen;
END
$$;

REVOKE EXECUTE ON FUNCTION ccs_purge_conversation_if_orphan(varchar) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ccs_purge_conversation_if_orphan(varchar) TO ccs_app;
