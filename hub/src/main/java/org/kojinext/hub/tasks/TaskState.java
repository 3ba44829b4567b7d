package org.kojinext.hub.tasks;

import org.kojinext.protocol.KojiFault;

/** Koji's TASK_STATES: the numbers are stored in task.state and sent on the wire. */
public enum TaskState {
    FREE(0), OPEN(1), CLOSED(2), CANCELED(3), ASSIGNED(4), FAILED(5);

    private static final TaskState[] BY_CODE = values();

    private final int code;

    TaskState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** CLOSED, CANCELED and FAILED: nothing more happens to such a task. */
    public boolean finished() {
        return this == CLOSED || this == CANCELED || this == FAILED;
    }

    public static TaskState of(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw KojiFault.generic("Invalid task state: " + code);
        }
        return BY_CODE[code];
    }

    /** A state given by number or by name, as listTasks' filters accept them. */
    public static TaskState parse(Object v) {
        if (v instanceof Number n) {
            return of(n.intValue());
        }
        if (v instanceof String s) {
            try {
                return valueOf(s.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw KojiFault.generic("Invalid task state: " + s);
            }
        }
        throw KojiFault.parameter("Invalid task state: " + v);
    }
}
