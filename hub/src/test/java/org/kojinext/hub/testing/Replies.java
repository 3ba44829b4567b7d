package org.kojinext.hub.testing;

import java.util.Map;
import org.kojinext.protocol.KojiFault;

/** Reading what a call answered: a struct, or the fault it raised. */
public final class Replies {
    private Replies() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** The fault {@code r} raised; a call that raised none fails the test. */
    public static KojiFault fault(Runnable r) {
        try {
            r.run();
        } catch (KojiFault f) {
            return f;
        }
        throw new AssertionError("expected a fault");
    }
}
