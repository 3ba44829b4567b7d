package org.kojinext.cli.commands.tags;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.Py;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's list-tags: tag names (optionally ids, locks and permissions), filtered by glob patterns. */
@Command(name = "list-tags", description = "[info] Print the list of tags")
public final class ListTagsCommand extends CliCommand {
    @Option(names = "--show-id", description = "Show tag ids")
    boolean showId;

    @Option(names = "--verbose", description = "Show more information")
    boolean verbose;

    @Option(names = "--unlocked", description = "Only show unlocked tags")
    boolean unlocked;

    @Option(names = "--build", description = "Show tags associated with a build")
    String build;

    @Option(names = "--package", description = "Show tags associated with a package")
    String pkg;

    @Option(names = "--json", description = "print the tags as JSON")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "pattern")
    List<String> patterns = new ArrayList<>();

    @Override
    protected int run() {
        HubLink hub = hub();
        Object pkgId = null;
        Object buildId = null;
        if (pkg != null && !pkg.isEmpty()) {
            Object info = hub.call("getPackage", pkg);
            if (!Py.truthy(info)) {
                throw new CliFailure("No such package: " + pkg, 2);
            }
            pkgId = Py.map(info).get("id");
        }
        if (build != null && !build.isEmpty()) {
            Object info = hub.call("getBuild", build);
            if (!Py.truthy(info)) {
                throw new CliFailure("No such build: " + build, 2);
            }
            buildId = Py.map(info).get("id");
        }
        List<Map<String, Object>> tags = new ArrayList<>();
        if (patterns.isEmpty()) {
            tags.addAll(Py.maps(hub.callKw("listTags", List.of(), Py.kw("build", buildId, "package", pkgId))));
        } else {
            List<RpcCall> calls = new ArrayList<>();
            for (String p : patterns) {
                calls.add(new RpcCall("listTags", List.of(), Py.kw("build", buildId, "package", pkgId, "pattern", p)));
            }
            for (Object r : Multicalls.strict(hub, calls)) {
                tags.addAll(Py.maps(r));
            }
        }
        tags.sort(Comparator.comparing(t -> (String) t.get("name")));
        if (unlocked) {
            tags.removeIf(t -> Py.truthy(t.get("locked")) || Py.truthy(t.get("perm")));
        }
        if (json) {
            printJson(tags);
            return 0;
        }
        for (Map<String, Object> t : tags) {
            StringBuilder line = new StringBuilder(Py.str(t.get("name")));
            if (showId) {
                line.append(" [").append(Py.i(t.get("id"))).append(']');
            }
            if (verbose) {
                if (Py.truthy(t.get("locked"))) {
                    line.append(" [LOCKED]");
                }
                if (Py.truthy(t.get("perm"))) {
                    line.append(" [").append(Py.str(t.get("perm"))).append(" perm required]");
                }
            }
            out().println(line);
        }
        return 0;
    }
}
