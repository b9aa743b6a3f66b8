package org.ccs.manager;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The Manager's REST interface, under /manager/api. */
@ApplicationPath("api")
public class ManagerApi extends Application {
}
