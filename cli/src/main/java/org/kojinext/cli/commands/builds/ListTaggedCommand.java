package org.kojinext.cli.commands.builds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.Py;
import org.kojinext.cli.builds.PathInfo;
import org.kojinext.cli.tags.EventOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's list-tagged: the builds (or rpms) in a tag, now or at an event. */
@Command(name = "list-tagged", description = "[info] List the builds or rpms in a tag")
public final class ListTaggedCommand extends CliCommand {
    @Option(names = "--arch", description = "List rpms for this arch")
    List<String> arches = new ArrayList<>();
    @Option(names = "--rpms", description = "Show rpms instead of builds")
    boolean rpms;
    @Option(names = "--inherit", description = "Follow inheritance")
    boolean inherit;
    @Option(names = "--latest", description = "Only show the latest builds/rpms")
    boolean latest;
    @Option(names = "--latest-n", paramLabel = "N", description = "Only show the latest N builds/rpms")
    Integer latestN;
    @Option(names = "--quiet", description = "Do not print the header information")
    boolean quiet;
    @Option(names = "--paths", description = "Show the file paths")
    boolean paths;
    @Option(names = "--sigs", description = "Show signatures")
    boolean sigs;
    @Option(names = "--type", description = "Show builds of the given type only. Currently supported types: maven, win, image")
    String type;
    @Mixin
    EventOptions eventOptions = new EventOptions();
    @Option(names = "--draft-only", description = "Only list draft builds/rpms")
    boolean draftOnly;
    @Option(names = "--no-draft", description = "Only list regular builds/rpms")
    boolean noDraft;
    @Option(names = "--json", description = "print the hub's answer as JSON")
    boolean json;
    @Parameters(arity = "0..*", paramLabel = "<tag> [<package>]")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (args.isEmpty()) {
            throw new CliFailure("A tag name must be specified", 2);
        } else if (args.size() > 2) {
            throw new CliFailure("Only one package name may be specified", 2);
        }
        if (noDraft && draftOnly) {
            throw new CliFailure("--draft-only conflicts with --no-draft", 2);
        }
        boolean silent = quiet || global().quiet() || json;
        String tag = args.get(0);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("latest", latestN != null ? (Object) latestN : latest);
        opts.put("inherit", inherit);
        if (args.size() > 1) {
            opts.put("package", args.get(1));
        }
        if (!arches.isEmpty()) {
            rpms = true;
            opts.put("arch", arches);
        }
        if (sigs) {
            opts.put("rpmsigs", true);
            rpms = true;
        }
        if (type != null) {
            opts.put("type", type);
        } else if (noDraft) {
            opts.put("draft", false);
        } else if (draftOnly) {
            opts.put("draft", true);
        }
        Map<String, Object> ev = eventOptions.resolve(hub());
        Object eventId = null;
        if (ev != null) {
            eventId = ev.get("id");
            opts.put("event", eventId);
            if (!silent) {
                out().println(EventOptions.queryingLine(ev));
            }
        }
        Map<String, Object> kw = new HashMap<>();
        kw.put("event", eventId);
        if (hub().callKw("getTag", List.of(tag), kw) == null) {
            throw new CliFailure("No such tag: " + tag, 2);
        }
        if (sigs && paths && !Files.exists(Path.of(hub().profile().topdir(), "packages"))) {
            throw new CliFailure("'list-tagged --sigs --paths' requires accessible "
                    + Path.of(hub().profile().topdir(), "packages"));
        }
        PathInfo pathinfo = new PathInfo(hub().profile().topdir());
        List<String> lines = new ArrayList<>();
        if (rpms) {
            List<?> answer = (List<?>) hub().callKw("listTaggedRPMS", List.of(tag), opts);
            List<Map<String, Object>> data = Py.maps(answer.get(0));
            if (json) {
                printJson(answer);
                return 0;
            }
            if (paths) {
                Map<Object, String> dirs = new HashMap<>();
                for (Map<String, Object> b : Py.maps(answer.get(1))) {
                    String dir = pathinfo.build(b);
                    if (sigs && !Files.isDirectory(Path.of(dir))) {
                        warn("Build directory not found: " + dir);
                    } else {
                        dirs.put(b.get("id"), dir);
                    }
                }
                for (Map<String, Object> r : data) {
                    String dir = dirs.get(r.get("build_id"));
                    if (dir == null) {
                        continue;
                    }
                    if (sigs) {
                        String signed = dir + "/" + PathInfo.signed(r, String.valueOf(r.get("sigkey")));
                        if (Files.exists(Path.of(signed))) {
                            lines.add(signed);
                        }
                    } else {
                        lines.add(dir + "/" + PathInfo.rpm(r));
                    }
                }
            } else {
                for (Map<String, Object> r : data) {
                    String line = r.get("name") + "-" + r.get("version") + "-" + r.get("release") + "." + r.get("arch")
                            + (Py.truthy(r.get("draft")) ? " (,draft_" + r.get("build_id") + ")" : "");
                    lines.add(sigs ? r.get("sigkey") + " " + line : line);
                }
            }
        } else {
            List<Map<String, Object>> data = Py.maps(hub().callKw("listTagged", List.of(tag), opts));
            if (json) {
                printJson(data);
                return 0;
            }
            boolean maven = "maven".equals(type);
            for (Map<String, Object> b : data) {
                String first = paths ? pathinfo.build(b) : Py.str(b.get("nvr"));
                lines.add(BuildTable.row(first, b, maven));
            }
            if (!silent) {
                BuildTable.header(out(), maven);
            }
        }
        lines.stream().sorted().forEach(out()::println);
        return 0;
    }
}
