package org.kojinext.cli.commands.builds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.Py;
import org.kojinext.cli.builds.Nvr;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's untag-build: untags the named builds, every build of the named packages (--all), or all
 * but each package's latest (--non-latest). Which builds are in the tag comes from the tag's
 * active history, as Koji's does.
 */
@Command(name = "untag-build", description = "[bind] Remove a tag from one or more builds")
public final class UntagBuildCommand extends CliCommand {
    @Option(names = "--all", description = "untag all versions of the package in this tag, pkg is package name")
    boolean all;
    @Option(names = "--non-latest", description = "untag all versions of the package in this tag except the latest, pkg is package name")
    boolean nonLatest;
    @Option(names = {"-n", "--test"}, description = "test mode")
    boolean test;
    @Option(names = {"-v", "--verbose"}, description = "print details")
    boolean verbose;
    @Option(names = "--force", description = "force operation")
    boolean force;
    @Parameters(arity = "0..*", paramLabel = "<tag> <pkg>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (nonLatest && force) {
            if (args.isEmpty()) {
                throw new CliFailure("Please specify a tag", 2);
            }
        } else if (args.size() < 2) {
            throw new CliFailure("This command takes at least two arguments: a tag name/ID and one or more package "
                    + "n-v-r's or package names", 2);
        }
        HubLink hub = login();
        String tagArg = args.get(0);
        Object tagInfo = hub.call("getTag", tagArg);
        if (tagInfo == null) {
            throw new CliFailure("No such tag: " + tagArg, 2);
        }
        String tagName = String.valueOf(Py.map(tagInfo).get("name"));
        List<String> rest = args.subList(1, args.size());
        List<Map<String, Object>> builds = new ArrayList<>();
        if (all) {
            builds.addAll(activeListings(hub, tagArg, rest));
        } else if (nonLatest) {
            List<Map<String, Object>> tagged = rest.isEmpty()
                    ? Py.maps(Py.map(hub.callKw("queryHistory", List.of(), Map.of("tag", tagArg, "active", true)))
                            .get("tag_listing"))
                    : activeListings(hub, tagArg, rest);
            tagged = new ArrayList<>(tagged);
            tagged.sort(Comparator.comparing((Map<String, Object> b) -> ((Number) b.get("create_event")).intValue())
                    .reversed());
            Set<Object> seen = new HashSet<>();
            for (Map<String, Object> b : tagged) {
                if (seen.add(b.get("name"))) {
                    if (verbose) {
                        out().println("Leaving latest build for package " + b.get("name") + ": " + Nvr.label(b));
                    }
                } else {
                    builds.add(b);
                }
            }
        } else {
            for (String nvr : rest) {
                Nvr.parseNvr(nvr);
            }
            // The tag's whole active listing: Koji's call names the package in a keyword its hub
            // ignores, so an unknown package name is not an error but a build not in the tag.
            Map<String, Map<String, Object>> byNvr = new HashMap<>();
            for (Map<String, Object> b : Py.maps(Py.map(hub.callKw("queryHistory", List.of(),
                    Map.of("tag", tagArg, "active", true))).get("tag_listing"))) {
                byNvr.put(Nvr.label(b), b);
            }
            for (String nvr : rest) {
                Map<String, Object> b = byNvr.get(nvr);
                if (b != null) {
                    builds.add(b);
                    continue;
                }
                if (hub.call("getBuild", nvr) == null) {
                    err().println("No such build: " + nvr);
                } else {
                    err().println("Build " + nvr + " not in tag " + tagName);
                }
                if (!force) {
                    return 1;
                }
            }
        }
        java.util.Collections.reverse(builds);
        List<RpcCall> calls = new ArrayList<>();
        for (Map<String, Object> b : builds) {
            String nvr = Nvr.label(b);
            if (test) {
                out().println("would have untagged " + nvr);
            } else {
                if (verbose) {
                    out().println("untagging " + nvr);
                }
                calls.add(new RpcCall("untagBuild", List.of(tagName, nvr), Map.of("force", force)));
            }
        }
        Multicalls.strict(hub, calls);
        return 0;
    }

    /** The tag's active tag_listing history rows of each package, one multicall. */
    private static List<Map<String, Object>> activeListings(HubLink hub, String tag, List<String> pkgs) {
        List<RpcCall> calls = new ArrayList<>();
        for (String p : pkgs) {
            calls.add(new RpcCall("queryHistory", List.of(), Map.of("tag", tag, "package", p, "active", true)));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : Multicalls.strict(hub, calls)) {
            out.addAll(Py.maps(Py.map(r).get("tag_listing")));
        }
        return out;
    }
}
