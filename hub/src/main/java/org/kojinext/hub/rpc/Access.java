package org.kojinext.hub.rpc;

import java.util.Objects;

/**
 * Who may call a method, declared with the method. There is no default: a method without an
 * access rule cannot be registered, so nothing becomes callable by accident.
 */
public final class Access {
    enum Kind { ANONYMOUS, AUTH_ENTRY, LOGGED_IN, HOST, PERMISSION }

    private static final Access ANONYMOUS = new Access(Kind.ANONYMOUS, null);
    private static final Access AUTH_ENTRY = new Access(Kind.AUTH_ENTRY, null);
    private static final Access LOGGED_IN = new Access(Kind.LOGGED_IN, null);
    private static final Access HOST = new Access(Kind.HOST, null);

    private final Kind kind;
    private final String permission;

    private Access(Kind kind, String permission) {
        this.kind = kind;
        this.permission = permission;
    }

    /** Anyone, logged in or not. The method only reads: a write it attempts fails the call. */
    public static Access anonymousRead() {
        return ANONYMOUS;
    }

    /**
     * Anyone, and the method may write. Only for the calls that establish a session (login),
     * which by their nature run before the caller is known.
     */
    public static Access authEntry() {
        return AUTH_ENTRY;
    }

    /** Any logged-in user. */
    public static Access loggedIn() {
        return LOGGED_IN;
    }

    /**
     * A builder: the caller's user is a host and its session (or the session's master) holds the
     * user's exclusive lock, as Koji's Host.verify demands of every {@code host.*} call.
     */
    public static Access host() {
        return HOST;
    }

    /** A logged-in user holding the permission, directly or through a group, or admin. */
    public static Access permission(String name) {
        return new Access(Kind.PERMISSION, Objects.requireNonNull(name, "name == null"));
    }

    public static Access admin() {
        return permission("admin");
    }

    Kind kind() {
        return kind;
    }

    /** The permission required, or null when the rule names none. */
    public String permissionName() {
        return permission;
    }

    /** True when the method may not change anything. */
    public boolean readOnly() {
        return kind == Kind.ANONYMOUS;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ANONYMOUS -> "anonymous (read-only)";
            case AUTH_ENTRY -> "anonymous (login)";
            case LOGGED_IN -> "logged in";
            case HOST -> "host (exclusive session)";
            case PERMISSION -> "permission " + permission;
        };
    }
}
