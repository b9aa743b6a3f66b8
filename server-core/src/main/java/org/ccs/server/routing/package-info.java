/**
 * Routing of text media (e-mail, chat, open media) to agents, since no PBX routes them: a queue per
 * agent group, the media each agent may handle with a limit of parallel contacts per medium, offers to
 * the longest-idle available agent who may take the contact, accept, close, and offers that return
 * to the queue when they are not accepted in time. {@link org.ccs.server.routing.Router} is the
 * logic, plain Java with an injectable clock; {@link org.ccs.server.routing.MediaRouting} holds it in
 * the server and keeps the conversations' state in the database.
 */
package org.ccs.server.routing;
