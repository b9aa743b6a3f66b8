package org.ccs.server.media.mail;

/** A mail from which no contact can be made (no usable sender, a broken structure). */
public class UnparseableMailException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnparseableMailException(String reason) {
        super(reason);
    }
}
