package org.kojinext.cli.builds;

import java.util.List;
import org.kojinext.cli.CliCommand;

/** A command that makes tasks and, as Koji's, watches them unless told not to or run in the background. */
public abstract class TaskCommand extends CliCommand {
    /**
     * Koji's rule: wait with --wait, or without --nowait when a person runs the command in the
     * foreground. Returns the exit status.
     */
    protected int waitTasks(List<Integer> tasks, boolean waitOpt, boolean nowait) {
        boolean wait = waitOpt || (!nowait && env().interactive());
        if (!wait) {
            return 0;
        }
        return TaskWait.watch(hub(), tasks, global().quiet(), out());
    }
}
