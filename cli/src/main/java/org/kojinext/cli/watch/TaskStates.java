package org.kojinext.cli.watch;

import java.util.List;

/** Koji's TASK_STATES, by number, and which of them end a task. */
public final class TaskStates {
    public static final int FREE = 0;
    public static final int OPEN = 1;
    public static final int CLOSED = 2;
    public static final int CANCELED = 3;
    public static final int ASSIGNED = 4;
    public static final int FAILED = 5;
    private static final List<String> NAMES = List.of("FREE", "OPEN", "CLOSED", "CANCELED", "ASSIGNED", "FAILED");

    private TaskStates() {
    }

    /** The upper-case name, or BADSTATE as Koji's print_task shows an unknown number. */
    public static String name(Object state) {
        if (state instanceof Number n && n.intValue() >= 0 && n.intValue() < NAMES.size()) {
            return NAMES.get(n.intValue());
        }
        return "BADSTATE";
    }

    public static String lower(Object state) {
        return name(state).toLowerCase(java.util.Locale.ROOT);
    }

    public static boolean done(int state) {
        return state == CLOSED || state == CANCELED || state == FAILED;
    }
}
