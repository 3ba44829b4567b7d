package org.kojinext.cli.watch;

import java.time.Duration;
import java.util.List;
import org.kojinext.cli.CliEnv;
import org.kojinext.cli.HubLink;

/** What the commands that start tasks share about watching them. */
public final class Watching {
    /** The program name TaskWatch tells a person to run again when a watch is interrupted. */
    public static final String PROGNAME = "kojinext";

    private Watching() {
    }

    /**
     * Koji's rule: --wait watches, --nowait does not, and without either a command watches unless
     * it runs in the background (Koji: standard input is not the foreground terminal).
     */
    public static boolean wanted(boolean wait, boolean nowait, CliEnv env) {
        return wait || (!nowait && env.interactive());
    }

    /** Koji's watch_tasks with the profile's poll interval and topurl; returns the exit status. */
    public static int watch(HubLink hub, CliEnv env, List<Integer> ids, boolean quiet) throws InterruptedException {
        Duration poll = Duration.ofSeconds(hub.profile().integer("poll_interval"));
        return new TaskWatch(hub, env.out(), quiet, poll, hub.profile().topurl(), PROGNAME).watch(ids);
    }

    /** Watches the tasks when {@link #wanted} says so; 0 when it does not. */
    public static int watchIfWanted(boolean wait, boolean nowait, HubLink hub, CliEnv env, List<Integer> ids,
            boolean quiet) throws InterruptedException {
        return wanted(wait, nowait, env) ? watch(hub, env, ids, quiet) : 0;
    }
}
