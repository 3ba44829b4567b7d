package org.kojinext.cli.commands.repos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.Py;
import org.kojinext.cli.States;
import org.kojinext.cli.builds.PathInfo;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's repoinfo: a repository's tag, state, creation, URLs and buildroots. */
@Command(name = "repoinfo", description = "[info] Print basic information about a repo")
public final class RepoinfoCommand extends CliCommand {
    @Option(names = "--buildroots", description = "Prints list of buildroot IDs")
    boolean buildroots;
    @Option(names = "--json", description = "print the repositories (repoInfo) as JSON")
    boolean json;
    @Parameters(arity = "0..*", paramLabel = "<repo-id>")
    List<String> ids = List.of();

    @Override
    protected int run() {
        if (ids.isEmpty()) {
            throw new CliFailure("Please specify a repo ID", 2);
        }
        PathInfo paths = new PathInfo(hub().profile().topurl() != null ? hub().profile().topurl() : hub().profile().topdir());
        List<RpcCall> calls = new ArrayList<>();
        for (String id : ids) {
            calls.add(new RpcCall("repoInfo", List.of(org.kojinext.cli.Literals.plain(id)), Map.of("strict", false)));
        }
        List<Object> answers = Multicalls.strict(hub(), calls);
        List<Object> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Object info = answers.get(i);
            if (info == null) {
                err().println("No such repo: " + ids.get(i) + "\n");
                continue;
            }
            Map<String, Object> r = Py.map(info);
            if (json) {
                found.add(r);
                continue;
            }
            out().println("ID: " + r.get("id"));
            out().println("Tag ID: " + r.get("tag_id"));
            out().println("Tag name: " + r.get("tag_name"));
            out().println("State: " + States.name(States.REPO, r.get("state")));
            out().println("Created: " + KojiTimes.formatTimeLong(r.get("create_ts")));
            out().println("Created event: " + r.get("create_event"));
            out().println("URL: " + paths.repo(r.get("id"), r.get("tag_name")));
            String base = Py.truthy(r.get("dist")) ? paths.distrepo(r.get("id"), r.get("tag_name"))
                    : paths.repo(r.get("id"), r.get("tag_name"));
            out().println("Repo json: " + base + "/repo.json");
            out().println("Dist repo?: " + (Py.truthy(r.get("dist")) ? "yes" : "no"));
            out().println("Task ID: " + Py.str(r.get("task_id")));
            List<Map<String, Object>> brs = Py.maps(hub().callKw("listBuildroots", List.of(), Map.of("repoID", r.get("id"))));
            out().println("Number of buildroots: " + brs.size());
            if (buildroots && !brs.isEmpty()) {
                out().println("Buildroots ID:");
                for (Map<String, Object> br : brs) {
                    out().println(" ".repeat(15) + br.get("id"));
                }
            }
        }
        if (json) {
            printJson(found);
        }
        return 0;
    }
}
