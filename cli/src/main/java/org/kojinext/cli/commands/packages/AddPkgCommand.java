package org.kojinext.cli.commands.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.Py;
import org.kojinext.cli.tags.Arches;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's add-pkg: adds packages to a tag's list, skipping those it already lists. */
@Command(name = "add-pkg", description = "[admin] Add a package to the listing for tag")
public final class AddPkgCommand extends CliCommand {
    @Option(names = "--force", description = "Override blocks if necessary")
    boolean force;

    @Option(names = "--owner", description = "Specify owner")
    String owner;

    @Option(names = "--extra-arches", description = "Specify extra arches")
    String extraArches;

    @Parameters(arity = "0..*", paramLabel = "<tag> <package>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() < 2) {
            throw new CliFailure("Please specify a tag and at least one package", 2);
        }
        if (owner == null || owner.isEmpty()) {
            throw new CliFailure("Please specify an owner for the package(s)", 2);
        }
        if (!Py.truthy(hub().call("getUser", owner))) {
            throw new CliFailure("No such user: " + owner);
        }
        HubLink hub = login();
        String tag = args.get(0);
        Map<String, Object> dest = PackageLists.requireTag(hub, tag);
        Set<String> listed = PackageLists.names(hub, dest.get("id"), false);
        List<String> toAdd = new ArrayList<>();
        for (String p : args.subList(1, args.size())) {
            if (listed.contains(p)) {
                out().println("Package " + p + " already exists in tag " + tag);
            } else {
                toAdd.add(p);
            }
        }
        Map<String, Object> opts = Py.kw("force", force, "block", false);
        if (extraArches != null && !extraArches.isEmpty()) {
            opts.put("extra_arches", Arches.parse(extraArches));
        }
        out().println("Adding " + toAdd.size() + " packages to tag " + Py.str(dest.get("name")));
        List<RpcCall> calls = new ArrayList<>();
        for (String p : toAdd) {
            calls.add(new RpcCall("packageListAdd", List.of(tag, p, owner), opts));
        }
        Multicalls.strict(hub, calls);
        return 0;
    }
}
