package org.ccs.portal;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The Agent Portal's REST interface, under /agent/api. */
@ApplicationPath("api")
public class AgentApi extends Application {
}
