package org.ccs.manager;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ccs.server.retention.InvalidRetentionException;
import org.ccs.server.retention.LegalHoldException;
import org.ccs.server.retention.LegalHoldService;
import org.ccs.server.retention.LegalHoldView;
import org.ccs.server.retention.PurgeRunView;
import org.ccs.server.retention.PurgeService;
import org.ccs.server.retention.PurgeStatus;
import org.ccs.server.retention.PurgeUnavailableException;
import org.ccs.server.retention.RetentionCategory;
import org.ccs.server.retention.RetentionPolicyView;
import org.ccs.server.retention.RetentionService;
import org.ccs.server.security.Role;

/**
 * Retention for managers, under /manager/api/retention: the period per data category (1 to 3653 days;
 * a longer one is answered 400 with the reason), the purge (status and progress of the current or last
 * run, the recent runs, run now, stop) and legal holds (list, place on a customer, on contact records or
 * on a category, lift). Every change is audited by the services with the manager's login and address.
 * Takes and returns transfer objects only. MANAGER only (also enforced by web.xml for /api/retention/*).
 */
@Path("retention")
@RolesAllowed(Role.MANAGER_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    @Inject
    RetentionService retention;

    @Inject
    LegalHoldService holds;

    @Inject
    PurgeService purge;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /** A refusal, with a reason a manager can act on. */
    public record Problem(String error) {
    }

    /** Body of PUT /policies/{category}. */
    public record DaysChange(Integer days) {
    }

    /** Body of POST /holds: a matter, a reason, and exactly one of customerId, contactIds, category. */
    public record HoldRequest(String matterRef, String reason, Long customerId, List<Long> contactIds, String category) {
    }

    /** Body of POST /holds/{id}/lift and POST /holds/lift (the latter with matterRef: every hold of the matter). */
    public record LiftRequest(String reason, String matterRef) {
    }

    /** Answer to run/stop requests. */
    public record Accepted(String message) {
    }

    // ---- retention periods ------------------------------------------------------------------------

    @GET
    @Path("policies")
    public List<RetentionPolicyView> policies() {
        return retention.policies();
    }

    @GET
    @Path("policies/{category}")
    public Response policy(@PathParam("category") String category) {
        Optional<RetentionCategory> c = category(category);
        if (c.isEmpty()) {
            return unknownCategory(category);
        }
        return retention.policies().stream().filter(p -> p.category() == c.get()).findFirst()
                .map(p -> Response.ok(p).build()).orElseGet(() -> unknownCategory(category));
    }

    @PUT
    @Path("policies/{category}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeDays(@PathParam("category") String category, DaysChange change) {
        Optional<RetentionCategory> c = category(category);
        if (c.isEmpty()) {
            return unknownCategory(category);
        }
        if (change == null || change.days() == null) {
            return problem(Response.Status.BAD_REQUEST, "the number of days is required, e.g. {\"days\": 365}");
        }
        try {
            return Response.ok(retention.changeDays(c.get(), change.days(), actor(), Role.MANAGER, address())).build();
        } catch (InvalidRetentionException e) {
            return problem(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    // ---- purge ------------------------------------------------------------------------------------

    /** Whether the scheduler runs, when the purge fires next, and the current or last run with its progress. */
    @GET
    @Path("purge")
    public Response purgeStatus() {
        try {
            PurgeStatus status = purge.status();
            return Response.ok(status).build();
        } catch (PurgeUnavailableException e) {
            return problem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    @GET
    @Path("purge/runs")
    public Response purgeRuns(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 500) {
            return problem(Response.Status.BAD_REQUEST, "limit must be between 1 and 500");
        }
        try {
            List<PurgeRunView> runs = purge.recentRuns(limit);
            return Response.ok(runs).build();
        } catch (PurgeUnavailableException e) {
            return problem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    @POST
    @Path("purge/run")
    public Response runPurgeNow() {
        try {
            purge.runNow(actor(), address());
            return Response.accepted(new Accepted("purge run requested; GET purge shows its progress")).build();
        } catch (PurgeUnavailableException e) {
            return problem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    @POST
    @Path("purge/stop")
    public Response stopPurge() {
        try {
            return purge.stop(actor(), address())
                    ? Response.accepted(new Accepted("the purge stops after its current batch; the next run resumes it")).build()
                    : problem(Response.Status.CONFLICT, "no purge is running");
        } catch (PurgeUnavailableException e) {
            return problem(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    // ---- legal holds ------------------------------------------------------------------------------

    @GET
    @Path("holds")
    public List<LegalHoldView> holds(@QueryParam("all") @DefaultValue("false") boolean all) {
        return holds.list(all);
    }

    @POST
    @Path("holds")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response placeHold(HoldRequest hold) {
        if (hold == null) {
            return problem(Response.Status.BAD_REQUEST, "a matter reference, a reason and what to hold are required");
        }
        int targets = (hold.customerId() != null ? 1 : 0) + (hold.contactIds() != null ? 1 : 0) + (hold.category() != null ? 1 : 0);
        if (targets != 1) {
            return problem(Response.Status.BAD_REQUEST, "name exactly one of customerId, contactIds or category");
        }
        try {
            List<LegalHoldView> placed;
            if (hold.customerId() != null) {
                placed = List.of(holds.placeOnCustomer(hold.customerId(), hold.matterRef(), hold.reason(), actor(),
                        Role.MANAGER, address()));
            } else if (hold.contactIds() != null) {
                placed = holds.placeOnContacts(hold.contactIds(), hold.matterRef(), hold.reason(), actor(), Role.MANAGER,
                        address());
            } else {
                Optional<RetentionCategory> c = category(hold.category());
                if (c.isEmpty()) {
                    return unknownCategory(hold.category());
                }
                placed = List.of(holds.placeOnCategory(c.get(), hold.matterRef(), hold.reason(), actor(), Role.MANAGER,
                        address()));
            }
            return Response.status(Response.Status.CREATED).entity(placed).build();
        } catch (LegalHoldException e) {
            return holdProblem(e);
        }
    }

    @POST
    @Path("holds/{id}/lift")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response liftHold(@PathParam("id") long id, LiftRequest lift) {
        try {
            return Response.ok(holds.lift(id, lift == null ? null : lift.reason(), actor(), Role.MANAGER, address())).build();
        } catch (LegalHoldException e) {
            return holdProblem(e);
        }
    }

    @POST
    @Path("holds/lift")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response liftMatter(LiftRequest lift) {
        try {
            return Response.ok(holds.liftMatter(lift == null ? null : lift.matterRef(), lift == null ? null : lift.reason(),
                    actor(), Role.MANAGER, address())).build();
        } catch (LegalHoldException e) {
            return holdProblem(e);
        }
    }

    // -----------------------------------------------------------------------------------------------

    private String actor() {
        return security.getUserPrincipal().getName();
    }

    private String address() {
        return request == null ? null : request.getRemoteAddr();
    }

    private static Optional<RetentionCategory> category(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RetentionCategory.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response unknownCategory(String name) {
        return problem(Response.Status.NOT_FOUND, "no data category '" + name + "'; the categories are "
                + List.of(RetentionCategory.values()));
    }

    private static Response holdProblem(LegalHoldException e) {
        Response.Status status = switch (e.kind()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return problem(status, e.getMessage());
    }

    private static Response problem(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Problem(message)).build();
    }
}
