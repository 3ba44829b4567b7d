package org.kojinext.hub.rpm;

/** A file that is not a well-formed rpm; the message is one line naming what is wrong. */
public final class RpmFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public RpmFormatException(String message) {
        super(message);
    }
}
