package org.kojinext.builder;

import java.util.List;

/** Runs one task method. A handler throws KojiFault (or anything) to fail its task. */
public interface TaskHandler {
    /** What the task counts against the host's capacity (Koji's _taskWeight). */
    double weight();

    Object run(TaskContext task, List<Object> args) throws Exception;
}
