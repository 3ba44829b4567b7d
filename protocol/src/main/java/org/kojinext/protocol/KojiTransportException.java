package org.kojinext.protocol;

/**
 * The hub could not be reached, or answered with something other than an RPC reply: an HTTP
 * error status (a 400 for a malformed request, say) or an unreadable body.
 */
public class KojiTransportException extends RuntimeException {
    private final int status;

    public KojiTransportException(String message) {
        super(message);
        this.status = 0;
    }

    public KojiTransportException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public KojiTransportException(int status, String body) {
        super("HTTP " + status + ": " + body.strip());
        this.status = status;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }
}
