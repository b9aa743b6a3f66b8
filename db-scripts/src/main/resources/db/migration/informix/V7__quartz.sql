-- CCS schema, Informix, V7: the Quartz JDBC job store (clustered scheduler: retention purge,
-- report schedules, log clean-up).
--
-- Copied from Quartz 2.5.2, org/quartz/impl/jdbcjobstore/tables_informix.sql inside
-- org.quartz-scheduler:quartz:2.5.2 (Copyright Terracotta, Inc. and the Quartz contributors,
-- Apache License 2.0, https://www.apache.org/licenses/LICENSE-2.0). Changes from the original,
-- each needed for the script to run or to mirror the PostgreSQL twin:
--   * table prefix QRTZ_ instead of q, as in the PostgreSQL script, so one Quartz configuration
--     (org.quartz.jobStore.tablePrefix = QRTZ_) serves both databases; the 18-character limit the
--     original comment mentions is gone since Informix 9.2 (identifiers up to 128 bytes);
--   * the trailing comma after BOOL_PROP_2 in qsimprop_triggers removed (a syntax error);
--   * VARCHAR(512) in qrtz_simprop_triggers is LVARCHAR(512) (VARCHAR stops at 255 bytes), and its
--     TRIGGER_NAME/TRIGGER_GROUP are VARCHAR(80) like the qtriggers columns they reference;
--   * the explicit NULL column constraints dropped (NULL is the default; older servers reject it);
--   * the { } comments turned into -- comments (braces clash with JDBC escapes);
--   * the grants to ccs_app at the end are ours.
-- Quartz's Informix script creates no indexes beyond the primary keys (and Informix indexes the
-- foreign keys itself); the PostgreSQL twin has Quartz's 20 extra indexes.
-- Quartz settings: org.quartz.jobStore.driverDelegateClass = org.quartz.impl.jdbcjobstore.StdJDBCDelegate.
--
-- Run: applied by Flyway after V6 (org.ccs.db.Migrator --dialect informix); see db-scripts/README.md.
-- Mirrors postgresql/V7__quartz.sql table for table and column for column.

-- Thanks to Keith Chew for submitting this.
--
-- use the StdJDBCDelegate with Informix.
CREATE TABLE qrtz_blob_triggers (
SCHED_NAME VARCHAR(120) NOT NULL,
TRIGGER_NAME varchar(80) NOT NULL,
TRIGGER_GROUP varchar(80) NOT NULL,
BLOB_DATA byte in table
);

ALTER TABLE qrtz_blob_triggers
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,TRIGGER_NAME, TRIGGER_GROUP);


CREATE TABLE qrtz_calendars (
SCHED_NAME VARCHAR(120) NOT NULL,
CALENDAR_NAME varchar(80) NOT NULL,
CALENDAR byte in table NOT NULL
);

ALTER TABLE qrtz_calendars
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,CALENDAR_NAME);


CREATE TABLE qrtz_cron_triggers (
SCHED_NAME VARCHAR(120) NOT NULL,
TRIGGER_NAME varchar(80) NOT NULL,
TRIGGER_GROUP varchar(80) NOT NULL,
CRON_EXPRESSION varchar(120) NOT NULL,
TIME_ZONE_ID varchar(80)
);

ALTER TABLE qrtz_cron_triggers
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,TRIGGER_NAME, TRIGGER_GROUP);


CREATE TABLE qrtz_fired_triggers (
SCHED_NAME VARCHAR(120) NOT NULL,
ENTRY_ID varchar(95) NOT NULL,
TRIGGER_NAME varchar(80) NOT NULL,
TRIGGER_GROUP varchar(80) NOT NULL,
INSTANCE_NAME varchar(80) NOT NULL,
FIRED_TIME numeric(13) NOT NULL,
SCHED_TIME numeric(13) NOT NULL,
PRIORITY integer NOT NULL,
STATE varchar(16) NOT NULL,
JOB_NAME varchar(80),
JOB_GROUP varchar(80),
IS_NONCONCURRENT varchar(1),
REQUESTS_RECOVERY varchar(1)
);

ALTER TABLE qrtz_fired_triggers
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,ENTRY_ID);


CREATE TABLE qrtz_paused_trigger_grps (
SCHED_NAME VARCHAR(120) NOT NULL,
TRIGGER_GROUP  varchar(80) NOT NULL
);

ALTER TABLE qrtz_paused_trigger_grps
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,TRIGGER_GROUP);


CREATE TABLE qrtz_scheduler_state (
SCHED_NAME VARCHAR(120) NOT NULL,
INSTANCE_NAME varchar(80) NOT NULL,
LAST_CHECKIN_TIME numeric(13) NOT NULL,
CHECKIN_INTERVAL numeric(13) NOT NULL
);

ALTER TABLE qrtz_scheduler_state
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,INSTANCE_NAME);


CREATE TABLE qrtz_locks (
SCHED_NAME VARCHAR(120) NOT NULL,
LOCK_NAME  varchar(40) NOT NULL
);

ALTER TABLE qrtz_locks
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,LOCK_NAME);


CREATE TABLE qrtz_job_details (
SCHED_NAME VARCHAR(120) NOT NULL,
JOB_NAME varchar(80) NOT NULL,
JOB_GROUP varchar(80) NOT NULL,
DESCRIPTION varchar(120),
JOB_CLASS_NAME varchar(128) NOT NULL,
IS_DURABLE varchar(1) NOT NULL,
IS_NONCONCURRENT varchar(1) NOT NULL,
IS_UPDATE_DATA varchar(1) NOT NULL,
REQUESTS_RECOVERY varchar(1) NOT NULL,
JOB_DATA byte in table
);

ALTER TABLE qrtz_job_details
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,JOB_NAME, JOB_GROUP);


CREATE TABLE qrtz_simple_triggers (
SCHED_NAME VARCHAR(120) NOT NULL,
TRIGGER_NAME varchar(80) NOT NULL,
TRIGGER_GROUP varchar(80) NOT NULL,
REPEAT_COUNT numeric(7) NOT NULL,
REPEAT_INTERVAL numeric(12) NOT NULL,
TIMES_TRIGGERED numeric(10) NOT NULL
);

ALTER TABLE qrtz_simple_triggers
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,TRIGGER_NAME, TRIGGER_GROUP);


CREATE TABLE qrtz_simprop_triggers
  (
    SCHED_NAME VARCHAR(120) NOT NULL,
    TRIGGER_NAME VARCHAR(80) NOT NULL,
    TRIGGER_GROUP VARCHAR(80) NOT NULL,
    STR_PROP_1 LVARCHAR(512),
    STR_PROP_2 LVARCHAR(512),
    STR_PROP_3 LVARCHAR(512),
    INT_PROP_1 NUMERIC(9),
    INT_PROP_2 NUMERIC(9),
    LONG_PROP_1 NUMERIC(13),
    LONG_PROP_2 NUMERIC(13),
    DEC_PROP_1 NUMERIC(13,4),
    DEC_PROP_2 NUMERIC(13,4),
    BOOL_PROP_1 VARCHAR(1),
    BOOL_PROP_2 VARCHAR(1)
);

ALTER TABLE qrtz_simprop_triggers
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,TRIGGER_NAME, TRIGGER_GROUP);


CREATE TABLE qrtz_triggers (
SCHED_NAME VARCHAR(120) NOT NULL,
TRIGGER_NAME varchar(80) NOT NULL,
TRIGGER_GROUP varchar(80) NOT NULL,
JOB_NAME varchar(80) NOT NULL,
JOB_GROUP varchar(80) NOT NULL,
DESCRIPTION varchar(120),
NEXT_FIRE_TIME numeric(13),
PREV_FIRE_TIME numeric(13),
PRIORITY integer,
TRIGGER_STATE varchar(16) NOT NULL,
TRIGGER_TYPE varchar(8) NOT NULL,
START_TIME numeric(13) NOT NULL,
END_TIME numeric(13),
CALENDAR_NAME varchar(80),
MISFIRE_INSTR numeric(2),
JOB_DATA byte in table
);

ALTER TABLE qrtz_triggers
ADD CONSTRAINT PRIMARY KEY (SCHED_NAME,TRIGGER_NAME, TRIGGER_GROUP);


ALTER TABLE qrtz_blob_triggers
ADD CONSTRAINT FOREIGN KEY (SCHED_NAME,TRIGGER_NAME, TRIGGER_GROUP)
REFERENCES qrtz_triggers;


ALTER TABLE qrtz_cron_triggers
ADD CONSTRAINT FOREIGN KEY (SCHED_NAME,TRIGGER_NAME, TRIGGER_GROUP)
REFERENCES qrtz_triggers;


ALTER TABLE qrtz_simple_triggers
ADD CONSTRAINT FOREIGN KEY (SCHED_NAME,TRIGGER_NAME, TRIGGER_GROUP)
REFERENCES qrtz_triggers;

ALTER TABLE qrtz_simprop_triggers
ADD CONSTRAINT FOREIGN KEY (SCHED_NAME,TRIGGER_NAME, TRIGGER_GROUP)
REFERENCES qrtz_triggers;

ALTER TABLE qrtz_triggers
ADD CONSTRAINT FOREIGN KEY (SCHED_NAME,JOB_NAME, JOB_GROUP)
REFERENCES qrtz_job_details;

GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_job_details TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_triggers TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_simple_triggers TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_cron_triggers TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_simprop_triggers TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_blob_triggers TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_calendars TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_paused_trigger_grps TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_fired_triggers TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_scheduler_state TO ccs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON qrtz_locks TO ccs_app;
