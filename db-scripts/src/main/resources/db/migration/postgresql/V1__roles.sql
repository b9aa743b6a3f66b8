-- CCS schema, PostgreSQL, V1: database roles.
--
-- Creates the three NOLOGIN group roles the other files grant to:
--   ccs_app    the application (WildFly datasource user is made a member): reads and inserts contact
--              data, never updates it; full DML on configuration tables.
--   ccs_report read-only, and only on the report_* views (no caller identification).
--   ccs_gdpr   the DBA/GDPR role: SELECT and DELETE on every table that holds personal data.
-- Roles are cluster-wide in PostgreSQL, so they are created only when missing (another CCS database
-- in the same cluster may have created them already). Log-in users are made members by the site:
--   CREATE ROLE ccs_web LOGIN PASSWORD '...' IN ROLE ccs_app;
--
-- Run: applied by Flyway (org.ccs.db.Migrator --dialect postgresql, or the Flyway CLI with
-- -locations=filesystem:db/migration/postgresql), never by hand; see db-scripts/README.md.
-- The user that runs the migrations owns the tables and needs CREATEROLE (or the roles must exist).

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['ccs_app', 'ccs_report', 'ccs_gdpr'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION
                -- a concurrent migration of another database in the same cluster created it first
                WHEN duplicate_object OR unique_violation THEN NULL;
            END;
        END IF;
    END LOOP;
    -- the roles reach the tables through the schema the migration runs in
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO ccs_app, ccs_report, ccs_gdpr', current_schema());
END
$$;
