package org.kojinext.cli.builds;

import java.util.List;
import org.kojinext.cli.Py;

/** Koji's state enums, by code. */
public final class States {
    public static final List<String> BUILD = List.of("BUILDING", "COMPLETE", "DELETED", "FAILED", "CANCELED");
    public static final List<String> TASK = List.of("FREE", "OPEN", "CLOSED", "CANCELED", "ASSIGNED", "FAILED");
    public static final List<String> REPO = List.of("INIT", "READY", "EXPIRED", "DELETED", "PROBLEM");

    private States() {
    }

    public static String name(List<String> states, Object code) {
        Integer c = Py.intOf(code);
        return c != null && c >= 0 && c < states.size() ? states.get(c) : String.valueOf(code);
    }
}
