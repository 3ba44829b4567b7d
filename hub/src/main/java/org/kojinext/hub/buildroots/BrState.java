package org.kojinext.hub.buildroots;

import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Koji's BR_STATES, in the order that gives their codes. */
public enum BrState {
    INIT, WAITING, BUILDING, EXPIRED;

    public int code() {
        return ordinal();
    }

    /** A state named by its code or its name, as setBuildRootState takes it. */
    public static BrState parse(Object state) {
        if (state instanceof Integer i && i >= 0 && i < values().length) {
            return values()[i];
        }
        if (state instanceof String s) {
            for (BrState b : values()) {
                if (b.name().equals(s)) {
                    return b;
                }
            }
        }
        throw KojiFault.generic("Invalid buildroot state: " + PythonRepr.of(state));
    }

    public static BrState of(int code) {
        return values()[code];
    }
}
