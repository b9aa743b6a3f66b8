package org.ccs.contact;

import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.ccs.server.media.MediaChannels;
import org.ccs.server.media.MediaException;
import org.ccs.server.media.MessageView;
import org.ccs.server.media.TextChannels;

/**
 * The web site's chat over REST (the WebSocket /contact/chat is the live alternative):
 * {@code POST /api/chats} with the entry point's key in {@code X-CCS-Key} starts a chat and returns
 * the chat id and the customer's token; every further request carries {@code Authorization: Bearer TOKEN}.
 */
@Path("chats")
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {

    @EJB
    MediaChannels media;

    @Context
    HttpServletRequest http;

    /** Starting a chat: the entry point, optionally the customer's name and e-mail and a first message. */
    public record StartRequest(String entryPoint, String name, String email, String message) {
    }

    /** A started chat: id, token, the WebSocket path and the longest message accepted. */
    public record Started(String chatId, String token, String webSocket, int maxMessageChars) {
    }

    /** A message from the customer. */
    public record Say(String text) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(StartRequest request, @HeaderParam("X-CCS-Key") String key, @HeaderParam("Origin") String origin) {
        if (request == null) {
            throw new MediaException(MediaException.Reason.INVALID, "the request has no body");
        }
        TextChannels.ChatSession s = media.text().startChat(new TextChannels.ChatStart(request.entryPoint(), key,
                request.name(), request.email(), request.message()), origin, http.getRemoteAddr());
        return Response.status(Response.Status.CREATED)
                .entity(new Started(s.chatId(), s.token(), http.getContextPath() + "/chat", s.maxMessageChars())).build();
    }

    @GET
    @Path("{chatId}/messages")
    public List<MessageView> messages(@PathParam("chatId") String chatId, @QueryParam("after") @DefaultValue("0") int after,
                                      @HeaderParam("Authorization") String authorization) {
        return media.text().chatMessages(chatId, bearer(authorization), after);
    }

    @POST
    @Path("{chatId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response say(@PathParam("chatId") String chatId, Say say, @HeaderParam("Authorization") String authorization) {
        MessageView m = media.text().customerSays(chatId, bearer(authorization), say == null ? null : say.text());
        return Response.status(Response.Status.CREATED).entity(m).build();
    }

    @DELETE
    @Path("{chatId}")
    public Response end(@PathParam("chatId") String chatId, @HeaderParam("Authorization") String authorization) {
        media.text().customerEnds(chatId, bearer(authorization));
        return Response.noContent().build();
    }

    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new MediaException(MediaException.Reason.UNAUTHORIZED, "Authorization: Bearer TOKEN is required");
        }
        return authorization.substring(7).strip();
    }
}
