package org.kojinext.cli.watch;

import static org.kojinext.cli.Py.str;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Koji's taskLabel: "method (detail)" from a task's method, request and arch, where the detail
 * is what a person recognises the task by (target and source of a build, srpm and arch of a
 * buildArch, ...). The request's positional arguments are named by Koji's legacy signatures.
 */
public final class TaskLabel {
    /** Parameter names per method; the number after the colon is how many are required. */
    private static final Map<String, String> SIGNATURES = Map.ofEntries(
            Map.entry("build", "src target opts:2"),
            Map.entry("maven", "url target opts:2"),
            Map.entry("chainbuild", "srcs target opts:2"),
            Map.entry("chainmaven", "builds target opts:2"),
            Map.entry("waitrepo", "tag newer_than nvrs min_event:1"),
            Map.entry("buildSRPMFromSCM", "url build_tag opts:2"),
            Map.entry("rebuildSRPM", "srpm build_tag opts:2"),
            Map.entry("buildArch", "pkg root arch keep_srpm opts:4"),
            Map.entry("buildNotification", "recipients build target weburl:4"),
            Map.entry("buildMaven", "url build_tag opts:2"),
            Map.entry("wrapperRPM", "spec_url build_target build task opts:4"),
            Map.entry("tagBuild", "tag_id build_id force fromtag ignore_success:2"),
            Map.entry("tagNotification", "recipients is_successful tag_info from_info build_info user_info "
                    + "ignore_success failure_msg:6"),
            Map.entry("newRepo", "tag event src debuginfo separate_src opts:1"),
            Map.entry("distRepo", "tag repo_id keys task_opts:4"),
            Map.entry("createrepo", "repo_id arch oldrepo:3"),
            Map.entry("createdistrepo", "tag repo_id arch keys opts:5"),
            Map.entry("dependantTask", "wait_list task_list:2"),
            Map.entry("sleep", "n:1"),
            Map.entry("waittest", "count seconds:1"),
            Map.entry("subtask", "n:0"),
            Map.entry("fork", "n m:0"),
            Map.entry("restart", "host:1"),
            Map.entry("restartVerify", "task_id host:2"),
            Map.entry("vmExec", "name task_info opts:3"),
            Map.entry("winbuild", "name source_url target opts:4"));

    private TaskLabel() {
    }

    public static String of(Map<?, ?> task) {
        try {
            return label(task);
        } catch (RuntimeException e) {
            return "malformed task";
        }
    }

    private static String label(Map<?, ?> task) {
        String method = String.valueOf(task.get("method"));
        Object arch = task.get("arch");
        Map<String, Object> p;
        try {
            p = params(method, task.get("request") instanceof List<?> l ? l : List.of());
        } catch (IllegalArgumentException unknownArgs) {
            return method + " (" + str(arch) + ", unknown args)";
        }
        String extra = "";
        switch (method) {
            case "build", "maven" -> {
                String src = str(p.get("src") != null ? p.get("src") : p.get("url"));
                String module = src.contains("://") ? moduleInfo(src) : basename(src);
                Object target = p.get("target") != null ? p.get("target") : p.get("build_tag");
                extra = name(target) + ", " + module;
            }
            case "buildSRPMFromSCM" -> extra = moduleInfo(str(p.get("url")));
            case "buildArch" -> {
                Object pkg = p.get("pkg") instanceof Map<?, ?> m ? m.get("name") : p.get("pkg");
                extra = basename(str(pkg)) + ", " + str(p.get("arch"));
            }
            case "buildMaven" -> extra = str(((Map<?, ?>) p.get("build_tag")).get("name"));
            case "wrapperRPM" -> {
                extra = str(((Map<?, ?>) p.get("build_target")).get("name"));
                if (p.get("build") instanceof Map<?, ?> b && !b.isEmpty()) {
                    extra += ", " + buildLabel(b);
                }
            }
            case "winbuild" -> extra = name(p.get("target")) + ", " + moduleInfo(str(p.get("source_url")));
            case "vmExec" -> extra = str(p.get("name"));
            case "buildNotification" -> extra = buildLabel((Map<?, ?>) p.get("build"));
            case "newRepo", "distRepo", "chainbuild", "chainmaven" -> extra = name(p.get(
                    method.startsWith("chain") ? "target" : "tag"));
            case "createrepo" -> extra = str(p.get("arch"));
            case "createdistrepo" -> extra = str(p.get("repo_id")) + ", " + str(p.get("arch"));
            case "dependantTask" -> {
                StringBuilder sb = new StringBuilder();
                for (Object sub : (List<?>) p.get("task_list")) {
                    sb.append(sb.isEmpty() ? "" : ", ").append(str(((List<?>) sub).get(0)));
                }
                extra = sb.toString();
            }
            case "waitrepo" -> {
                extra = name(p.get("tag"));
                if (p.get("nvrs") instanceof List<?> nvrs) {
                    for (Object n : nvrs) {
                        extra += ", " + str(n);
                    }
                }
            }
            case "restart", "restartVerify" -> extra = str(((Map<?, ?>) p.get("host")).get("name"));
            default -> { }
        }
        return method + " (" + (extra.isEmpty() ? str(arch) : extra) + ")";
    }

    /**
     * The request's arguments by name: a new-style request is one map with {@code __method__};
     * otherwise positional arguments (and Koji's {@code __starstar} keywords) fill the signature.
     * Methods without a known signature get an empty map, as Koji's label then shows the arch.
     */
    static Map<String, Object> params(String method, List<?> request) {
        Map<String, Object> out = new HashMap<>();
        if (request.size() == 1 && request.get(0) instanceof Map<?, ?> m && m.containsKey("__method__")) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            out.remove("__method__");
            return out;
        }
        String sig = SIGNATURES.get(method);
        if (sig == null) {
            return out;
        }
        List<?> args = request;
        Map<?, ?> kwargs = Map.of();
        if (!args.isEmpty() && args.get(args.size() - 1) instanceof Map<?, ?> kw
                && Boolean.TRUE.equals(kw.get("__starstar"))) {
            kwargs = kw;
            args = args.subList(0, args.size() - 1);
        }
        String[] names = sig.substring(0, sig.indexOf(':')).split(" ");
        int required = Integer.parseInt(sig.substring(sig.indexOf(':') + 1));
        if (args.size() > names.length) {
            throw new IllegalArgumentException("too many arguments");
        }
        for (int i = 0; i < names.length; i++) {
            if (i < args.size()) {
                out.put(names[i], args.get(i));
            } else if (kwargs.containsKey(names[i])) {
                out.put(names[i], kwargs.get(names[i]));
            } else if (i < required) {
                throw new IllegalArgumentException("missing " + names[i]);
            }
        }
        return out;
    }

    /** Koji's _module_info: repository path and ref of an SCM URL (and the module after '?'). */
    static String moduleInfo(String url) {
        String module = "";
        int q = url.indexOf('?');
        int hash = url.indexOf('#');
        if (q >= 0) {
            module = pySlice(url, q + 1, hash);
        }
        int repoStart = url.indexOf('/', url.indexOf("://") + 3);
        int repoEnd = q >= 0 ? q : hash;
        String repo = pySlice(url, repoStart, repoEnd);
        String rev = url.substring(hash + 1);
        return module.isEmpty() ? repo + ":" + rev : repo + ":" + module + ":" + rev;
    }

    /** Python's s[from:to], where a negative index counts from the end. */
    private static String pySlice(String s, int from, int to) {
        int n = s.length();
        int a = from < 0 ? Math.max(0, n + from) : Math.min(from, n);
        int b = to < 0 ? Math.max(0, n + to) : Math.min(to, n);
        return a < b ? s.substring(a, b) : "";
    }

    static String buildLabel(Map<?, ?> b) {
        Object name = b.get("package_name") != null ? b.get("package_name") : b.get("name");
        return str(name) + "-" + str(b.get("version")) + "-" + str(b.get("release"));
    }

    private static String name(Object tagOrTarget) {
        return tagOrTarget instanceof Map<?, ?> m ? str(m.get("name")) : str(tagOrTarget);
    }

    private static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
