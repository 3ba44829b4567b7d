package org.kojinext.hub.builds;

/** Koji's BUILD_STATES; the ordinal is the value stored in build.state and sent on the wire. */
public enum BuildState {
    BUILDING, COMPLETE, DELETED, FAILED, CANCELED;

    public int code() {
        return ordinal();
    }

    /** The state for a stored code, or null for a code Koji does not define. */
    public static BuildState of(int code) {
        BuildState[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }
}
