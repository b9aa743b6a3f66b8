package org.ccs.portal;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.ccs.server.agent.AgentService;
import org.ccs.server.telephony.DialException;
import org.ccs.server.telephony.TelephonyBridge;

/** Click-to-dial: the signed-in agent's phone calls a number. */
@Path("calls")
public class CallsResource {

    @Inject
    AgentService agents;

    @Inject
    TelephonyBridge telephony;

    /** What the agent asks to call. */
    public record CallRequest(String number) {
    }

    /** The PBX's id of the call that was started. */
    public record CallStarted(String callId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response call(CallRequest request, @Context SecurityContext security) {
        String extension = agents.extensionForLogin(security.getUserPrincipal().getName()).orElse(null);
        if (extension == null) {
            return error(Response.Status.CONFLICT, "this login has no agent extension to call from");
        }
        try {
            return Response.ok(new CallStarted(telephony.makeCall(extension, request == null ? null : request.number()))).build();
        } catch (DialException e) {
            return error(e.reason() == DialException.Reason.INVALID_NUMBER
                    ? Response.Status.BAD_REQUEST : Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(new MeResource.ErrorMessage(message)).type(MediaType.APPLICATION_JSON).build();
    }
}
