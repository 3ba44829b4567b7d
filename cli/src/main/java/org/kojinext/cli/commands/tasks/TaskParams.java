package org.kojinext.cli.commands.tasks;

import static org.kojinext.cli.Py.str;
import static org.kojinext.cli.Py.truthy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.PyRepr;

/**
 * Koji's _parseTaskParams: the lines under "Request Parameters:" for the task methods Koji
 * describes (others print none), or "Unable to parse task parameters" when the request does not
 * have the expected shape.
 */
final class TaskParams {
    private TaskParams() {
    }

    static List<String> describe(HubLink hub, String method, int id, String topdir) {
        try {
            return lines(hub, method, (List<?>) hub.call("getTaskRequest", id), topdir);
        } catch (RuntimeException e) {
            return List.of("Unable to parse task parameters");
        }
    }

    private static List<String> lines(HubLink hub, String method, List<?> p, String topdir) {
        List<String> lines = new ArrayList<>();
        switch (method) {
            case "buildSRPMFromCVS" -> lines.add("CVS URL: " + str(p.get(0)));
            case "buildSRPMFromSCM" -> lines.add("SCM URL: " + str(p.get(0)));
            case "buildArch" -> {
                lines.add("SRPM: " + topdir + "/work/" + str(p.get(0)));
                Object tag = hub.call("getTag", p.get(1));
                lines.add("Build Tag: " + (tag instanceof Map<?, ?> t ? str(t.get("name")) : str(p.get(1)) + " (deleted)"));
                lines.add("Build Arch: " + str(p.get(2)));
                lines.add("SRPM Kept: " + PyRepr.repr(p.get(3)));
                opts(lines, p, 4, "");
            }
            case "tagBuild" -> {
                Map<?, ?> build = (Map<?, ?>) hub.call("getBuild", p.get(1));
                lines.add("Destination Tag: " + str(((Map<?, ?>) hub.call("getTag", p.get(0))).get("name")));
                lines.add("Build: " + buildLabel(build));
            }
            case "buildNotification" -> {
                lines.add("Recipients: " + join((List<?>) p.get(0)));
                lines.add("Build: " + buildLabel((Map<?, ?>) p.get(1)));
                lines.add("Build Target: " + str(((Map<?, ?>) p.get(2)).get("name")));
                lines.add("Web URL: " + str(p.get(3)));
            }
            case "build", "maven" -> {
                lines.add((method.equals("build") ? "Source: " : "SCM URL: ") + str(p.get(0)));
                lines.add("Build Target: " + str(p.get(1)));
                opts(lines, p, 2, "");
            }
            case "newRepo" -> lines.add("Tag: " + str(((Map<?, ?>) hub.call("getTag", p.get(0))).get("name")));
            case "prepRepo" -> lines.add("Tag: " + str(((Map<?, ?>) p.get(0)).get("name")));
            case "createrepo" -> {
                lines.add("Repo ID: " + ((Number) p.get(0)).intValue());
                lines.add("Arch: " + str(p.get(1)));
                if (p.get(2) instanceof Map<?, ?> old && !old.isEmpty()) {
                    lines.add("Old Repo ID: " + ((Number) old.get("id")).intValue());
                    lines.add("Old Repo Creation: " + KojiTimes.formatTimeLong(old.get("create_ts")));
                }
                if (p.size() > 3) {
                    List<String> names = new ArrayList<>();
                    for (Object e : (List<?>) p.get(3)) {
                        names.add(str(((Map<?, ?>) e).get("external_repo_name")));
                    }
                    lines.add("External Repos: " + String.join(", ", names));
                }
            }
            case "dependantTask" -> {
                lines.add("Dependant Tasks: " + join((List<?>) p.get(0)));
                lines.add("Subtasks:");
                for (Object o : (List<?>) p.get(1)) {
                    List<?> sub = (List<?>) o;
                    lines.add("  Method: " + str(sub.get(0)));
                    lines.add("  Parameters: " + join((List<?>) sub.get(1)));
                    if (sub.size() > 2 && sub.get(2) instanceof Map<?, ?> m && !m.isEmpty()) {
                        opts(lines, sub, 2, "  ");
                    }
                    lines.add("");
                }
            }
            case "chainbuild" -> {
                lines.add("Build Groups:");
                int n = 0;
                for (Object group : (List<?>) p.get(0)) {
                    lines.add("  " + (++n) + ": " + join((List<?>) group));
                }
                lines.add("Build Target: " + str(p.get(1)));
                opts(lines, p, 2, "");
            }
            case "waitrepo" -> {
                lines.add("Build Target: " + str(p.get(0)));
                if (truthy(p.get(1))) {
                    lines.add("Newer Than: " + str(p.get(1)));
                }
                if (truthy(p.get(2))) {
                    lines.add("NVRs: " + join((List<?>) p.get(2)));
                }
            }
            default -> { }
        }
        return lines;
    }

    /** Koji's _handleOpts: "Options:" and each key but __starstar, when the options are not empty. */
    private static void opts(List<String> lines, List<?> p, int index, String prefix) {
        if (p.size() <= index || !(p.get(index) instanceof Map<?, ?> opts) || opts.isEmpty()) {
            return;
        }
        lines.add(prefix + "Options:");
        opts.forEach((k, v) -> {
            if (!"__starstar".equals(k)) {
                lines.add("  " + prefix + k + ": " + str(v));
            }
        });
    }

    private static String buildLabel(Map<?, ?> b) {
        Object name = b.get("package_name") != null ? b.get("package_name") : b.get("name");
        return str(name) + "-" + str(b.get("version")) + "-" + str(b.get("release"));
    }

    private static String join(List<?> items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(str(i)));
        return String.join(", ", out);
    }
}
