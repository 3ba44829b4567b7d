package org.kojinext.hub.auth;

/** Koji's USER_STATUS, USERTYPES and AUTHTYPES numbers, as stored in the database. */
public final class UserStatus {
    public static final int NORMAL = 0;
    public static final int BLOCKED = 1;

    public static final int TYPE_NORMAL = 0;
    public static final int TYPE_HOST = 1;
    public static final int TYPE_GROUP = 2;

    public static final int AUTH_NORMAL = 0;
    public static final int AUTH_KERBEROS = 1;
    public static final int AUTH_SSL = 2;
    public static final int AUTH_GSSAPI = 3;

    private UserStatus() {
    }
}
