package org.ccs.portal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import org.ccs.server.media.MediaChannels;
import org.ccs.server.media.MediaException;
import org.ccs.server.media.MessageView;
import org.ccs.server.media.mail.MailContent;
import org.ccs.server.media.mail.MailRecords;
import org.ccs.server.media.mail.MailUnavailableException;
import org.ccs.server.routing.AgentWork;
import org.ccs.server.routing.MediaRouting;

/**
 * The agent's side of text media (e-mail, chat, open media) under /agent/api/media: become available,
 * see offers and accepted contacts, accept, read (chat messages; e-mails fetched from the mail server
 * with their attachments), write or reply, and close (wrap-up done). The portal pages come with the
 * Agent Portal issue; this is their interface.
 */
@Path("media")
@RolesAllowed("AGENT")
@Produces(MediaType.APPLICATION_JSON)
public class MediaWorkResource {

    @EJB
    MediaRouting routing;

    @EJB
    MediaChannels media;

    @Context
    SecurityContext security;

    /** Whether the agent takes text contacts. */
    public record Availability(boolean available) {
    }

    /** A message or reply the agent writes. */
    public record Text(String text) {
    }

    /** A mail of the thread (headers only; the content is fetched with its own request). */
    public record MailSummary(long id, String direction, String party, String subject, Instant at) {
    }

    /** A sent reply. */
    public record Replied(String messageId, boolean filed) {
    }

    /** Contacts waiting in a group's queue (group null: contacts without a group). */
    public record QueueCount(Long groupId, int waiting) {
    }

    @GET
    @Path("availability")
    public Availability availability() {
        return new Availability(routing.isAvailable(me()));
    }

    @PUT
    @Path("availability")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setAvailability(Availability wanted) {
        long agent = me();
        if (wanted != null && wanted.available()) {
            if (!routing.makeAvailable(agent)) {
                routing.makeUnavailable(agent);
                throw new MediaException(MediaException.Reason.CONFLICT, "no text media are configured for this agent");
            }
        } else {
            routing.makeUnavailable(agent);
        }
        return Response.ok(new Availability(routing.isAvailable(agent))).build();
    }

    @GET
    @Path("work")
    public List<AgentWork> work() {
        return routing.workOf(me());
    }

    @POST
    @Path("work/{id}/accept")
    public Response accept(@PathParam("id") String id) {
        if (!routing.accept(me(), id)) {
            throw new MediaException(MediaException.Reason.CONFLICT, "this contact is not offered to you (any more)");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("work/{id}/messages")
    public List<MessageView> messages(@PathParam("id") String id, @QueryParam("after") @DefaultValue("0") int after) {
        return media.text().agentReads(id, me(), after);
    }

    @POST
    @Path("work/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response write(@PathParam("id") String id, Text text) {
        MessageView m = media.text().agentSays(id, me(), security.getUserPrincipal().getName(), text == null ? null : text.text());
        return Response.status(Response.Status.CREATED).entity(m).build();
    }

    @GET
    @Path("work/{id}/mails")
    public List<MailSummary> mails(@PathParam("id") String id) {
        return media.thread(id, me()).stream().map(MediaWorkResource::summary).toList();
    }

    @GET
    @Path("work/{id}/mails/{mail}")
    public MailContent mail(@PathParam("id") String id, @PathParam("mail") long mail) throws MailUnavailableException {
        return media.read(id, me(), mail);
    }

    @GET
    @Path("work/{id}/mails/{mail}/attachments/{n}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("id") String id, @PathParam("mail") long mail, @PathParam("n") int n)
            throws MailUnavailableException {
        MailContent.AttachmentData a = media.attachment(id, me(), mail, n);
        String name = a.fileName() == null ? "attachment-" + n : a.fileName().replaceAll("[^A-Za-z0-9._ -]", "_");
        return Response.ok(a.bytes(), MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    @POST
    @Path("work/{id}/reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reply(@PathParam("id") String id, Text text) throws MailUnavailableException {
        var sent = media.reply(id, me(), text == null ? null : text.text());
        return Response.status(Response.Status.CREATED).entity(new Replied(sent.messageId(), sent.filed().isPresent())).build();
    }

    /** Closes the contact (wrap-up done): a chat or open-media conversation ends and is recorded; the slot is free. */
    @POST
    @Path("work/{id}/close")
    public Response close(@PathParam("id") String id) {
        long agent = me();
        if (!routing.handles(agent, id)) {
            throw new MediaException(MediaException.Reason.NOT_FOUND, "no such contact among yours");
        }
        media.text().agentEnds(id, agent);
        routing.release(agent, id);
        return Response.noContent().build();
    }

    @GET
    @Path("queues")
    public List<QueueCount> queues() {
        return routing.waitingPerGroup().entrySet().stream().map(e -> new QueueCount(e.getKey(), e.getValue())).toList();
    }

    private long me() {
        return routing.agentOf(security.getUserPrincipal().getName())
                .orElseThrow(() -> new MediaException(MediaException.Reason.NOT_FOUND, "this login is not linked to an agent"));
    }

    private static MailSummary summary(MailRecords.ThreadMail m) {
        return new MailSummary(m.contactId(), m.direction().name(), m.party(), m.subject(), m.at());
    }

}
