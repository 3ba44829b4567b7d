package org.kojinext.builder.buildroot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kojinext.builder.TaskContext;
import org.kojinext.protocol.KojiFault;

/**
 * The hub's record of one buildroot a task uses (kojid's BuildRoot calls): opened INIT with
 * host.newBuildRoot, moved through WAITING and BUILDING, its installed rpms listed, and EXPIRED
 * when closed. Every call names the task, so the hub checks the buildroot is this task's.
 *
 * <pre>
 * try (BuildrootRecord br = BuildrootRecord.open(task, repoId, "x86_64")) {
 *     br.list(installed);        // while INIT: host.setBuildRootList
 *     br.state("BUILDING");
 *     ...
 *     br.list(installedAfter);   // afterwards: host.updateBuildRootList
 *     return Map.of("brootid", br.id(), ...);
 * }
 * </pre>
 */
public final class BuildrootRecord implements AutoCloseable {
    private static final Set<String> STATES = Set.of("WAITING", "BUILDING", "EXPIRED");

    private final TaskContext task;
    private final int id;
    private String state = "INIT";

    private BuildrootRecord(TaskContext task, int id) {
        this.task = task;
        this.id = id;
    }

    /** host.newBuildRoot(repo, arch, task_id): a new INIT buildroot of this task. */
    public static BuildrootRecord open(TaskContext task, int repoId, String arch) {
        Object id = task.session().callKw("host.newBuildRoot", List.of(repoId, arch), Map.of("task_id", task.id()));
        if (!(id instanceof Integer i)) {
            throw KojiFault.generic("failed to get a buildroot id");
        }
        return new BuildrootRecord(task, i);
    }

    /** The buildroot id, the brootid a task reports and completeBuild's brmap carries. */
    public int id() {
        return id;
    }

    /** The last state set here: INIT, WAITING, BUILDING or EXPIRED. */
    public String state() {
        return state;
    }

    /** host.setBuildRootState to WAITING, BUILDING or EXPIRED. */
    public void state(String newState) {
        if (!STATES.contains(newState)) {
            throw new IllegalArgumentException("a buildroot moves to WAITING, BUILDING or EXPIRED, not " + newState);
        }
        task.session().callKw("host.setBuildRootState", List.of(id, newState), Map.of("task_id", task.id()));
        state = newState;
    }

    /**
     * Records installed rpms, each a dict as kojid's getPackageList makes them (name, version,
     * release, epoch, arch, payloadhash, size, buildtime; an internal rpm's id; an external one's
     * location). While INIT this is the initial listing (host.setBuildRootList); after that the
     * hub takes updates only (host.updateBuildRootList, which needs BUILDING).
     */
    public void list(List<Map<String, Object>> rpms) {
        String method = state.equals("INIT") ? "host.setBuildRootList" : "host.updateBuildRootList";
        task.session().callKw(method, List.of(id, new ArrayList<Object>(rpms)), Map.of("task_id", task.id()));
    }

    /** Expires the buildroot unless that was done already; the hub ignores a second expiry anyway. */
    @Override
    public void close() {
        if (!state.equals("EXPIRED")) {
            state("EXPIRED");
        }
    }
}
