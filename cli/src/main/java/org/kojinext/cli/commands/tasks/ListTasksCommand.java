package org.kojinext.cli.commands.tasks;

import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.KojiTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Koji's list-tasks: the open tasks (or, with --all --after, every task), subtasks under their parents. */
@Command(name = "list-tasks", description = "[info] Print the list of tasks")
public final class ListTasksCommand extends CliCommand {
    private static final String TIME_HELP = "time is specified as timestamp or date/time in any format which can be "
            + "parsed by dateutil.parser. e.g. \"2020-12-31 12:35\" or \"December 31st 12:35\"";

    @Mixin
    TaskSelection selection = new TaskSelection();

    @Option(names = "--quiet", description = "Do not display the column headers")
    boolean quiet;

    @Option(names = "--before", description = "List tasks completed before this time, " + TIME_HELP)
    String before;

    @Option(names = "--after", description = "List tasks completed after this time (same format as for --before")
    String after;

    @Option(names = "--all", description = "List also finished tasks (valid only with --after)")
    boolean all;

    @Option(names = "--json", description = "print the hub's task list as JSON")
    boolean json;

    @Override
    protected int run() {
        if (all && after == null) {
            throw new CliFailure("--all must be used with --after", 2);
        }
        Double afterTs = after == null ? null : KojiTimes.parse("--after", after);
        Double beforeTs = before == null ? null : KojiTimes.parse("--before", before);
        List<Map<String, Object>> tasks;
        try {
            tasks = selection.list(login(), all, afterTs, beforeTs);
        } catch (TaskSelection.Exit e) {
            out().println(e.getMessage());
            return 1;
        }
        if (json) {
            printJson(tasks);
            return 0;
        }
        if (tasks.isEmpty()) {
            out().println("(no tasks)");
            return 0;
        }
        TaskSelection.thread(tasks);
        if (!(quiet || global().quiet())) {
            TaskSelection.printHeaders(out());
        }
        for (Map<String, Object> t : tasks) {
            if (!t.containsKey("sub")) {
                TaskSelection.printRecurse(out(), t, 0);
            }
        }
        return 0;
    }
}
