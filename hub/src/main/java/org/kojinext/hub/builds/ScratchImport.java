package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.TASK;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.storage.KojiPaths;
import org.kojinext.hub.storage.Volume;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's host.moveBuildToScratch: a scratch build's srpm, rpms and logs move to
 * scratch/&lt;owner&gt;/task_&lt;id&gt;/ and no build row is made. The paths are checked as
 * completeBuild checks them (the task's own uploads only), and a failure moves everything back.
 */
public final class ScratchImport {
    private ScratchImport() {
    }

    public static void move(DSLContext db, Volume volume, int hostId, int taskId, Object srpm, Object rpms,
                            Object logs) {
        TaskWriter.assertHost(db, taskId, hostId);
        if (!(rpms instanceof List<?> rpmList)) {
            throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(rpms) + ": expected list");
        }
        List<String> files = new ArrayList<>();
        files.add(TaskFiles.resolve(db, taskId, srpm));
        for (Object r : rpmList) {
            files.add(TaskFiles.resolve(db, taskId, r));
        }
        Map<String, List<String>> logPaths = TaskFiles.logPaths(db, taskId, logs);
        String owner = db.select(USERS.NAME).from(TASK).join(USERS).on(USERS.ID.eq(TASK.OWNER))
                .where(TASK.ID.eq(taskId)).fetchSingle(USERS.NAME);
        String dir = KojiPaths.scratch(owner, taskId);
        FileMoves moves = new FileMoves(volume);
        try {
            // A noarch rpm that several arches built lands once, as Koji's check_noarch_rpms keeps one.
            Set<String> names = new HashSet<>();
            for (String from : files) {
                String base = TaskFiles.basename(from);
                if (names.add(base)) {
                    moves.move(from, dir + "/" + KojiPaths.part(base), from.substring(KojiPaths.WORK.length() + 1),
                            "Error moving scratch build file");
                }
            }
            logPaths.forEach((arch, paths) -> {
                String logDir = arch.isEmpty() ? dir + "/logs" : dir + "/logs/" + KojiPaths.part(arch);
                for (String from : paths) {
                    moves.move(from, logDir + "/" + KojiPaths.part(TaskFiles.basename(from)),
                            from.substring(KojiPaths.WORK.length() + 1), "Error moving scratch build log");
                }
            });
        } catch (RuntimeException e) {
            moves.undo(e);
            moves.removeIfEmpty(dir, e);
            throw e;
        }
    }
}
