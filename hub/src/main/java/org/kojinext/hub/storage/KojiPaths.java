package org.kojinext.hub.storage;

import org.kojinext.protocol.KojiFault;

/**
 * Where Koji keeps things inside a volume (koji.pathinfo's layout), as relative paths. The hub
 * always builds paths here from their parts; each part must be one plain path segment, so a
 * package or tag name can never reach outside the place it names.
 */
public final class KojiPaths {
    public static final String WORK = "work";

    private KojiPaths() {
    }

    /** packages/&lt;name&gt;/&lt;version&gt;/&lt;release&gt; */
    public static String buildDir(String name, String version, String release) {
        return "packages/" + part(name) + "/" + part(version) + "/" + part(release);
    }

    /** &lt;builddir&gt;/&lt;arch&gt;/&lt;N&gt;-&lt;V&gt;-&lt;R&gt;.&lt;arch&gt;.rpm */
    public static String rpm(String name, String version, String release, String arch) {
        return buildDir(name, version, release) + "/" + part(arch) + "/"
                + part(name + "-" + version + "-" + release + "." + arch + ".rpm");
    }

    /** &lt;builddir&gt;/data/logs/&lt;arch&gt; */
    public static String buildLogs(String name, String version, String release, String arch) {
        return buildDir(name, version, release) + "/data/logs/" + part(arch);
    }

    /** tasks/&lt;id % 10000&gt;/&lt;id&gt;: a task's directory relative to work/, as uploads name it. */
    public static String taskRel(int taskId) {
        if (taskId < 0) {
            throw KojiFault.generic("Invalid task id: " + taskId);
        }
        return "tasks/" + (taskId % 10000) + "/" + taskId;
    }

    /** work/tasks/&lt;id % 10000&gt;/&lt;id&gt; */
    public static String taskWork(int taskId) {
        return WORK + "/" + taskRel(taskId);
    }

    /** repos/&lt;tag&gt;/&lt;repo_id&gt; */
    public static String repo(String tag, int repoId) {
        return "repos/" + part(tag) + "/" + repoId;
    }

    /** scratch/&lt;user&gt;/task_&lt;id&gt; */
    public static String scratch(String user, int taskId) {
        return "scratch/" + part(user) + "/task_" + taskId;
    }

    /** work/&lt;reldir&gt;/&lt;name&gt; for an upload directory already checked by {@link Uploads}. */
    static String upload(String reldir, String name) {
        return WORK + "/" + reldir + "/" + part(name);
    }

    /** One path segment: not empty, no '/', not "." or "..", no NUL. */
    public static String part(String s) {
        if (s == null || s.isEmpty() || s.indexOf('/') >= 0 || s.indexOf('\0') >= 0
                || s.equals(".") || s.equals("..")) {
            throw KojiFault.generic("Invalid path component: " + RelPath.printable(s));
        }
        return s;
    }
}
