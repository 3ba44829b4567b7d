package org.kojinext.cli.commands.tasks;

import java.time.Duration;
import java.util.List;
import org.kojinext.cli.CliEnv;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.watch.TaskWatch;

/** What the commands that start tasks share about watching them. */
final class Watching {
    static final String PROGNAME = "kojinext";

    private Watching() {
    }

    /**
     * Koji's rule: --wait watches, --nowait does not, and without either a command watches unless
     * it runs in the background (Koji: standard input is not the foreground terminal).
     */
    static boolean wanted(Boolean wait, CliEnv env) {
        return wait != null ? wait : env.interactive();
    }

    static int watch(HubLink hub, CliEnv env, List<Integer> ids, boolean quiet) throws InterruptedException {
        Duration poll = Duration.ofSeconds(hub.profile().integer("poll_interval"));
        return new TaskWatch(hub, env.out(), quiet, poll, hub.profile().topurl(), PROGNAME).watch(ids);
    }

    static int taskId(String arg, String message) {
        try {
            return Integer.parseInt(arg.strip());
        } catch (NumberFormatException e) {
            throw new CliFailure(message, 2);
        }
    }
}
