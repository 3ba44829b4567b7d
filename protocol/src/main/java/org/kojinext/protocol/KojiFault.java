package org.kojinext.protocol;

/**
 * A fault as Koji sends it: a numeric code and a one-line message. Thrown by hub code to fail a
 * call, and by the client when the hub answers with a fault.
 */
public class KojiFault extends RuntimeException {
    private final int code;

    public KojiFault(FaultCode code, String message) {
        this(code.code(), message);
    }

    public KojiFault(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Koji's class name for the code, or "Fault" for a code Koji does not define. */
    public String faultName() {
        FaultCode known = FaultCode.of(code);
        return known == null ? "Fault" : known.kojiName();
    }

    public static KojiFault generic(String message) {
        return new KojiFault(FaultCode.GENERIC, message);
    }

    public static KojiFault parameter(String message) {
        return new KojiFault(FaultCode.PARAMETER, message);
    }

    public static KojiFault auth(String message) {
        return new KojiFault(FaultCode.AUTH, message);
    }

    public static KojiFault notAllowed(String message) {
        return new KojiFault(FaultCode.ACTION_NOT_ALLOWED, message);
    }
}
