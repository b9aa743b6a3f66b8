package org.ccs.manager;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.ccs.server.contact.ContactQueries;
import org.ccs.server.contact.ContactSummary;

/** Contact records, newest first, a page at a time. */
@Path("contacts")
public class ContactsResource {

    @Inject
    ContactQueries contacts;

    /** One page of contacts and the total. */
    public record Page(long total, int first, List<ContactSummary> items) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page list(@QueryParam("first") @DefaultValue("0") int first,
                     @QueryParam("size") @DefaultValue("50") int size) {
        if (first < 0 || size < 1 || size > ContactQueries.MAX_PAGE) {
            throw new BadRequestException("first must be 0 or more and size between 1 and " + ContactQueries.MAX_PAGE);
        }
        return new Page(contacts.count(), first, contacts.latest(first, size));
    }
}
