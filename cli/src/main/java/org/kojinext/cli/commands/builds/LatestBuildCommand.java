package org.kojinext.cli.commands.builds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.Py;
import org.kojinext.cli.builds.PathInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's latest-build: the latest build (or rpms, with --arch) of packages in a tag. */
@Command(name = "latest-build", description = "[info] Print the latest builds for a tag")
public final class LatestBuildCommand extends CliCommand {
    @Option(names = "--arch", description = "List all of the latest packages for this arch")
    String arch;
    @Option(names = "--all", description = "List all of the latest packages for this tag")
    boolean all;
    @Option(names = "--quiet", description = "Do not print the header information")
    boolean quiet;
    @Option(names = "--paths", description = "Show the file paths")
    boolean paths;
    @Option(names = "--type", description = "Show builds of the given type only. Currently supported types: maven, win, image, or any custom content generator btypes")
    String type;
    @Option(names = "--json", description = "print the hub's answers as JSON")
    boolean json;
    @Parameters(arity = "0..*", paramLabel = "<tag> <package>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.isEmpty()) {
            throw new CliFailure("A tag name must be specified", 2);
        }
        List<String> pkgs = new ArrayList<>(args.subList(1, args.size()));
        if (all) {
            if (!pkgs.isEmpty()) {
                throw new CliFailure("A package name may not be combined with --all", 2);
            }
            pkgs.add(null);
        } else if (pkgs.isEmpty()) {
            throw new CliFailure("A tag name and package name must be specified", 2);
        }
        String tag = args.get(0);
        PathInfo pathinfo = new PathInfo(hub().profile().topdir());
        boolean headerDone = quiet || global().quiet();
        boolean maven = "maven".equals(type);
        List<Object> jsonOut = new ArrayList<>();
        for (String pkg : pkgs) {
            List<String> lines = new ArrayList<>();
            Map<String, Object> kw = new HashMap<>();
            kw.put("package", pkg);
            if (arch != null) {
                kw.put("arch", arch);
                List<?> answer = (List<?>) hub().callKw("getLatestRPMS", List.of(tag), kw);
                List<Map<String, Object>> rpms = Py.maps(answer.get(0));
                Map<Object, Map<String, Object>> builds = new HashMap<>();
                for (Map<String, Object> b : Py.maps(answer.get(1))) {
                    builds.put(b.get("build_id"), b);
                }
                jsonOut.addAll(rpms);
                for (Map<String, Object> r : rpms) {
                    if (paths) {
                        Map<String, Object> b = new LinkedHashMap<>(r);
                        b.put("name", builds.get(r.get("build_id")).get("package_name"));
                        lines.add(pathinfo.build(b) + "/" + PathInfo.rpm(r));
                    } else {
                        lines.add(r.get("name") + "-" + r.get("version") + "-" + r.get("release") + "." + r.get("arch"));
                    }
                }
            } else {
                if (type != null) {
                    kw.put("type", type);
                }
                List<Map<String, Object>> data = Py.maps(hub().callKw("getLatestBuilds", List.of(tag), kw));
                jsonOut.addAll(data);
                for (Map<String, Object> b : data) {
                    String first = paths ? Py.str(pathinfo.build(b)) : Py.str(b.get("nvr"));
                    lines.add(BuildTable.row(first, b, maven));
                }
                if (!headerDone && !json) {
                    BuildTable.header(out(), maven);
                    headerDone = true;
                }
            }
            if (!json) {
                lines.stream().sorted().forEach(out()::println);
            }
        }
        if (json) {
            printJson(jsonOut);
        }
        return 0;
    }
}
