package org.kojinext.protocol;

/**
 * Koji's fault codes, one per exception class of {@code koji/__init__.py}. Clients map a code
 * back to a class, so the numbers and names are part of the wire and never change.
 */
public enum FaultCode {
    /** Any failure that is not one of Koji's own errors. */
    UNEXPECTED(1, "Fault"),
    GENERIC(1000, "GenericError"),
    LOCK(1001, "LockError"),
    AUTH(1002, "AuthError"),
    TAG(1003, "TagError"),
    ACTION_NOT_ALLOWED(1004, "ActionNotAllowed"),
    BUILD(1005, "BuildError"),
    AUTH_LOCK(1006, "AuthLockError"),
    AUTH_EXPIRED(1007, "AuthExpired"),
    SEQUENCE(1008, "SequenceError"),
    RETRY(1009, "RetryError"),
    PRE_BUILD(1010, "PreBuildError"),
    POST_BUILD(1011, "PostBuildError"),
    BUILDROOT(1012, "BuildrootError"),
    FUNCTION_DEPRECATED(1013, "FunctionDeprecated"),
    SERVER_OFFLINE(1014, "ServerOffline"),
    LIVECD(1015, "LiveCDError"),
    PLUGIN(1016, "PluginError"),
    CALLBACK(1017, "CallbackError"),
    APPLIANCE(1018, "ApplianceError"),
    PARAMETER(1019, "ParameterError"),
    IMPORT(1020, "ImportError"),
    CONFIGURATION(1021, "ConfigurationError"),
    LIVE_MEDIA(1022, "LiveMediaError"),
    GSSAPI_AUTH(1023, "GSSAPIAuthError"),
    NAME_VALIDATION(1024, "NameValidationError");

    private final int code;
    private final String kojiName;

    FaultCode(int code, String kojiName) {
        this.code = code;
        this.kojiName = kojiName;
    }

    public int code() {
        return code;
    }

    /** The name of Koji's exception class for this code. */
    public String kojiName() {
        return kojiName;
    }

    /** The code's enum constant, or {@code null} for a number Koji does not define. */
    public static FaultCode of(int code) {
        if (code == 1) {
            return UNEXPECTED;
        }
        if (code >= 1000 && code <= 1024) {
            return values()[code - 1000 + 1];
        }
        return null;
    }
}
