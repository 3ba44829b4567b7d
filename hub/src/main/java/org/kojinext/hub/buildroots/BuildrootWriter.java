package org.kojinext.hub.buildroots;

import static org.kojinext.hub.db.jooq.Tables.BUILDROOT;
import static org.kojinext.hub.db.jooq.Tables.BUILDROOT_LISTING;
import static org.kojinext.hub.db.jooq.Tables.REPO;
import static org.kojinext.hub.db.jooq.Tables.STANDARD_BUILDROOT;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.kojinext.hub.builds.RpmStore;
import org.kojinext.hub.db.jooq.tables.records.StandardBuildrootRecord;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.tags.Arches;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * The host calls that record a standard buildroot (Koji's HostExports newBuildRoot,
 * setBuildRootState, setBuildRootList, updateBuildRootList with BuildRoot's rules). A host acts
 * only on its own buildroots, and a task_id it names must be a task it holds open and, for an
 * existing buildroot, the buildroot's own task.
 */
public final class BuildrootWriter {
    /** Koji's BR_TYPES.STANDARD. */
    public static final int STANDARD = 0;

    private BuildrootWriter() {
    }

    /**
     * Koji's BuildRoot.new: a STANDARD buildroot in state INIT on the calling host, of a chroot
     * of {@code arch}, using {@code repo}. Koji's standard_buildroot.task_id is NOT NULL, so
     * Koji fails without a task too; here the message says so. host_os and host_arch stay
     * NULL, as Koji leaves them for standard buildroots.
     */
    public static int create(DSLContext db, int hostId, Object repo, Object arch, Object taskId) {
        if (taskId == null) {
            throw KojiFault.generic("A standard buildroot needs the task_id of a task open on this host");
        }
        if (!(taskId instanceof Integer task)) {
            throw KojiFault.parameter("Invalid type for task_id: " + PythonRepr.of(taskId));
        }
        TaskWriter.assertHost(db, task, hostId);
        if (!(repo instanceof Integer repoId)) {
            throw KojiFault.parameter("Invalid type for repo: " + PythonRepr.of(repo) + ", expected a repo id");
        }
        if (!db.fetchExists(REPO, REPO.ID.eq(repoId))) {
            throw KojiFault.generic("No such repo: " + repoId);
        }
        String chrootArch = Arches.parseStrict(arch);
        int id = db.insertInto(BUILDROOT)
                .set(BUILDROOT.BR_TYPE, STANDARD)
                .set(BUILDROOT.CONTAINER_ARCH, chrootArch)
                .set(BUILDROOT.CONTAINER_TYPE, "chroot")
                .returning(BUILDROOT.ID).fetchSingle().getId();
        // create_event is left to the column's default, get_event(): a fresh event, as in Koji.
        db.insertInto(STANDARD_BUILDROOT)
                .set(STANDARD_BUILDROOT.BUILDROOT_ID, id)
                .set(STANDARD_BUILDROOT.HOST_ID, hostId)
                .set(STANDARD_BUILDROOT.REPO_ID, repoId)
                .set(STANDARD_BUILDROOT.TASK_ID, task)
                .set(STANDARD_BUILDROOT.STATE, BrState.INIT.code())
                .execute();
        return id;
    }

    /**
     * Koji's BuildRoot.setState: never back to INIT; expiring an EXPIRED buildroot is quietly
     * nothing, any other change to it an error; expiring stamps retire_event with a fresh event.
     */
    public static void setState(DSLContext db, int hostId, Object brootId, Object state, Object taskId) {
        StandardBuildrootRecord br = lockOwned(db, hostId, brootId, taskId);
        BrState to = BrState.parse(state);
        if (to == BrState.INIT) {
            throw KojiFault.generic("Cannot change buildroot state to INIT");
        }
        if (br.getState() != null && br.getState() == BrState.EXPIRED.code()) {
            if (to == BrState.EXPIRED) {
                return;
            }
            throw KojiFault.generic("buildroot " + br.getBuildrootId() + " is EXPIRED");
        }
        var update = db.update(STANDARD_BUILDROOT).set(STANDARD_BUILDROOT.STATE, to.code());
        if (to == BrState.EXPIRED) {
            update = update.set(STANDARD_BUILDROOT.RETIRE_EVENT, DSL.function("get_event", SQLDataType.INTEGER));
        }
        update.where(STANDARD_BUILDROOT.BUILDROOT_ID.eq(br.getBuildrootId())).execute();
    }

    /**
     * Koji's setList (state INIT) and updateList (state BUILDING): records the rpms installed in
     * the buildroot. An rpm with a {@code location} is an external repository's, added to rpminfo
     * when new (Koji's add_external_rpm); any other must be known (get_rpm, strict). An update
     * skips rpms already listed and marks the new ones is_update.
     */
    public static void setList(DSLContext db, int hostId, Object brootId, Object rpmlist, Object taskId,
                               boolean update) {
        StandardBuildrootRecord br = lockOwned(db, hostId, brootId, taskId);
        BrState want = update ? BrState.BUILDING : BrState.INIT;
        if (br.getState() == null || br.getState() != want.code()) {
            throw KojiFault.generic("buildroot " + br.getBuildrootId() + " in wrong state "
                    + PythonRepr.str(br.getState()));
        }
        if (!(rpmlist instanceof List<?> rpms)) {
            throw KojiFault.parameter("Invalid type for rpmlist: " + PythonRepr.of(rpmlist) + ", expected a list");
        }
        int id = br.getBuildrootId();
        Set<Integer> current = new HashSet<>(db.select(BUILDROOT_LISTING.RPM_ID).from(BUILDROOT_LISTING)
                .where(BUILDROOT_LISTING.BUILDROOT_ID.eq(id)).fetch(BUILDROOT_LISTING.RPM_ID));
        // Sorted, as Koji sorts them, so that concurrent writers take row locks in one order.
        Set<Integer> ids = new TreeSet<>();
        for (Object o : rpms) {
            if (!(o instanceof Map<?, ?> rpm)) {
                throw KojiFault.generic("Invalid rpm in rpmlist: " + PythonRepr.of(o) + ", expected a dict");
            }
            Object location = rpm.get("location");
            Map<?, ?> found = KojiArgs.truthy(location)
                    ? ExternalRpms.add(db, rpm, location)
                    : (Map<?, ?>) RpmStore.get(db, rpm, true, false);
            int rpmId = (Integer) found.get("id");
            if (current.contains(rpmId)) {
                if (update) {
                    continue;
                }
                // Koji's insert would break the listing's uniqueness; say which rpm instead.
                throw KojiFault.generic("rpm " + rpmId + " is already listed in buildroot " + id);
            }
            ids.add(rpmId);
        }
        if (ids.isEmpty()) {
            return;
        }
        var insert = db.insertInto(BUILDROOT_LISTING, BUILDROOT_LISTING.BUILDROOT_ID, BUILDROOT_LISTING.RPM_ID,
                BUILDROOT_LISTING.IS_UPDATE);
        for (int rpmId : ids) {
            insert = insert.values(id, rpmId, update);
        }
        insert.execute();
    }

    /**
     * The buildroot's standard row, row-locked, after Koji's checks in Koji's order: the task (if
     * named) is open on the host, the buildroot exists and is standard, the host owns it, and the
     * task (if named) is the buildroot's.
     */
    private static StandardBuildrootRecord lockOwned(DSLContext db, int hostId, Object brootId, Object taskId) {
        Integer task = null;
        if (taskId != null) {
            if (!(taskId instanceof Integer t)) {
                throw KojiFault.parameter("Invalid type for task_id: " + PythonRepr.of(taskId));
            }
            TaskWriter.assertHost(db, t, hostId);
            task = t;
        }
        int id = BuildrootStore.requireExists(db, brootId);
        StandardBuildrootRecord br = db.selectFrom(STANDARD_BUILDROOT)
                .where(STANDARD_BUILDROOT.BUILDROOT_ID.eq(id)).forUpdate().fetchOne();
        if (br == null) {
            throw KojiFault.generic("Not a standard buildroot: " + id);
        }
        if (br.getHostId() != hostId) {
            throw KojiFault.notAllowed("Host " + hostId + " not owner of buildroot " + id);
        }
        if (task != null && !task.equals(br.getTaskId())) {
            throw KojiFault.notAllowed("Task " + task + " does not have lock on buildroot " + id);
        }
        return br;
    }

    /** Used by the build import: the buildroot's task, or null when it has none (not standard). */
    public static Integer taskOf(DSLContext db, int buildrootId) {
        Record r = db.select(STANDARD_BUILDROOT.TASK_ID).from(STANDARD_BUILDROOT)
                .where(STANDARD_BUILDROOT.BUILDROOT_ID.eq(buildrootId)).fetchOne();
        return r == null ? null : r.get(STANDARD_BUILDROOT.TASK_ID);
    }
}
