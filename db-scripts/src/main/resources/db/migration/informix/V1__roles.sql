-- CCS schema, Informix, V1: database roles.
--
-- Creates the three roles the other files grant to:
--   ccs_app    the application (WildFly datasource user): reads and inserts contact data, never
--              updates it; full DML on configuration tables.
--   ccs_report read-only, and only on the report_* views (no caller identification).
--   ccs_gdpr   the DBA/GDPR role: SELECT and DELETE on every table that holds personal data.
-- Informix roles belong to the database (not to the server as in PostgreSQL), so a fresh database
-- has none and plain CREATE ROLE is enough. The site grants them to its users (a DBA does this):
--   GRANT CONNECT TO ccs_web;  GRANT ccs_app TO ccs_web;  GRANT DEFAULT ROLE ccs_app TO ccs_web;
-- (only one role is active at a time in Informix: SET ROLE, or the DEFAULT ROLE at connect).
--
-- Run: applied by Flyway (org.ccs.db.Migrator --dialect informix, or the Flyway CLI with
-- -locations=filesystem:db/migration/informix) as a user with DBA privilege on a database created
-- WITH LOG; never by hand. See db-scripts/README.md.

CREATE ROLE ccs_app;
CREATE ROLE ccs_report;
CREATE ROLE ccs_gdpr;
