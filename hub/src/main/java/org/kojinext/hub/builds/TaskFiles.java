package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.storage.KojiPaths;
import org.kojinext.protocol.KojiFault;

/**
 * Paths a builder names in completeBuild, relative to the work directory. Koji trusts them; Koji
 * Next accepts only files under the directory of the task being completed or of one of its
 * subtasks (Koji's build task names its buildArch subtasks' uploads), so a host cannot import
 * another task's or user's uploads. Hidden segments are refused too: they are the hub's own
 * bookkeeping (.user).
 */
public final class TaskFiles {
    /** Deep enough for build → buildArch and a wrapper level; a longer chain is not a subtask of ours. */
    private static final int MAX_DEPTH = 8;

    private TaskFiles() {
    }

    /** The file's path in the volume (work/tasks/...), or a fault naming what the client sent. */
    public static String resolve(DSLContext db, int taskId, Object relpath) {
        if (!(relpath instanceof String rel) || rel.isEmpty() || rel.startsWith("/") || rel.indexOf('\0') >= 0) {
            throw outside(relpath, taskId);
        }
        List<String> parts = new ArrayList<>();
        for (String s : rel.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..") || s.startsWith(".")) {
                throw outside(relpath, taskId);
            }
            parts.add(s);
        }
        if (parts.size() < 4 || !parts.get(0).equals("tasks")) {
            throw outside(relpath, taskId);
        }
        int owner;
        try {
            owner = Integer.parseInt(parts.get(2));
        } catch (NumberFormatException e) {
            throw outside(relpath, taskId);
        }
        if (owner < 0 || !parts.get(1).equals(Integer.toString(owner % 10000))
                || !parts.get(2).equals(Integer.toString(owner)) || !withinTask(db, owner, taskId)) {
            throw outside(relpath, taskId);
        }
        return KojiPaths.WORK + "/" + String.join("/", parts);
    }

    /** completeBuild's logs, {arch: [relpath, ...]}, each path resolved as {@link #resolve} does. */
    static Map<String, List<String>> logPaths(DSLContext db, int taskId, Object logs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (logs == null) {
            return out;
        }
        if (!(logs instanceof Map<?, ?> m)) {
            throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(logs) + ": expected dict");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String arch) || !(e.getValue() instanceof List<?> paths)) {
                throw KojiFault.parameter("logs must map an arch to a list of paths, got " + PythonRepr.of(logs));
            }
            List<String> resolved = new ArrayList<>();
            for (Object p : paths) {
                resolved.add(TaskFiles.resolve(db, taskId, p));
            }
            out.put(arch, resolved);
        }
        return out;
    }

    /** Whether {@code id} is the task or a subtask of it, following parents up a bounded chain. */
    static boolean withinTask(DSLContext db, int id, int taskId) {
        Integer cur = id;
        for (int depth = 0; cur != null && depth <= MAX_DEPTH; depth++) {
            if (cur == taskId) {
                return true;
            }
            cur = db.select(TASK.PARENT).from(TASK).where(TASK.ID.eq(cur)).fetchOne(TASK.PARENT);
        }
        return false;
    }

    /** The last segment of a path the builder sent, for the name a file gets in packages/. */
    static String basename(String volumePath) {
        return volumePath.substring(volumePath.lastIndexOf('/') + 1);
    }

    private static KojiFault outside(Object relpath, int taskId) {
        return KojiFault.generic("Invalid import path " + PythonRepr.of(relpath) + ": not a file under the work "
                + "directory of task " + taskId + " or its subtasks");
    }
}
