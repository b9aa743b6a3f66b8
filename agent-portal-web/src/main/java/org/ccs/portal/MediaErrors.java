package org.ccs.portal;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;
import org.ccs.server.media.MediaException;
import org.ccs.server.media.mail.MailUnavailableException;

/**
 * Maps what the text channels refuse to status codes with a message for the agent; anything unexpected
 * becomes 500 "internal error" (the server log has the kind of failure, never the content).
 */
public final class MediaErrors {

    private static final Logger LOG = Logger.getLogger(MediaErrors.class.getName());

    private MediaErrors() {
    }

    static Response toResponse(Throwable e) {
        Throwable t = e;
        while (t instanceof EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        int status;
        String message;
        if (t instanceof MediaException m) {
            status = m.reason().httpStatus();
            message = m.getMessage();
        } else if (t instanceof MailUnavailableException m) {
            status = m.reason() == MailUnavailableException.Reason.NOT_FOUND ? 404 : 503;
            message = m.getMessage();
        } else if (t instanceof IllegalArgumentException) {
            status = 400;
            message = t.getMessage();
        } else {
            LOG.warning("text-media request of an agent failed: " + t.getClass().getSimpleName());
            status = 500;
            message = "internal error";
        }
        return Response.status(status).entity(new MeResource.ErrorMessage(message)).type(MediaType.APPLICATION_JSON).build();
    }

    /** MediaException to its status. */
    @Provider
    public static final class OfMedia implements ExceptionMapper<MediaException> {
        @Override
        public Response toResponse(MediaException e) {
            return MediaErrors.toResponse(e);
        }
    }

    /** The mail server could not be read or written. */
    @Provider
    public static final class OfMail implements ExceptionMapper<MailUnavailableException> {
        @Override
        public Response toResponse(MailUnavailableException e) {
            return MediaErrors.toResponse(e);
        }
    }

    /** An EJB call that failed: its cause decides. */
    @Provider
    public static final class OfEjb implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            return MediaErrors.toResponse(e);
        }
    }
}
