package org.kojinext.cli.commands.builds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.builds.Nvr;
import org.kojinext.cli.watch.Watching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's move-build: a tagBuild task per build that untags it from tag1 and tags it into tag2. */
@Command(name = "move-build", description = "[bind] 'Move' one or more builds between tags")
public final class MoveBuildCommand extends CliCommand {
    @Option(names = "--force", description = "force operation")
    boolean force;
    @Option(names = "--wait", description = "Wait on tasks, even if running in the background")
    boolean waitOpt;
    @Option(names = "--nowait", description = "Do not wait on tasks")
    boolean nowait;
    @Option(names = "--all", description = "move all instances of a package, <pkg>'s are package names")
    boolean all;
    @Parameters(arity = "0..*", paramLabel = "<tag1> <tag2> <pkg>")
    List<String> args = List.of();

    @Override
    protected int run() throws InterruptedException {
        if (args.size() < 3) {
            throw new CliFailure(all
                    ? "This command, with --all, takes at least three arguments: two tags and one or more package names"
                    : "This command takes at least three arguments: two tags and one or more package n-v-r's", 2);
        }
        HubLink hub = login();
        String tag1 = args.get(0);
        String tag2 = args.get(1);
        List<Integer> tasks = new ArrayList<>();
        if (all) {
            for (String arg : args.subList(2, args.size())) {
                if (hub.call("getPackage", arg) == null) {
                    out().println("No such package: " + arg + ", skipping.");
                    continue;
                }
                Object made = hub.call("moveAllBuilds", tag1, tag2, arg, force);
                for (Object t : made instanceof List<?> l ? l : List.of(made)) {
                    tasks.add(((Number) t).intValue());
                }
            }
        } else {
            List<Map<String, Object>> builds = new ArrayList<>();
            for (String arg : args.subList(2, args.size())) {
                Object b = hub.call("getBuild", arg);
                if (b == null) {
                    out().println("No such build: " + arg + ", skipping.");
                    continue;
                }
                if (builds.stream().noneMatch(x -> Objects.equals(x.get("id"), Py.map(b).get("id")))) {
                    builds.add(Py.map(b));
                }
            }
            for (Map<String, Object> b : builds) {
                int task = ((Number) hub.call("moveBuild", tag1, tag2, b.get("id"), force)).intValue();
                tasks.add(task);
                out().println("Created task " + task + ", moving " + Nvr.label(b));
            }
        }
        return Watching.watchIfWanted(waitOpt, nowait, hub(), env(), tasks, global().quiet());
    }
}
