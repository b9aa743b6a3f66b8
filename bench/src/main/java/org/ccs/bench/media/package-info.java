/**
 * Text-media ingestion benchmarks (issue 4): chat messages stored per second with their latency, and
 * mails per minute taken in from an IMAP server, each next to raw JDBC inserts of the same rows in the
 * same run. Plain main classes; they need the test PostgreSQL and create and drop their own database.
 */
package org.ccs.bench.media;
