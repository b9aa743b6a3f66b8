package org.ccs.db;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Where the migration folders are (on the test classpath, i.e. target/classes). */
final class Scripts {

    private Scripts() {
    }

    static Path folder(Dialect dialect) {
        URL url = Scripts.class.getClassLoader().getResource(dialect.resourcePath());
        if (url == null) {
            throw new IllegalStateException(dialect.resourcePath() + " is not on the classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
