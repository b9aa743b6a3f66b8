package org.ccs.manager;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.ccs.server.gdpr.GdprActor;
import org.ccs.server.gdpr.GdprCount;
import org.ccs.server.gdpr.GdprDocument;
import org.ccs.server.gdpr.GdprEraseResult;
import org.ccs.server.gdpr.GdprHit;
import org.ccs.server.gdpr.GdprRequestException;
import org.ccs.server.gdpr.GdprService;
import org.ccs.server.gdpr.GdprUnavailableException;
import org.ccs.server.gdpr.SubjectIdentifier;
import org.ccs.server.security.Role;

/**
 * Data-subject requests under /manager/api/gdpr, for the DPO and managers (also enforced by web.xml
 * for /api/gdpr/*): find, export (Art. 15 and 20) and erase (a dry run unless {@code "dryRun": false})
 * of a customer, and erase of an employee. The server calls the database's own GDPR procedures
 * ({@link GdprService}); every call is audited with the caller's login and address.
 *
 * <pre>
 * POST /manager/api/gdpr/find    {"identifiers": [{"type": "phone", "value": "020 7946 0123"},
 *                                                 {"type": "email", "value": "harriet.quenby@example.com"}],
 *                                 "requestRef": "DSR-2025-0042"}
 * POST /manager/api/gdpr/export  (same body)  -> {"requestRef": ..., "documents": [ {...}, ... ]}
 * POST /manager/api/gdpr/erase   (same body, "dryRun": true|false; absent = true)
 * POST /manager/api/gdpr/erase-agent  {"login": "agent2002", "requestRef": "HR-7", "dryRun": true}
 * </pre>
 *
 * 400: the request is not valid (the message says why, never quoting an identifier); 409: erasure
 * refused, the subject is under legal hold; 503: the GDPR datasource is not configured or the database
 * does not answer.
 */
@Path("gdpr")
@RolesAllowed({Role.DPO_NAME, Role.MANAGER_NAME})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GdprResource {

    @Inject
    GdprService gdpr;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /** One identifier: type phone, email, customer_id, social or name, and its value as written. */
    public record Identifier(String type, String value) {
    }

    /** A request about a customer: identifiers of one person, the case number, and for erase the dry-run flag. */
    public record SubjectRequest(List<Identifier> identifiers, String requestRef, Boolean dryRun) {
    }

    /** A request about an employee: the agent's login (or user name). */
    public record AgentRequest(String login, String requestRef, Boolean dryRun) {
    }

    /** The rows about the subject. */
    public record FindResult(String requestRef, int rows, List<GdprHit> hits) {
    }

    /** The outcome of an erasure or dry run. */
    public record EraseResult(boolean dryRun, boolean refused, String message, int rowsChanged, List<GdprCount> counts) {
    }

    /** An error: what is wrong, for a person to read. */
    public record Problem(String error) {
    }

    @POST
    @Path("find")
    public Response find(SubjectRequest body) {
        return answer(() -> {
            List<GdprHit> hits = gdpr.find(identifiers(body), body.requestRef(), actor());
            return Response.ok(new FindResult(body.requestRef(), hits.size(), hits)).build();
        });
    }

    @POST
    @Path("export")
    public Response export(SubjectRequest body) {
        return answer(() -> {
            List<GdprDocument> docs = gdpr.export(identifiers(body), body.requestRef(), actor());
            // the documents are JSON already: written as they are, in one array
            StreamingOutput out = stream -> {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                w.write("{\"requestRef\":" + jsonString(body.requestRef()) + ",\"documents\":[");
                for (int i = 0; i < docs.size(); i++) {
                    w.write(i == 0 ? "" : ",");
                    w.write(docs.get(i).json());
                }
                w.write("]}");
                w.flush();
            };
            return Response.ok(out, MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @POST
    @Path("erase")
    public Response erase(SubjectRequest body) {
        return answer(() -> erased(gdpr.erase(identifiers(body), body.requestRef(), dryRun(body.dryRun()), actor())));
    }

    @POST
    @Path("erase-agent")
    public Response eraseAgent(AgentRequest body) {
        return answer(() -> {
            if (body == null) {
                throw new GdprRequestException("a body with the login is required");
            }
            return erased(gdpr.eraseAgent(body.login(), body.requestRef(), dryRun(body.dryRun()), actor()));
        });
    }

    private static Response erased(GdprEraseResult r) {
        EraseResult out = new EraseResult(r.dryRun(), r.refused(), r.message(), r.rowsChanged(), r.counts());
        return Response.status(r.refused() ? Response.Status.CONFLICT : Response.Status.OK).entity(out).build();
    }

    private static boolean dryRun(Boolean flag) {
        return flag == null || flag;
    }

    private static List<SubjectIdentifier> identifiers(SubjectRequest body) {
        if (body == null || body.identifiers() == null || body.identifiers().isEmpty()) {
            throw new GdprRequestException("at least one identifier is required");
        }
        return body.identifiers().stream()
                .map(i -> {
                    if (i == null) {
                        throw new GdprRequestException("an identifier is empty");
                    }
                    return new SubjectIdentifier(SubjectIdentifier.Type.of(i.type()), i.value());
                })
                .toList();
    }

    private GdprActor actor() {
        Role role = security.isUserInRole(Role.DPO_NAME) ? Role.DPO : Role.MANAGER;
        return new GdprActor(security.getUserPrincipal().getName(), role, request == null ? null : request.getRemoteAddr());
    }

    private static Response answer(Supplier<Response> call) {
        try {
            return call.get();
        } catch (GdprRequestException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(e.getMessage())).build();
        } catch (GdprUnavailableException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(new Problem(e.getMessage())).build();
        }
    }

    /** A JSON string of a request reference (letters, digits and . _ / # : -, as the service admits) or null. */
    private static String jsonString(String s) {
        if (s == null) {
            return "null";
        }
        return jakarta.json.Json.createValue(s).toString();
    }
}
