package org.kojinext.cli.commands.repos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.repos.RepoRequestCommand;
import org.kojinext.cli.watch.Watching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Koji's regen-repo: on a 1.35 hub, request-repo --current; with --make-task, a newRepo task
 * made directly, as older hubs required.
 */
@Command(name = "regen-repo", description = "[admin] Generate a current repo if there is not one")
public final class RegenRepoCommand extends RepoRequestCommand {
    @Option(names = "--make-task", description = "Directly create a newRepo task")
    boolean makeTask;

    @Override
    protected int run() throws InterruptedException {
        if (!makeTask) {
            return requestRepo(null, null, true);
        }
        if (args.isEmpty()) {
            throw new CliFailure("A tag name must be specified", 2);
        } else if (args.size() > 1) {
            throw new CliFailure(target ? "Only a single target may be specified" : "Only a single tag name may be specified", 2);
        }
        HubLink hub = login();
        Map<String, Object> info = tag(hub);
        String tag = String.valueOf(info.get("name"));
        if (!target && Py.maps(hub.callKw("getBuildTargets", List.of(), Map.of("buildTagID", info.get("id")))).isEmpty()) {
            warn(tag + " is not a build tag");
        }
        if (!Py.truthy(info.get("arches"))) {
            warn("Tag " + tag + " has an empty arch list");
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        if (debuginfo) {
            opts.put("debuginfo", true);
        }
        if (source) {
            opts.put("src", true);
        }
        if (separateSource) {
            opts.put("separate_src", true);
        }
        int task = ((Number) hub.callKw("newRepo", List.of(tag), opts)).intValue();
        out().println("Regenerating repo for tag: " + tag);
        out().println("Created task: " + task);
        out().println("Task info: " + hub.profile().weburl() + "/taskinfo?taskID=" + task);
        return Watching.watchIfWanted(waitOpt, nowait, hub(), env(), List.of(task), global().quiet());
    }
}
