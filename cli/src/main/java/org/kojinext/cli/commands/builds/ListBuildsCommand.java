package org.kojinext.cli.commands.builds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.Py;
import org.kojinext.cli.States;
import org.kojinext.protocol.KojiFault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's list-builds: builds matching the filters, sorted, as an N-V-R / owner / state table. */
@Command(name = "list-builds", description = "[info] Print the build listing")
public final class ListBuildsCommand extends CliCommand {
    @Option(names = "--package", description = "List builds for this package")
    String pkg;
    @Option(names = "--buildid", description = "List specific build from ID or nvr")
    String buildid;
    @Option(names = "--before", description = "List builds built before this time (timestamp or date/time)")
    String before;
    @Option(names = "--after", description = "List builds built after this time (same format as for --before)")
    String after;
    @Option(names = "--state", description = "List builds in this state")
    String state;
    @Option(names = "--task", description = "List builds for this task")
    String task;
    @Option(names = "--type", description = "List builds of this type.")
    String type;
    @Option(names = "--prefix", description = "Only builds starting with this prefix")
    String prefix;
    @Option(names = "--pattern", description = "Only list builds matching this GLOB pattern")
    String pattern;
    @Option(names = "--cg", description = "Only list builds imported by matching content generator name")
    String cg;
    @Option(names = "--source", description = "Only builds where the source field matches (glob pattern)")
    String source;
    @Option(names = "--owner", description = "List builds built by this owner")
    String owner;
    @Option(names = "--volume", description = "List builds by volume ID")
    String volume;
    @Option(names = "--draft-only", description = "Only list draft builds")
    boolean draftOnly;
    @Option(names = "--no-draft", description = "Only list regular builds")
    boolean noDraft;
    @Option(names = {"-k", "--sort-key"}, paramLabel = "FIELD",
            description = "Sort the list by the named field. Allowed sort keys: build_id, owner_name, state")
    List<String> sortKeys = new ArrayList<>();
    @Option(names = {"-r", "--reverse"}, description = "Print the list in reverse order")
    boolean reverse;
    @Option(names = "--quiet", description = "Do not print the header information")
    boolean quiet;
    @Option(names = "--json", description = "print the builds as JSON")
    boolean json;
    @Parameters(arity = "0..*", hidden = true)
    List<String> extra = List.of();

    @Override
    protected int run() {
        if (!extra.isEmpty()) {
            throw new CliFailure("This command takes no arguments", 2);
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        if (type != null) {
            opts.put("type", type);
        }
        if (prefix != null) {
            opts.put("prefix", prefix);
        }
        if (pattern != null) {
            opts.put("pattern", pattern);
        }
        if (noDraft && draftOnly) {
            throw new CliFailure("--draft-only conflits with --no-draft", 2);
        } else if (noDraft) {
            opts.put("draft", false);
        } else if (draftOnly) {
            opts.put("draft", true);
        }
        if (cg != null) {
            opts.put("cgID", cg);
        }
        if (pkg != null) {
            opts.put("packageID", idOr(pkg, () -> {
                Object id = hub().call("getPackageID", pkg);
                if (id == null) {
                    throw new CliFailure("No such package: " + pkg, 2);
                }
                return id;
            }));
        }
        if (owner != null) {
            opts.put("userID", idOr(owner, () -> {
                Object user = hub().call("getUser", owner);
                if (user == null) {
                    throw new CliFailure("No such user: " + owner, 2);
                }
                return Py.map(user).get("id");
            }));
        }
        if (volume != null) {
            opts.put("volumeID", idOr(volume, () -> {
                for (Map<String, Object> v : Py.maps(hub().call("listVolumes"))) {
                    if (volume.equals(v.get("name"))) {
                        return v.get("id");
                    }
                }
                throw new CliFailure("No such volume: " + volume, 2);
            }));
        }
        if (state != null) {
            opts.put("state", stateCode());
        }
        if (before != null) {
            opts.put("completeBefore", KojiTimes.parse("--before", before));
        }
        if (after != null) {
            opts.put("completeAfter", KojiTimes.parse("--after", after));
        }
        if (task != null) {
            try {
                opts.put("taskID", Integer.parseInt(task));
            } catch (NumberFormatException e) {
                throw new CliFailure("Task id must be an integer", 2);
            }
        }
        if (source != null) {
            opts.put("source", source);
        }
        List<Map<String, Object>> data = new ArrayList<>();
        if (buildid != null) {
            Object key = Py.isDigits(buildid) ? (Object) Integer.parseInt(buildid) : buildid;
            Object b = hub().call("getBuild", key);
            if (b == null) {
                throw new CliFailure("No such build: '" + key + "'", 2);
            }
            data.add(Py.map(b));
        } else if (opts.isEmpty()) {
            throw new CliFailure("Filter must be provided for list", 2);
        } else {
            try {
                data.addAll(Py.maps(hub().callKw("listBuilds", List.of(), opts)));
            } catch (KojiFault f) {
                if (f.getMessage() != null && f.getMessage().endsWith("'pattern'")) {
                    throw new CliFailure("The hub doesn't support the 'pattern' argument, please try"
                            + " filtering the result on your local instead.", 2);
                }
                if (f.getMessage() != null && f.getMessage().endsWith("'cgID'")) {
                    throw new CliFailure("The hub doesn't support the 'cg' argument, please try"
                            + " filtering the result on your local instead.", 2);
                }
                throw f;
            }
        }
        List<String> keys = sortKeys.isEmpty() ? List.of("build_id") : sortKeys;
        for (String k : keys) {
            if (!List.of("build_id", "owner_name", "state").contains(k)) {
                warn("Invalid sort_key: " + k + ".");
            }
        }
        Comparator<Map<String, Object>> order = (a, b) -> {
            for (String k : keys) {
                int c = compare(a.get(k), b.get(k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        data.sort(reverse ? order.reversed() : order);
        if (json) {
            printJson(data);
            return 0;
        }
        if (!(quiet || global().quiet())) {
            out().println(Py.left("Build", 55) + "  " + Py.left("Built by", 16) + "  State");
            out().println("-".repeat(55) + "  " + "-".repeat(16) + "  " + "-".repeat(16));
        }
        for (Map<String, Object> b : data) {
            out().println(Py.left(b.get("nvr"), 55) + "  " + Py.left(b.get("owner_name"), 16) + "  "
                    + States.name(States.BUILD, b.get("state")));
        }
        return 0;
    }

    private int stateCode() {
        try {
            int s = Integer.parseInt(state);
            if (s > 4 || s < 0) {
                throw new CliFailure("Invalid state: " + state, 2);
            }
            return s;
        } catch (NumberFormatException e) {
            int s = States.BUILD.indexOf(state);
            if (s < 0) {
                throw new CliFailure("Invalid state: " + state, 2);
            }
            return s;
        }
    }

    private static Object idOr(String value, java.util.function.Supplier<Object> lookup) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return lookup.get();
        }
    }

    /** Python's ordering of the values sorted on: None first, numbers and strings in their order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable c && a.getClass() == b.getClass()) {
            return c.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
