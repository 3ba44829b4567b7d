package org.kojinext.cli.commands.tasks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.watch.Watching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's chain-build: groups of SCM URLs or N-V-Rs separated by ":", each group built after the
 * previous one is in the target's repo.
 */
@Command(name = "chain-build", description = "[build] Build one or more packages from source")
public final class ChainBuildCommand extends CliCommand {
    @Option(names = "--wait", description = "Wait on build, even if running in the background")
    boolean wait;

    @Option(names = "--nowait", description = "Don't wait on build")
    boolean nowait;

    @Option(names = "--quiet", description = "Do not print the task information")
    boolean quiet;

    @Option(names = "--background", description = "Run the build at a lower priority")
    boolean background;

    @Parameters(arity = "0..*", paramLabel = "<target> <URL> [<URL> [:] <URL> [:] <URL> ...]")
    List<String> args = List.of();

    @Override
    protected int run() throws InterruptedException {
        if (args.size() < 2) {
            throw new CliFailure("At least two arguments (a build target and a SCM URL) are required", 2);
        }
        boolean q = quiet || global().quiet();
        HubLink hub = login();
        String target = args.get(0);
        if (!(hub.call("getBuildTarget", target) instanceof Map<?, ?> t)) {
            throw new CliFailure("No such build target: " + target, 2);
        }
        Map<?, ?> dest = (Map<?, ?>) hub.callKw("getTag", List.of(t.get("dest_tag")), Map.of("strict", true));
        if (Boolean.TRUE.equals(dest.get("locked"))) {
            throw new CliFailure("Destination tag " + dest.get("name") + " is locked", 2);
        }
        List<Object> inherited = new ArrayList<>();
        inherited.add(t.get("build_tag"));
        for (Object a : (List<?>) hub.call("getFullInheritance", t.get("build_tag"))) {
            inherited.add(((Map<?, ?>) a).get("parent_id"));
        }
        if (!inherited.contains(dest.get("id"))) {
            warn("Packages in destination tag " + t.get("dest_tag_name") + " are not inherited by build tag "
                    + t.get("build_tag_name"));
            throw new CliFailure("Target " + t.get("name") + " is not usable for a chain-build");
        }
        List<List<String>> groups = groups(args.subList(1, args.size()));
        if (groups.size() < 2) {
            throw new CliFailure("You must specify at least one dependency between builds with : (colon)\n"
                    + "If there are no dependencies, use the build command instead", 2);
        }
        Map<String, Object> kw = new HashMap<>();
        kw.put("priority", background ? 5 : null);
        List<Object> positional = new ArrayList<>();
        positional.add(groups);
        positional.add(target);
        int task = ((Number) hub.callKw("chainBuild", positional, kw)).intValue();
        if (!q) {
            out().println("Created task: " + task);
            out().println("Task info: " + hub.profile().weburl() + "/taskinfo?taskID=" + task);
        }
        return Watching.watchIfWanted(wait, nowait, hub, env(), List.of(task), q);
    }

    /** The build levels: sources split at ":", each an SCM URL or something shaped like an N-V-R. */
    static List<List<String>> groups(List<String> sources) {
        List<List<String>> groups = new ArrayList<>();
        List<String> level = new ArrayList<>();
        for (String src : sources) {
            if (src.equals(":")) {
                if (!level.isEmpty()) {
                    groups.add(level);
                    level = new ArrayList<>();
                }
            } else if (src.contains("://")) {
                level.add(src);
            } else if (!src.contains("/") && !src.endsWith(".rpm") && src.split("-", -1).length >= 3) {
                level.add(src);
            } else {
                throw new CliFailure("\"" + src + "\" is not a SCM URL or package N-V-R");
            }
        }
        if (!level.isEmpty()) {
            groups.add(level);
        }
        return groups;
    }
}
