package org.ccs.csta;

/** The PBX refused a service request (CSTAErrorCode); category and value name the reason. */
public class CstaServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String category;
    private final String value;

    public CstaServiceException(String category, String value) {
        super("CSTA service refused: " + category + " " + value);
        this.category = category;
        this.value = value;
    }

    public String category() {
        return category;
    }

    public String value() {
        return value;
    }
}
