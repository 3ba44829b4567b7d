package org.kojinext.cli.commands.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.watch.LogWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's watch-logs: prints the tasks' logs as they grow, until the tasks end. */
@Command(name = "watch-logs", description = "[monitor] Watch logs in realtime")
public final class WatchLogsCommand extends CliCommand {
    @Option(names = "--log", description = "Watch only a specific log")
    String log;

    @Option(names = "--mine", description = "Watch logs for all your tasks, task_id arguments are forbidden in this case.")
    boolean mine;

    @Option(names = {"-f", "--follow"}, description = "Follow spawned child tasks")
    boolean follow;

    @Parameters(arity = "0..*", paramLabel = "<task id>")
    List<String> args = List.of();

    @Override
    protected int run() throws InterruptedException {
        HubLink hub;
        List<Integer> tasks = new ArrayList<>();
        if (mine) {
            hub = login();
            if (!args.isEmpty()) {
                throw new CliFailure("Selection options cannot be combined with a task list", 2);
            }
            TaskSelection selection = new TaskSelection();
            selection.mine = true;
            try {
                for (Map<String, Object> t : selection.list(hub, false, null, null)) {
                    tasks.add(((Number) t.get("id")).intValue());
                }
            } catch (TaskSelection.Exit e) {
                out().println(e.getMessage());
                return 1;
            }
            if (tasks.isEmpty()) {
                out().println("You've no active tasks.");
                return 0;
            }
        } else {
            hub = hub();
            for (String a : args) {
                tasks.add(TaskIds.parse(a, "task id must be an integer"));
            }
        }
        if (tasks.isEmpty()) {
            throw new CliFailure("at least one task id must be specified", 2);
        }
        Duration poll = Duration.ofSeconds(hub.profile().integer("poll_interval"));
        return new LogWatch(hub, out(), poll, log, follow).watch(tasks);
    }
}
