package org.ccs.contact;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The public REST interface for chat and open media, under /contact/api. */
@ApplicationPath("api")
public class ContactApi extends Application {
}
