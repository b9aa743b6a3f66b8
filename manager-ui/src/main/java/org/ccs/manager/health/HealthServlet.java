package org.ccs.manager.health;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.ccs.server.health.DatabaseReadiness;
import org.ccs.server.media.MediaChannels;
import org.ccs.server.telephony.TelephonyBridge;

/**
 * Readiness of CCS for monitoring: {@code GET https://HOST:8443/manager/health}, 200 with
 * {"status":"UP",...} or 503 with "DOWN". No login needed; it says which part is down but no address,
 * password or personal data (the server log names the failing datasource and address).
 * WildFly's own checks (boot errors, deployments) stay on the management port under /health;
 * this servlet exists because WildFly's MicroProfile Health does not discover checks in EAR
 * subdeployments.
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient DatabaseReadiness database;

    @Inject
    transient TelephonyBridge telephony;

    @Inject
    transient MediaChannels media;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        DatabaseReadiness.State db = database.state();
        TelephonyBridge.LinkStatus link = telephony.status();
        boolean dbUp = db == DatabaseReadiness.State.READY;
        boolean linkUp = !link.configured() || link.connected();
        MediaChannels.Health mail = media.health();
        boolean up = dbUp && linkUp && mail.up();
        String json = "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"checks\":["
                + "{\"name\":\"ccs-database\",\"status\":\"" + (dbUp ? "UP" : "DOWN") + "\",\"data\":{\"state\":\"" + db + "\"}},"
                + "{\"name\":\"ccs-pbx-link\",\"status\":\"" + (linkUp ? "UP" : "DOWN") + "\",\"data\":{"
                + "\"configured\":" + link.configured() + ",\"connected\":" + link.connected()
                + ",\"contactsStored\":" + link.contactsStored() + ",\"duplicatesIgnored\":" + link.duplicatesIgnored()
                + ",\"storeFailures\":" + link.storeFailures() + ",\"badFrames\":" + link.badFrames()
                + ",\"backlog\":" + link.backlog()
                + (link.configError() == null ? "" : ",\"configError\":" + jakarta.json.Json.createValue(link.configError())) + "}},"
                + mail.json() + "]}";
        resp.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setContentType("application/json");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(json);
    }
}
