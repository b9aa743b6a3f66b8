package org.ccs.contact;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.ccs.server.media.MediaChannels;
import org.ccs.server.media.MessageView;
import org.ccs.server.media.TextChannels;

/**
 * The open-media interface for connectors (an SMS gateway, a social-media bridge). Every request names
 * the connector in {@code X-CCS-Connector} and carries its key in {@code X-CCS-Key}. A posted message
 * joins the sender's open conversation on that channel or starts one, which is routed to an agent;
 * the connector reads the agent's replies with GET and delivers them.
 */
@Path("open-media")
@Produces(MediaType.APPLICATION_JSON)
public class OpenMediaResource {

    @EJB
    MediaChannels media;

    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(TextChannels.OpenMessage message, @HeaderParam("X-CCS-Connector") String connector,
                         @HeaderParam("X-CCS-Key") String key) {
        TextChannels.OpenAccepted accepted = media.text().post(connector, key, message);
        return Response.status(Response.Status.ACCEPTED).entity(accepted).build();
    }

    @GET
    @Path("conversations/{id}/messages")
    public List<MessageView> messages(@PathParam("id") String id, @QueryParam("after") @DefaultValue("0") int after,
                                      @HeaderParam("X-CCS-Connector") String connector, @HeaderParam("X-CCS-Key") String key) {
        return media.text().openMessages(connector, key, id, after);
    }

    @DELETE
    @Path("conversations/{id}")
    public Response end(@PathParam("id") String id, @HeaderParam("X-CCS-Connector") String connector,
                        @HeaderParam("X-CCS-Key") String key) {
        media.text().openEnds(connector, key, id);
        return Response.noContent().build();
    }
}
