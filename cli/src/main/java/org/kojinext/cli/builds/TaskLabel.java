package org.kojinext.cli.builds;

import java.util.List;
import java.util.Map;
import org.kojinext.cli.Py;

/**
 * Koji's taskLabel for the task methods Koji Next runs: "method (detail)", the detail taken
 * from the request's positional arguments as Koji's task signatures place them, else the arch.
 */
public final class TaskLabel {
    private TaskLabel() {
    }

    public static String of(Map<String, Object> task) {
        try {
            return label(task);
        } catch (RuntimeException e) {
            return "malformed task";
        }
    }

    private static String label(Map<String, Object> task) {
        String method = String.valueOf(task.get("method"));
        List<?> req = task.get("request") instanceof List<?> l ? l : List.of();
        String extra = switch (method) {
            case "build", "maven" -> {
                String src = String.valueOf(req.get(0));
                String module = src.contains("://") ? moduleInfo(src) : src.substring(src.lastIndexOf('/') + 1);
                yield name(req.get(1)) + ", " + module;
            }
            case "buildSRPMFromSCM" -> moduleInfo(String.valueOf(req.get(0)));
            case "buildArch" -> {
                Object pkg = req.get(0) instanceof Map<?, ?> m ? m.get("name") : req.get(0);
                String p = String.valueOf(pkg);
                yield p.substring(p.lastIndexOf('/') + 1) + ", " + req.get(2);
            }
            case "newRepo", "distRepo" -> name(req.get(0));
            case "createrepo" -> String.valueOf(req.get(1));
            case "createdistrepo" -> req.get(1) + ", " + req.get(2);
            case "chainbuild", "chainmaven" -> name(req.get(1));
            case "waitrepo" -> {
                String s = name(req.get(0));
                if (req.size() > 2 && req.get(2) instanceof List<?> nvrs && !nvrs.isEmpty()) {
                    s += ", " + String.join(", ", nvrs.stream().map(String::valueOf).toList());
                }
                yield s;
            }
            case "buildNotification" -> Nvr.label(Py.map(req.get(2)));
            default -> "";
        };
        return method + " (" + (extra.isEmpty() ? task.get("arch") : extra) + ")";
    }

    private static String name(Object tag) {
        return tag instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : String.valueOf(tag);
    }

    /** Koji's _module_info: repository path and revision of an SCM URL. */
    static String moduleInfo(String url) {
        int q = url.indexOf('?');
        int hash = url.indexOf('#');
        String module = q >= 0 ? url.substring(q + 1, hash >= 0 ? hash : url.length()) : "";
        int start = url.indexOf('/', url.indexOf("://") + 3);
        int end = q >= 0 ? q : hash;
        String repo = url.substring(start, end >= 0 ? end : url.length());
        String rev = url.substring(hash + 1);
        return module.isEmpty() ? repo + ":" + rev : repo + ":" + module + ":" + rev;
    }
}
