package org.kojinext.cli.commands.builds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.watch.Watching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's tag-build: one tagBuild task per build, watched unless --nowait or in the background. */
@Command(name = "tag-build", description = "[bind] Apply a tag to one or more builds")
public final class TagBuildCommand extends CliCommand {
    @Option(names = "--force", description = "force operation")
    boolean force;
    @Option(names = "--wait", description = "Wait on task, even if running in the background")
    boolean waitOpt;
    @Option(names = "--nowait", description = "Do not wait on task")
    boolean nowait;
    @Parameters(arity = "0..*", paramLabel = "<tag> <pkg>")
    List<String> args = List.of();

    @Override
    protected int run() throws InterruptedException {
        if (args.size() < 2) {
            throw new CliFailure("This command takes at least two arguments: a tag name/ID and one or more package "
                    + "n-v-r's", 2);
        }
        HubLink hub = login();
        List<Integer> tasks = new ArrayList<>();
        for (String pkg : args.subList(1, args.size())) {
            int task = ((Number) hub.callKw("tagBuild", List.of(args.get(0), pkg), Map.of("force", force))).intValue();
            tasks.add(task);
            out().println("Created task " + task);
        }
        return Watching.watchIfWanted(waitOpt, nowait, hub(), env(), tasks, global().quiet());
    }

}
