/**
 * Readiness of the server for monitoring (database, PBX link), served by the Manager at /manager/health
 * (WildFly's MicroProfile Health does not discover checks in EAR subdeployments).
 */
package org.ccs.manager.health;
