package org.ccs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.informix.InformixParser;
import org.junit.jupiter.api.Test;

/**
 * Flyway's own Informix parser (the one that will send the statements to the server) splits each
 * Informix script into the statements we mean: SPL routines whole, everything else at ';'. Uses
 * Flyway internals, on purpose: a Flyway upgrade that changes the splitting should fail here.
 */
class FlywayInformixParsingTest {

    @Test
    void flywaySplitsInformixScriptsAsIntended() throws IOException {
        for (Path file : SqlSchemaReader.migrationFiles(Scripts.folder(Dialect.INFORMIX))) {
            String sql = Files.readString(file, StandardCharsets.UTF_8);
            List<String> flyway = flywayStatements(sql);
            List<SqlTokenizer.Statement> ours = SqlTokenizer.statements(sql, true);
            assertEquals(ours.size(), flyway.size(), file.getFileName() + ": statement count, Flyway vs SqlTokenizer");
            for (String st : flyway) {
                String upper = st.strip().toUpperCase(Locale.ROOT);
                if (upper.startsWith("CREATE PROCEDURE") || upper.startsWith("CREATE DBA PROCEDURE")) {
                    assertTrue(upper.endsWith("END PROCEDURE"), file.getFileName() + ": routine cut short: " + st);
                }
                if (upper.startsWith("CREATE FUNCTION") || upper.startsWith("CREATE DBA FUNCTION")) {
                    assertTrue(upper.endsWith("END FUNCTION"), file.getFileName() + ": routine cut short: " + st);
                }
            }
        }
    }

    private static List<String> flywayStatements(String sql) {
        InformixParser parser = new InformixParser(new FluentConfiguration(), new ParsingContext());
        List<String> out = new ArrayList<>();
        try (SqlStatementIterator it = parser.parse(new StringResource(sql))) {
            while (it.hasNext()) {
                SqlStatement st = it.next();
                out.add(st.getSql());
            }
        }
        return out;
    }
}
