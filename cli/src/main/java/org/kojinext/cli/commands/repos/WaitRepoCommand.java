package org.kojinext.cli.commands.repos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.builds.Nvr;
import org.kojinext.cli.repos.RepoWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's wait-repo (1.35): waits for a current repository of a tag, or one holding given builds. */
@Command(name = "wait-repo", description = "[monitor] Wait for a repo to be regenerated")
public final class WaitRepoCommand extends CliCommand {
    @Option(names = "--build", paramLabel = "NVR",
            description = "Check that the given build is in the newly-generated repo (may be used multiple times)")
    List<String> builds = new ArrayList<>();
    @Option(names = "--target", description = "Interpret the argument as a build target name")
    boolean target;
    @Option(names = "--request", description = "Create a repo request (requires auth)")
    boolean request;
    @Option(names = "--no-request", description = "Do not create a repo request (the default)")
    boolean noRequest;
    @Option(names = "--timeout", description = "Amount of time to wait (in minutes) before giving up (default: 120)")
    int timeout = 120;
    @Option(names = {"-v", "--verbose"}, description = "Be verbose")
    boolean verbose;
    @Option(names = "--quiet", description = "Suppress output, success or failure will be indicated by the return value only")
    boolean quiet;
    @Option(names = "--json", description = "print the repository found as JSON")
    boolean json;
    @Parameters(arity = "0..*", paramLabel = "<tag>")
    List<String> args = List.of();

    @Override
    protected int run() {
        for (String b : builds) {
            Nvr.parseNvr(b);
        }
        if (args.isEmpty()) {
            throw new CliFailure("Please specify a tag name", 2);
        } else if (args.size() > 1) {
            throw new CliFailure("Only one tag may be specified", 2);
        }
        boolean quietNow = quiet || global().quiet();
        String arg = args.get(0);
        boolean anon = true;
        HubLink hub;
        if (request && !noRequest) {
            hub = login();
            anon = false;
        } else {
            hub = hub();
            if (!noRequest) {
                warn("The --request option is recommended for faster results");
            }
        }
        Map<String, Object> tag;
        if (target) {
            Object t = hub.call("getBuildTarget", arg);
            if (t == null) {
                throw new CliFailure("No such build target: " + arg, 2);
            }
            tag = Py.map(hub.callKw("getTag", List.of(Py.map(t).get("build_tag")), Map.of("strict", true)));
        } else {
            Object t = hub.call("getTag", arg);
            if (t == null) {
                throw new CliFailure("No such tag: " + arg, 2);
            }
            tag = Py.map(t);
            if (Py.maps(hub.callKw("getBuildTargets", List.of(), Map.of("buildTagID", tag.get("id")))).isEmpty()) {
                warn(tag.get("name") + " is not a build tag for any target");
                TreeSet<String> maybe = new TreeSet<>();
                for (Map<String, Object> t2 : Py.maps(hub.callKw("getBuildTargets", List.of(),
                        Map.of("destTagID", tag.get("id"))))) {
                    maybe.add(String.valueOf(t2.get("build_tag_name")));
                }
                if (!maybe.isEmpty()) {
                    warn("Suggested tags: " + String.join(", ", maybe));
                }
            }
        }
        if (anon) {
            Object extra = tag.get("extra");
            if (!(extra instanceof Map<?, ?> m && Py.truthy(m.get("repo.auto")))) {
                warn("This tag is not configured for automatic regeneration");
            }
        }
        for (String nvr : builds) {
            Map<String, Object> want = Nvr.parseNvr(nvr);
            List<Map<String, Object>> latest = Py.maps(hub.callKw("getLatestBuilds", List.of(tag.get("id")),
                    Map.of("package", want.get("name"))));
            if (latest.isEmpty()) {
                warn("No " + want.get("name") + " builds in tag " + tag.get("name"));
            } else {
                String present = String.valueOf(latest.get(0).get("nvr"));
                String expected = want.get("name") + "-" + want.get("version") + "-" + want.get("release");
                if (!present.equals(expected)) {
                    warn("nvr " + expected + " is not current in tag " + tag.get("name") + "\n  latest build is " + present);
                }
            }
        }
        int level = global().debug() ? 3 : quietNow ? 0 : verbose ? 2 : 1;
        RepoWatch watch = new RepoWatch(hub, tag.get("id"), builds, builds.isEmpty() ? "last" : null, null, null,
                out(), level).timeoutMinutes(timeout);
        Map<String, Object> repo;
        try {
            repo = watch.waitRepo(anon);
        } catch (RepoWatch.Failed f) {
            throw new CliFailure(quietNow ? "" : "Failed to get repo -- " + f.getMessage());
        }
        if (json) {
            printJson(repo);
        } else if (!quietNow) {
            out().println("Got repo " + repo.get("id"));
            out().println("Repo info: " + hub.profile().weburl() + "/repoinfo?repoID=" + repo.get("id"));
        }
        return 0;
    }
}
