package org.kojinext.cli.builds;

import java.util.Map;

/**
 * Koji's PathInfo: where a build's files, rpms, repos and task outputs live under a top
 * directory or URL ({@code --topdir} for paths Koji prints, {@code --topurl} for downloads).
 */
public record PathInfo(String top) {
    public PathInfo {
        top = top.endsWith("/") ? top.substring(0, top.length() - 1) : top;
    }

    public String volumedir(Object volume) {
        if (volume == null || "DEFAULT".equals(volume)) {
            return top;
        }
        return top + "/vol/" + volume;
    }

    public String build(Map<String, ?> b) {
        return volumedir(b.get("volume_name")) + "/packages/" + b.get("name") + "/" + b.get("version") + "/"
                + b.get("release");
    }

    public String typedir(Map<String, ?> b, String btype) {
        return switch (btype) {
            case "maven" -> build(b) + "/maven";
            case "win" -> build(b) + "/win";
            case "image" -> build(b) + "/images";
            default -> build(b) + "/files/" + btype;
        };
    }

    /** arch/N-V-R.arch.rpm, relative to the build's directory. */
    public static String rpm(Map<String, ?> r) {
        return r.get("arch") + "/" + r.get("name") + "-" + r.get("version") + "-" + r.get("release") + "."
                + r.get("arch") + ".rpm";
    }

    public static String signed(Map<String, ?> r, String sigkey) {
        return "data/signed/" + sigkey + "/" + rpm(r);
    }

    public String repo(Object repoId, Object tag) {
        return top + "/repos/" + tag + "/" + repoId;
    }

    public String distrepo(Object repoId, Object tag) {
        return top + "/repos-dist/" + tag + "/" + repoId;
    }

    public String work(Object volume) {
        return volumedir(volume) + "/work";
    }

    public static String taskrelpath(int taskId) {
        return "tasks/" + (taskId % 10000) + "/" + taskId;
    }
}
