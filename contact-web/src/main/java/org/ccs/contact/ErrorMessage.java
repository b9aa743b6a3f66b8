package org.ccs.contact;

/** The body of every error answer: a message for the caller, nothing internal. */
public record ErrorMessage(String message) {
}
