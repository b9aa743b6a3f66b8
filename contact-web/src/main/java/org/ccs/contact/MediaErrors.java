package org.ccs.contact;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;
import org.ccs.server.media.MediaException;

/**
 * Maps what the text channels refuse to status codes with a message for the caller; anything
 * unexpected becomes 500 "internal error" (the server log has the kind of failure, never the request's content).
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
        if (t instanceof MediaException m) {
            Response.ResponseBuilder r = Response.status(m.reason().httpStatus()).entity(new ErrorMessage(m.getMessage()))
                    .type(MediaType.APPLICATION_JSON);
            if (m.reason() == MediaException.Reason.RATE_LIMITED) {
                r.header("Retry-After", "5");
            }
            return r.build();
        }
        if (t instanceof IllegalArgumentException) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new ErrorMessage(t.getMessage()))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        LOG.warning("text-media request failed: " + t.getClass().getSimpleName());
        return Response.status(Response.Status.INTERNAL_SERVER_ERROR).entity(new ErrorMessage("internal error"))
                .type(MediaType.APPLICATION_JSON).build();
    }


    /** MediaException to its status. */
    @Provider
    public static final class OfMedia implements ExceptionMapper<MediaException> {
        @Override
        public Response toResponse(MediaException e) {
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

    /** A guard of the domain (an invalid value). */
    @Provider
    public static final class OfInvalid implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return MediaErrors.toResponse(e);
        }
    }
}
