/**
 * Voice end-to-end benchmark (issue 3): PBX simulator -> CSTA link -> WildFly with the real EAR ->
 * committed contact records, calls/s and the latency from CallCleared to commit, next to a raw JDBC
 * batch insert of the same rows in the same run. Run by {@code bench/bin/voice-e2e}, which starts and
 * stops its private PostgreSQL; the benchmark starts and stops the simulator and WildFly.
 */
package org.ccs.bench.voice;
