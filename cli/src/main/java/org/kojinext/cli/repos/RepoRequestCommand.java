package org.kojinext.cli.repos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What request-repo and regen-repo share: Koji's _request_repo, with their common options. */
public abstract class RepoRequestCommand extends CliCommand {
    @Option(names = "--target", description = "Interpret the argument as a build target name")
    protected boolean target;
    @Option(names = "--wait", description = "Wait on for regen to finish, even if running in the background")
    protected boolean waitOpt;
    @Option(names = "--nowait", description = "Don't wait on for regen to finish")
    protected boolean nowait;
    @Option(names = "--debuginfo", description = "Include debuginfo rpms in repo")
    protected boolean debuginfo;
    @Option(names = {"--source", "--src"}, description = "Include source rpms in each of repos")
    protected boolean source;
    @Option(names = {"--separate-source", "--separate-src"}, description = "Include source rpms in separate src repo")
    protected boolean separateSource;
    @Option(names = "--timeout", description = "Wait timeout (default: 120)")
    protected int timeout = 120;
    @Option(names = {"-v", "--verbose"}, description = "More verbose output")
    protected boolean verbose;
    @Option(names = "--quiet", description = "Reduced output")
    protected boolean quiet;
    @Parameters(arity = "0..*", paramLabel = "<tag>")
    protected List<String> args = List.of();

    /** Koji's _request_repo with the request's event given. */
    protected int requestRepo(Integer atEvent, Integer minEvent, boolean current) {
        if (args.isEmpty()) {
            throw new CliFailure("A tag name must be specified", 2);
        } else if (args.size() > 1) {
            throw new CliFailure(target ? "Only a single target may be specified" : "Only a single tag name may be specified", 2);
        }
        Object min = null;
        if (atEvent != null) {
            if (minEvent != null || current) {
                throw new CliFailure("Cannot specify both min-event and at-event", 2);
            }
        } else if (current) {
            if (minEvent != null) {
                throw new CliFailure("Cannot specify both min-event and current", 2);
            }
            min = "last";
        } else if (minEvent != null) {
            min = minEvent;
        }
        Map<String, Object> repoOpts = new LinkedHashMap<>();
        if (debuginfo) {
            repoOpts.put("debuginfo", true);
        }
        if (source) {
            repoOpts.put("src", true);
        }
        if (separateSource) {
            repoOpts.put("separate_src", true);
        }
        HubLink hub = login();
        Map<String, Object> tag = tag(hub);
        if (!Py.truthy(tag.get("arches"))) {
            warn("Tag " + tag.get("name") + " has an empty arch list");
        }
        RepoWatch watch = new RepoWatch(hub, tag.get("id"), List.of(), min, atEvent,
                repoOpts.isEmpty() ? null : repoOpts, out(), level()).timeoutMinutes(timeout);
        Map<String, Object> check = watch.request(null);
        if (check.get("repo") != null) {
            printRepo(Py.map(check.get("repo")));
            return 0;
        }
        Map<String, Object> req = Py.map(check.get("request"));
        if (!waitOpt) {
            out().println("Got request: " + req.get("id"));
            if (Py.truthy(req.get("task_id"))) {
                out().println("Got task: " + req.get("task_id"));
                out().println("Task info: " + hub.profile().weburl() + "/taskinfo?taskID=" + req.get("task_id"));
            }
            return 0;
        }
        try {
            printRepo(watch.waitRequest(req));
        } catch (RepoWatch.Failed f) {
            throw new CliFailure(quiet() ? "" : "Failed to get repo -- " + f.getMessage());
        }
        return 0;
    }

    protected Map<String, Object> tag(HubLink hub) {
        String arg = args.get(0);
        if (target) {
            Object t = hub.call("getBuildTarget", arg);
            if (t == null) {
                throw new CliFailure("No such build target: " + arg, 2);
            }
            return Py.map(hub.callKw("getTag", List.of(Py.map(t).get("build_tag")), Map.of("strict", true)));
        }
        Object tag = hub.call("getTag", arg);
        if (tag == null) {
            throw new CliFailure("No such tag: " + arg, 2);
        }
        return Py.map(tag);
    }

    protected void printRepo(Map<String, Object> repo) {
        out().println("Got repo " + repo.get("id"));
        out().println("Repo info: " + hub().profile().weburl() + "/repoinfo?repoID=" + repo.get("id"));
    }

    protected boolean quiet() {
        return quiet || global().quiet();
    }

    /** Koji's waitrepo logger level: debug, quiet, verbose, else warnings. */
    protected int level() {
        if (global().debug()) {
            return 3;
        }
        if (quiet()) {
            return 0;
        }
        return verbose ? 2 : 1;
    }
}
