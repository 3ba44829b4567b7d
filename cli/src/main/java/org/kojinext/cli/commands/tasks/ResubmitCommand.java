package org.kojinext.cli.commands.tasks;

import java.util.List;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.watch.Watching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's resubmit: a new task like a failed or canceled one, shown first, then watched. */
@Command(name = "resubmit", description = "[build] Retry a canceled or failed task, using the same parameter as the original task.")
public final class ResubmitCommand extends CliCommand {
    @Option(names = "--wait", description = "Wait on task, even if running in the background")
    boolean wait;

    @Option(names = {"--nowait", "--nowatch"}, description = "Don't wait on task (--nowatch: an alias for --nowait)")
    boolean nowait;

    @Option(names = "--quiet", description = "Do not print the task information")
    boolean quiet;

    @Parameters(arity = "0..*", paramLabel = "<task_id>")
    List<String> args = List.of();

    @Override
    protected int run() throws InterruptedException {
        if (args.size() != 1) {
            throw new CliFailure("Please specify a single task ID", 2);
        }
        boolean q = quiet || global().quiet();
        HubLink hub = login();
        int task = TaskIds.parse(args.get(0), "invalid literal for int() with base 10: '" + args.get(0) + "'");
        if (!q) {
            out().println("Resubmitting the following task:");
            new TaskInfoPrinter(hub, out(), hub.profile().topdir()).print(task, 0, false, true);
        }
        Object created = hub.call("resubmitTask", task);
        if (!q) {
            out().println("Resubmitted task " + task + " as new task " + created);
        }
        return Watching.watchIfWanted(wait, nowait, hub, env(), List.of(((Number) created).intValue()), q);
    }
}
