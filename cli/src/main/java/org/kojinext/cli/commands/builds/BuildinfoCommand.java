package org.kojinext.cli.commands.builds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.Py;
import org.kojinext.cli.PyRepr;
import org.kojinext.cli.States;
import org.kojinext.cli.builds.PathInfo;
import org.kojinext.cli.watch.TaskLabel;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's buildinfo: a build's state, owner, task, tags, archives and rpms (with their signatures). */
@Command(name = "buildinfo", description = "[info] Print basic information about a build")
public final class BuildinfoCommand extends CliCommand {
    private static final DateTimeFormatter CHANGELOG_DAY = DateTimeFormatter.ofPattern("EEE MMM dd yyyy", Locale.ROOT);

    @Option(names = "--changelog", description = "Show the changelog for the build")
    boolean changelog;
    @Option(names = "--json", description = "print the builds (getBuild) as JSON")
    boolean json;
    @Parameters(arity = "0..*", paramLabel = "<n-v-r>")
    List<String> builds = List.of();

    @Override
    protected int run() {
        if (builds.isEmpty()) {
            throw new CliFailure("Please specify a build", 2);
        }
        boolean missing = false;
        List<Object> found = new ArrayList<>();
        for (String arg : builds) {
            Object key = Py.isDigits(arg) ? (Object) Integer.parseInt(arg) : arg;
            Object b = hub().call("getBuild", key);
            if (b == null) {
                err().println("No such build: " + arg + "\n");
                missing = true;
                continue;
            }
            if (json) {
                found.add(b);
            } else {
                print(Py.map(b));
            }
        }
        if (json) {
            printJson(found);
        }
        return missing ? 1 : 0;
    }

    private void print(Map<String, Object> info) {
        PathInfo paths = new PathInfo(hub().profile().topdir());
        Map<String, Object> task = null;
        Integer taskId = taskId(info);
        if (taskId != null) {
            task = Py.map(hub().callKw("getTaskInfo", List.of(taskId), Map.of("request", true)));
        }
        List<String> tags = new ArrayList<>();
        for (Map<String, Object> t : Py.maps(hub().call("listTags", info.get("id")))) {
            tags.add(String.valueOf(t.get("name")));
        }
        String state = States.name(States.BUILD, info.get("state"));
        out().println("BUILD: " + info.get("name") + "-" + info.get("version") + "-" + info.get("release")
                + " [" + info.get("id") + "]");
        if (Py.truthy(info.get("draft"))) {
            out().println("Draft: YES");
        }
        out().println("State: " + state);
        if (state.equals("BUILDING")) {
            out().println("Reserved by: " + Py.str(info.get("cg_name")));
        }
        out().println("Built by: " + info.get("owner_name"));
        if (info.get("source") != null) {
            out().println("Source: " + info.get("source"));
        }
        if (info.containsKey("volume_name")) {
            out().println("Volume: " + info.get("volume_name"));
        }
        out().println(task != null ? "Task: " + task.get("id") + " " + TaskLabel.of(task) : "Task: none");
        out().println("Finished: " + KojiTimes.formatTimeLong(info.get("completion_ts")));
        if (Py.truthy(info.get("promotion_ts"))) {
            out().println("Promoted by: " + info.get("promoter_name"));
            out().println("Promoted at: " + KojiTimes.formatTimeLong(info.get("promotion_ts")));
        }
        out().println("Tags: " + String.join(" ", tags));
        if (Py.truthy(info.get("extra"))) {
            out().println("Extra: " + PyRepr.repr(info.get("extra")));
        }
        printArchives(info, paths);
        printRpms(info, paths);
        if (changelog) {
            List<Map<String, Object>> entries = changelog(info);
            if (!entries.isEmpty()) {
                out().println("Changelog:");
                StringBuilder s = new StringBuilder();
                for (Map<String, Object> e : entries) {
                    s.append("* ").append(e.get("date")).append(' ').append(e.get("author")).append('\n')
                            .append(e.get("text")).append("\n\n");
                }
                out().println(s);
            }
        }
    }

    /**
     * Archives by build type, legacy types first as Koji lists them. Koji Next does not keep Maven
     * or Windows build data, so every archive prints as typedir/filename.
     */
    private void printArchives(Map<String, Object> info, PathInfo paths) {
        Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
        for (String legacy : List.of("maven", "win", "image")) {
            byType.put(legacy, new ArrayList<>());
        }
        for (Map<String, Object> a : Py.maps(hub().callKw("listArchives", List.of(), Map.of("buildID", info.get("id"))))) {
            byType.computeIfAbsent(String.valueOf(a.get("btype")), k -> new ArrayList<>()).add(a);
        }
        byType.forEach((btype, archives) -> {
            if (archives.isEmpty()) {
                return;
            }
            out().println(switch (btype) {
                case "maven" -> "Maven archives:";
                case "win" -> "Windows archives:";
                case "image" -> "Image archives:";
                default -> Character.toUpperCase(btype.charAt(0)) + btype.substring(1).toLowerCase(Locale.ROOT)
                        + " Archives:";
            });
            for (Map<String, Object> a : archives) {
                out().println(paths.typedir(info, btype) + "/" + a.get("filename"));
            }
        });
    }

    private void printRpms(Map<String, Object> info, PathInfo paths) {
        List<Map<String, Object>> rpms = Py.maps(hub().callKw("listRPMs", List.of(), Map.of("buildID", info.get("id"))));
        if (rpms.isEmpty()) {
            return;
        }
        List<RpcCall> calls = new ArrayList<>();
        for (Map<String, Object> r : rpms) {
            calls.add(new RpcCall("queryRPMSigs", List.of(r.get("id")), Map.of()));
        }
        List<Object> sigs = Multicalls.strict(hub(), calls);
        out().println("RPMs:");
        for (int i = 0; i < rpms.size(); i++) {
            String line = paths.build(info) + "/" + PathInfo.rpm(rpms.get(i));
            TreeSet<String> keys = new TreeSet<>();
            for (Map<String, Object> s : Py.maps(sigs.get(i))) {
                if (Py.truthy(s.get("sigkey"))) {
                    keys.add(String.valueOf(s.get("sigkey")));
                }
            }
            if (!keys.isEmpty()) {
                line += "\tSignatures: " + String.join(", ", keys);
            }
            out().println(line);
        }
    }

    /**
     * getChangelogEntries where the hub has it; otherwise (Koji Next's hub) the srpm's changelog
     * header fields, which are what Koji's call reads too.
     */
    private List<Map<String, Object>> changelog(Map<String, Object> info) {
        try {
            List<Map<String, Object>> entries = Py.maps(hub().call("getChangelogEntries", info.get("id")));
            for (Map<String, Object> e : entries) {
                e.put("date", day(e.get("date")));
            }
            return entries;
        } catch (KojiFault f) {
            if (!String.valueOf(f.getMessage()).contains("getChangelogEntries")) {
                throw f;
            }
        }
        List<Map<String, Object>> srpms = Py.maps(hub().callKw("listRPMs", List.of(),
                Map.of("buildID", info.get("id"), "arches", "src")));
        List<Map<String, Object>> out = new ArrayList<>();
        if (srpms.isEmpty()) {
            return out;
        }
        Map<String, Object> h = Py.map(hub().callKw("getRPMHeaders", List.of(), Map.of("rpmID", srpms.get(0).get("id"),
                "headers", List.of("changelogtime", "changelogname", "changelogtext"))));
        List<?> times = list(h.get("changelogtime"));
        List<?> names = list(h.get("changelogname"));
        List<?> texts = list(h.get("changelogtext"));
        for (int i = 0; i < times.size() && i < names.size() && i < texts.size(); i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("date", CHANGELOG_DAY.format(Instant.ofEpochSecond(((Number) times.get(i)).longValue())
                    .atZone(ZoneOffset.UTC)));
            e.put("author", names.get(i));
            e.put("text", texts.get(i));
            out.add(e);
        }
        return out;
    }

    private static List<?> list(Object v) {
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> l ? l : List.of(v);
    }

    private static String day(Object date) {
        String s = String.valueOf(date);
        java.time.LocalDate d = java.time.LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s);
        return CHANGELOG_DAY.format(d);
    }

    /** Koji's extract_build_task: task_id, or where older content generators put it in extra. */
    private static Integer taskId(Map<String, Object> info) {
        if (info.get("task_id") != null) {
            return Py.intOf(info.get("task_id"));
        }
        if (info.get("extra") instanceof Map<?, ?> extra) {
            Object id = extra.get("container_koji_task_id");
            if (id == null && extra.get("image") instanceof Map<?, ?> image) {
                id = image.get("container_koji_task_id");
            }
            return Py.intOf(id);
        }
        return null;
    }
}
