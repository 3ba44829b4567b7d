package org.kojinext.cli;

import java.util.List;

/**
 * Koji's BUILD_STATES and REPO_STATES, by code, for printing a hub's state number. (Task states,
 * which the watcher also needs, are {@link org.kojinext.cli.watch.TaskStates}.)
 */
public final class States {
    public static final List<String> BUILD = List.of("BUILDING", "COMPLETE", "DELETED", "FAILED", "CANCELED");
    public static final List<String> REPO = List.of("INIT", "READY", "EXPIRED", "DELETED", "PROBLEM");

    private States() {
    }

    /** The state's name, or the code itself when it is not one of them. */
    public static String name(List<String> states, Object code) {
        Integer c = Py.intOf(code);
        return c != null && c >= 0 && c < states.size() ? states.get(c) : String.valueOf(code);
    }
}
