package org.ccs.server.gdpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectIdentifierTest {

    @Test
    void buildsTheProceduresSubjectArgument() {
        assertEquals("phone:+44 20 7946 0123;email:Harriet.Quenby@example.com;customer_id:CUST-1",
                SubjectIdentifier.subject(List.of(
                        new SubjectIdentifier(SubjectIdentifier.Type.PHONE, " +44 20 7946 0123 "),
                        new SubjectIdentifier(SubjectIdentifier.Type.of("Email"), "Harriet.Quenby@example.com"),
                        new SubjectIdentifier(SubjectIdentifier.Type.of("customer-id"), "CUST-1"))));
    }

    @Test
    void refusesWhatWouldSplitOrCorruptTheRequestWithoutEchoingIt() {
        GdprRequestException e = assertThrows(GdprRequestException.class,
                () -> new SubjectIdentifier(SubjectIdentifier.Type.NAME, "Harriet;phone:123"));
        assertFalse(e.getMessage().contains("Harriet"), e.getMessage());
        assertThrows(GdprRequestException.class, () -> new SubjectIdentifier(SubjectIdentifier.Type.NAME, "a\nb"));
        assertThrows(GdprRequestException.class, () -> new SubjectIdentifier(SubjectIdentifier.Type.EMAIL, " "));
        assertThrows(GdprRequestException.class, () -> new SubjectIdentifier(SubjectIdentifier.Type.EMAIL, "x".repeat(255)));
        assertThrows(GdprRequestException.class, () -> SubjectIdentifier.Type.of("fax"));
        assertThrows(GdprRequestException.class, () -> SubjectIdentifier.subject(List.of()));
    }

    @Test
    void neverShowsTheValue() {
        assertEquals("SubjectIdentifier[email]",
                new SubjectIdentifier(SubjectIdentifier.Type.EMAIL, "harriet.quenby@example.com").toString());
    }
}
