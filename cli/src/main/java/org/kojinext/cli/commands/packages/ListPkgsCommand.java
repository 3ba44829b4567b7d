package org.kojinext.cli.commands.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.tags.EventOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's list-pkgs: the package listing of a tag, an owner or a package; or every package name. */
@Command(name = "list-pkgs", description = "[info] Print the package listing for tag or for owner")
public final class ListPkgsCommand extends CliCommand {
    @Option(names = "--owner", description = "Specify owner")
    String owner;

    @Option(names = "--tag", description = "Specify tag")
    String tag;

    @Option(names = "--package", description = "Specify package")
    String pkg;

    @Option(names = "--quiet", description = "Do not print header information")
    boolean quiet;

    @Option(names = "--noinherit", description = "Don't follow inheritance")
    boolean noinherit;

    @Option(names = "--show-blocked", description = "Show blocked packages")
    boolean showBlocked;

    @Option(names = "--show-dups", description = "Show superseded owners")
    boolean showDups;

    @Mixin
    EventOptions eventOptions = new EventOptions();

    @Option(names = "--json", description = "print the listing as JSON")
    boolean json;

    @Parameters(arity = "0..*", hidden = true)
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (!args.isEmpty()) {
            throw new CliFailure("This command takes no arguments", 2);
        }
        HubLink hub = hub();
        Map<String, Object> opts = new LinkedHashMap<>();
        if (present(owner)) {
            Object user = hub.call("getUser", owner);
            if (user == null) {
                throw new CliFailure("No such user: " + owner, 2);
            }
            opts.put("userID", Py.map(user).get("id"));
        }
        if (present(tag)) {
            Object info = hub.call("getTag", tag);
            if (info == null) {
                throw new CliFailure("No such tag: " + tag, 2);
            }
            opts.put("tagID", Py.map(info).get("id"));
        }
        if (present(pkg)) {
            opts.put("pkgID", pkg);
        }
        boolean allPackages = opts.isEmpty();
        opts.put("inherited", !noinherit);
        // Hiding superseded owners only means something within one tag.
        opts.put("with_dups", !present(tag) || showDups);
        Map<String, Object> event = eventOptions.resolve(hub);
        if (event != null) {
            opts.put("event", event.get("id"));
            if (!json) {
                out().println(EventOptions.queryingLine(event));
            }
        }
        if (allPackages) {
            if (event != null) {
                throw new CliFailure("--event and --ts makes sense only with --tag, --owner or --package", 2);
            }
            if (showBlocked) {
                throw new CliFailure("--show-blocked makes sense only with --tag, --owner or --package", 2);
            }
        }
        if (showBlocked) {
            opts.put("with_blocked", true);
        }
        List<Map<String, Object>> data = Py.maps(hub.callKw("listPackages", List.of(), opts));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Map<String, Object> p : data) {
            if (allPackages || showBlocked || !Py.truthy(p.get("blocked"))) {
                shown.add(p);
            }
        }
        if (json) {
            printJson(shown);
            return 0;
        }
        if (data.isEmpty()) {
            throw new CliFailure("(no matching packages)");
        }
        if (!quiet && !global().quiet()) {
            if (allPackages) {
                out().println("Package");
                out().println("-".repeat(23));
            } else {
                out().println(Py.left("Package", 23) + " " + Py.left("Tag", 23) + " " + Py.left("Extra Arches", 16)
                        + " " + Py.left("Owner", 15));
                out().println("-".repeat(23) + " " + "-".repeat(23) + " " + "-".repeat(16) + " " + "-".repeat(15));
            }
        }
        for (Map<String, Object> p : shown) {
            out().println(allPackages ? Py.str(p.get("package_name")) : row(p));
        }
        return 0;
    }

    private static String row(Map<String, Object> p) {
        if (!p.containsKey("tag_id")) {
            return Py.str(p.get("package_name"));
        }
        Object arches = p.get("extra_arches") == null ? "" : p.get("extra_arches");
        String line = Py.left(p.get("package_name"), 23) + " " + Py.left(p.get("tag_name"), 23) + " "
                + Py.left(arches, 16) + " " + Py.left(p.get("owner_name"), 15);
        return Py.truthy(p.get("blocked")) ? line + " [BLOCKED]" : line;
    }

    private static boolean present(String option) {
        return option != null && !option.isEmpty();
    }
}
