package org.kojinext.cli.commands.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's taskinfo: each task's type, owner, state, times, host, build, buildroots and files. */
@Command(name = "taskinfo", description = "[info] Show information about a task")
public final class TaskinfoCommand extends CliCommand {
    @Option(names = {"-r", "--recurse"}, description = "Show children of this task as well")
    boolean recurse;

    @Option(names = {"-v", "--verbose"}, description = "Be verbose")
    boolean verbose;

    @Option(names = "--json", description = "print the hub's task information (with its request) as JSON")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "<task_id>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (args.isEmpty()) {
            throw new CliFailure("You must specify at least one task ID", 2);
        }
        List<Integer> ids = new ArrayList<>();
        for (String a : args) {
            ids.add(TaskIds.parse(a, "invalid literal for int() with base 10: '" + a + "'"));
        }
        HubLink hub = hub();
        if (json) {
            List<Object> infos = new ArrayList<>();
            for (int id : ids) {
                infos.add(info(hub, id));
            }
            printJson(infos.size() == 1 ? infos.get(0) : infos);
            return 0;
        }
        TaskInfoPrinter printer = new TaskInfoPrinter(hub, out(), hub.profile().topdir());
        for (int id : ids) {
            printer.print(id, 0, recurse, verbose);
        }
        return 0;
    }

    /** getTaskInfo with the request; with --recurse, the subtasks' under "children". */
    private Map<String, Object> info(HubLink hub, int id) {
        Object found = hub.call("getTaskInfo", id, true);
        if (!(found instanceof Map<?, ?> m)) {
            throw new CliFailure("GenericError: No such task: " + id);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        m.forEach((k, v) -> info.put(String.valueOf(k), v));
        if (recurse) {
            List<Object> children = new ArrayList<>();
            for (Object c : (List<?>) hub.call("getTaskChildren", id)) {
                children.add(info(hub, ((Number) ((Map<?, ?>) c).get("id")).intValue()));
            }
            info.put("children", children);
        }
        return info;
    }
}
