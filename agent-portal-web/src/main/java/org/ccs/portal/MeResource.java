package org.ccs.portal;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.ccs.server.agent.AgentService;

/** The signed-in agent: name and state. */
@Path("me")
public class MeResource {

    @Inject
    AgentService agents;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response me(@Context SecurityContext security) {
        return agents.forLogin(security.getUserPrincipal().getName())
                .map(a -> Response.ok(a).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(new ErrorMessage("this login is not linked to an agent")).build());
    }

    /** A plain error body. */
    public record ErrorMessage(String message) {
    }
}
