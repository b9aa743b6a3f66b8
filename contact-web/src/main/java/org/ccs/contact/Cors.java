package org.ccs.contact;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Cross-origin access for the chat widget on the site's own web pages: any origin may call (no
 * cookies are used, the access key and the chat token authenticate; each entry point names the one
 * origin it accepts chats from), answered pre-flights included.
 */
@Provider
@PreMatching
public class Cors implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && request.getHeaderString("Origin") != null) {
            request.abortWith(Response.noContent().build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString("Origin") != null) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
            response.getHeaders().putSingle("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
            response.getHeaders().putSingle("Access-Control-Allow-Headers", "Content-Type, Authorization, X-CCS-Key, X-CCS-Connector");
            response.getHeaders().putSingle("Access-Control-Max-Age", "600");
        }
    }
}
