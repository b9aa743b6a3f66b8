package org.ccs.manager;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.ccs.server.media.MediaChannels;
import org.ccs.server.media.MediaConfiguration;
import org.ccs.server.media.MediaException;
import org.ccs.server.media.mail.MailboxStatus;
import org.ccs.server.routing.MediaRouting;
import org.ccs.server.security.Role;

/**
 * Text-media configuration for managers, under /manager/api/media: contact center mailboxes, chat
 * entry points and open-media connectors (their access keys are answered once, when made or renewed,
 * and stored only as hashes), the media each agent may handle, and the live state (mailboxes, contacts
 * waiting per group). Transfer objects only; MANAGER only.
 */
@Path("media")
@RolesAllowed(Role.MANAGER_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class MediaConfigResource {

    private static final Logger LOG = Logger.getLogger(MediaConfigResource.class.getName());

    @Inject
    MediaConfiguration config;

    @Inject
    MediaChannels channels;

    @Inject
    MediaRouting routing;

    /** A new chat entry point: its key (the widget names it), display name, the web origin allowed, its group. */
    public record NewEntryPoint(String entryPoint, String name, String allowedOrigin, Long groupId) {
    }

    /** A new open-media connector: its name and group. */
    public record NewConnector(String name, Long groupId) {
    }

    /** The live state of text media. */
    public record Status(List<MailboxStatus> mailboxes, Map<Long, Integer> waitingPerGroup) {
    }

    /** An error answer. */
    public record Error(String message) {
    }

    @GET
    @Path("mailboxes")
    public Response mailboxes() {
        return guarded(() -> Response.ok(config.mailboxes()).build());
    }

    @POST
    @Path("mailboxes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addMailbox(MediaConfiguration.NewMailbox mailbox) {
        return guarded(() -> {
            MediaConfiguration.MailboxView added = config.addMailbox(mailbox);
            channels.watch(added.id()); // committed: read it from now on
            return Response.status(Response.Status.CREATED).entity(added).build();
        });
    }

    @POST
    @Path("chat-entry-points")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addEntryPoint(NewEntryPoint e) {
        return guarded(() -> Response.status(Response.Status.CREATED).entity(config.addChatEntryPoint(
                e == null ? null : e.entryPoint(), e == null ? null : e.name(), e == null ? null : e.allowedOrigin(),
                e == null ? null : e.groupId())).build());
    }

    @POST
    @Path("chat-entry-points/{entryPoint}/key")
    public Response newKey(@PathParam("entryPoint") String entryPoint) {
        return guarded(() -> Response.ok(config.newChatKey(entryPoint)).build());
    }

    @POST
    @Path("open-media-connectors")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addConnector(NewConnector c) {
        return guarded(() -> Response.status(Response.Status.CREATED).entity(config.addConnector(
                c == null ? null : c.name(), c == null ? null : c.groupId())).build());
    }

    /** Body: the media and their limits, e.g. {"EMAIL": 3, "CHAT": 2}; media left out are taken away. */
    @PUT
    @Path("agents/{login}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response agentMedia(@PathParam("login") String login, Map<String, Integer> limits) {
        return guarded(() -> {
            Map<org.ccs.server.routing.MediaType, Integer> byMedium = new java.util.EnumMap<>(org.ccs.server.routing.MediaType.class);
            if (limits != null) {
                for (Map.Entry<String, Integer> e : limits.entrySet()) {
                    byMedium.put(medium(e.getKey()), e.getValue());
                }
            }
            return Response.ok(config.setAgentMedia(login, byMedium)).build();
        });
    }

    @GET
    @Path("status")
    public Status status() {
        return new Status(channels.mailboxes(), routing.waitingPerGroup());
    }

    private static org.ccs.server.routing.MediaType medium(String name) {
        try {
            return org.ccs.server.routing.MediaType.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("media are EMAIL, CHAT and OPEN_MEDIA");
        }
    }

    private static Response guarded(Supplier<Response> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            // an EJB wraps unexpected exceptions: its cause decides
            Throwable t = e instanceof MediaException || e instanceof IllegalArgumentException || e.getCause() == null
                    ? e : e.getCause();
            return error(t);
        }
    }

    private static Response error(Throwable t) {
        if (t instanceof MediaException m) {
            int status = switch (m.reason()) {
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case UNAVAILABLE -> 503;
                default -> 400;
            };
            return Response.status(status).entity(new Error(m.getMessage())).type(MediaType.APPLICATION_JSON).build();
        }
        if (t instanceof IllegalArgumentException) {
            return Response.status(400).entity(new Error(t.getMessage())).type(MediaType.APPLICATION_JSON).build();
        }
        LOG.warning("media configuration failed: " + t.getClass().getSimpleName());
        return Response.status(500).entity(new Error("internal error")).type(MediaType.APPLICATION_JSON).build();
    }
}
