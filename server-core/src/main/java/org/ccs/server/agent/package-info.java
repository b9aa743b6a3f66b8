/**
 * Agents and their organisation: agents with their ACD state and its history, groups, departments,
 * who sees whom in the team list, and the agents' speed lists.
 */
package org.ccs.server.agent;
