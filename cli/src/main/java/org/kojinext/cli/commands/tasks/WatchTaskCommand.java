package org.kojinext.cli.commands.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.watch.Watching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's watch-task: follows tasks (named, or those the selection finds) until they end. */
@Command(name = "watch-task", description = "[monitor] Track progress of particular tasks")
public final class WatchTaskCommand extends CliCommand {
    @Option(names = "--quiet", description = "Do not print the task information")
    boolean quiet;

    @Mixin
    TaskSelection selection = new TaskSelection();

    @Parameters(arity = "0..*", paramLabel = "<task id>")
    List<String> args = List.of();

    @Override
    protected int run() throws InterruptedException {
        boolean q = quiet || global().quiet();
        if (!args.isEmpty() && selection.any()) {
            throw new CliFailure("Selection options cannot be combined with a task list", 2);
        }
        HubLink hub = selection.mine ? login() : hub();
        List<Integer> tasks = new ArrayList<>();
        if (selection.any()) {
            try {
                for (Map<String, Object> t : selection.list(hub, false, null, null)) {
                    tasks.add(((Number) t.get("id")).intValue());
                }
            } catch (TaskSelection.Exit e) {
                out().println(e.getMessage());
                return 1;
            }
            if (tasks.isEmpty()) {
                out().println("(no tasks)");
                return 0;
            }
        } else {
            for (String a : args) {
                tasks.add(TaskIds.parse(a, "task id must be an integer"));
            }
            if (tasks.isEmpty()) {
                throw new CliFailure("at least one task id must be specified", 2);
            }
        }
        return Watching.watch(hub, env(), tasks, q);
    }
}
