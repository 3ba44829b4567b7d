package org.kojinext.hub.repos;

import org.kojinext.protocol.KojiFault;

/** Koji's REPO_STATES. */
public final class RepoState {
    public static final int INIT = 0;
    public static final int READY = 1;
    public static final int EXPIRED = 2;
    public static final int DELETED = 3;
    public static final int PROBLEM = 4;
    private static final String[] NAMES = {"INIT", "READY", "EXPIRED", "DELETED", "PROBLEM"};

    private RepoState() {
    }

    public static String name(int state) {
        if (state < 0 || state >= NAMES.length) {
            throw KojiFault.parameter("Unknown repo state: " + state);
        }
        return NAMES[state];
    }
}
