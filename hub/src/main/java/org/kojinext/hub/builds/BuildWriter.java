package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.ARCHIVEINFO;
import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TYPES;
import static org.kojinext.hub.db.jooq.Tables.RPMINFO;
import static org.kojinext.hub.db.jooq.Tables.RPMSIGS;
import static org.kojinext.hub.db.jooq.Tables.RPM_CHECKSUM;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Writing builds: Koji's new_build (with its recycling rule), delete_build and owner changes. */
public final class BuildWriter {
    private BuildWriter() {
    }

    /**
     * Koji's new_build: inserts the build and returns its id. An existing build with the same
     * N-V-R is reused only when Koji would recycle it (FAILED or CANCELED, never tagged, no rpms,
     * no archives): same id, fresh create_event. Otherwise the fault Koji raises.
     */
    public static int create(DSLContext db, NewBuild nb, int event, int callerId) {
        int pkgId = PackageStore.ensure(db, nb.name());
        int owner = nb.ownerId() == null ? callerId : nb.ownerId();
        Map<String, Object> old = BuildStore.resolve(db,
                Map.of("name", nb.name(), "version", nb.version(), "release", nb.release()), false);
        if (old != null) {
            String oldStr = old.get("nvr") + " (id=" + old.get("id") + ")";
            if (nb.draft()) {
                throw KojiFault.generic("Target build already exists: " + oldStr);
            }
            recycle(db, old, nb, pkgId, owner, event);
            return (Integer) old.get("id");
        }
        // Drawn before the insert because a draft's release names the build's own id.
        int id = db.select(DSL.sequence(DSL.name("build_id_seq"), SQLDataType.INTEGER).nextval()).fetchSingle().value1();
        String release = nb.draft() ? nb.release() + ",draft_" + id : nb.release();
        if (nb.draft() && BuildStore.findId(db, nb.name(), nb.version(), release) != null) {
            Map<String, Object> nvr = new LinkedHashMap<>();
            nvr.put("name", nb.name());
            nvr.put("version", nb.version());
            nvr.put("release", release);
            throw KojiFault.generic("The build already exists: " + PythonRepr.of(nvr));
        }
        Field<OffsetDateTime> now = BuildStore.now();
        db.insertInto(BUILD)
                .set(BUILD.ID, id)
                .set(BUILD.PKG_ID, pkgId)
                .set(BUILD.VERSION, nb.version())
                .set(BUILD.RELEASE, release)
                .set(BUILD.EPOCH, nb.epoch())
                .set(BUILD.DRAFT, nb.draft())
                .set(BUILD.STATE, nb.state().code())
                .set(BUILD.VOLUME_ID, nb.volumeId())
                .set(BUILD.TASK_ID, nb.taskId())
                .set(BUILD.OWNER, owner)
                .set(BUILD.START_TIME, now)
                .set(BUILD.COMPLETION_TIME, nb.state() == BuildState.BUILDING ? DSL.castNull(OffsetDateTime.class) : now)
                .set(BUILD.SOURCE, nb.source())
                .set(BUILD.EXTRA, nb.extraJson())
                .set(BUILD.CREATE_EVENT, event)
                .execute();
        return id;
    }

    private static void recycle(DSLContext db, Map<String, Object> old, NewBuild nb, int pkgId, int owner, int event) {
        int id = (Integer) old.get("id");
        BuildState oldState = BuildState.of((Integer) old.get("state"));
        if (oldState == BuildState.BUILDING) {
            if (nb.state() == BuildState.BUILDING && java.util.Objects.equals(nb.taskId(), old.get("task_id"))) {
                // The build's own task restarted and asks again: the row is already what it wants.
                return;
            }
            throw KojiFault.generic("Build already in progress (task " + PythonRepr.str(old.get("task_id")) + ")");
        }
        if (oldState != BuildState.FAILED && oldState != BuildState.CANCELED) {
            throw KojiFault.generic("Build already exists (id=" + id + ", state=" + oldState + "): "
                    + PythonRepr.of(kojiData(nb, pkgId, owner)));
        }
        if (db.fetchExists(TAG_LISTING, TAG_LISTING.BUILD_ID.eq(id))) {
            throw KojiFault.generic("Build already exists. Unable to recycle, has tag history");
        }
        if (db.fetchExists(RPMINFO, RPMINFO.BUILD_ID.eq(id))) {
            throw KojiFault.generic("Build already exists. Unable to recycle, has rpm data");
        }
        if (db.fetchExists(ARCHIVEINFO, ARCHIVEINFO.BUILD_ID.eq(id))) {
            throw KojiFault.generic("Build already exists. Unable to recycle, has archive data");
        }
        db.deleteFrom(BUILD_TYPES).where(BUILD_TYPES.BUILD_ID.eq(id)).execute();
        Field<OffsetDateTime> now = BuildStore.now();
        db.update(BUILD)
                .set(BUILD.STATE, nb.state().code())
                .set(BUILD.TASK_ID, nb.taskId())
                .set(BUILD.OWNER, owner)
                .set(BUILD.START_TIME, now)
                .set(BUILD.COMPLETION_TIME, nb.state() == BuildState.BUILDING ? DSL.castNull(OffsetDateTime.class) : now)
                .set(BUILD.EPOCH, nb.epoch())
                .set(BUILD.SOURCE, nb.source())
                .set(BUILD.EXTRA, nb.extraJson())
                .set(BUILD.VOLUME_ID, nb.volumeId())
                .set(BUILD.CREATE_EVENT, event)
                .where(BUILD.ID.eq(id))
                .execute();
    }

    /** The dict new_build holds by the time it refuses a duplicate, for the same message. */
    private static Map<String, Object> kojiData(NewBuild nb, int pkgId, int owner) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", nb.name());
        d.put("version", nb.version());
        d.put("release", nb.release());
        d.put("epoch", nb.epoch());
        d.put("draft", nb.draft());
        if (nb.ownerId() != null) {
            d.put("owner", owner);
        }
        d.put("pkg_id", pkgId);
        d.put("extra", nb.extraJson());
        d.put("state", nb.state().code());
        d.put("start_time", "NOW");
        d.put("completion_time", "NOW");
        d.put("source", nb.source());
        d.putIfAbsent("owner", owner);
        d.put("task_id", nb.taskId());
        d.put("volume_id", nb.volumeId());
        return d;
    }

    /**
     * Koji's delete_build: refuses (or with {@code strict} false, answers false) while the build
     * is tagged; otherwise drops its rpms' signatures and checksums, revokes any tag rows and
     * marks it DELETED. Rows for the build and its rpms and archives stay. A build already
     * DELETED answers null.
     */
    public static Boolean delete(DSLContext db, Object buildInfo, boolean strict, int event, int userId) {
        Map<String, Object> build = BuildStore.resolve(db, buildInfo, true);
        int id = (Integer) build.get("id");
        if ((Integer) build.get("state") == BuildState.DELETED.code()) {
            return null;
        }
        List<Map<String, Object>> tags = db.select(TAG_LISTING.TAG_ID, TAG.NAME).from(TAG_LISTING)
                .join(TAG).on(TAG.ID.eq(TAG_LISTING.TAG_ID))
                .where(TAG_LISTING.BUILD_ID.eq(id), TAG_LISTING.ACTIVE.isTrue())
                .orderBy(TAG_LISTING.TAG_ID).limit(10)
                .fetch(r -> {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("tag_id", r.value1());
                    t.put("name", r.value2());
                    return t;
                });
        if (!tags.isEmpty()) {
            if (strict) {
                throw KojiFault.generic("Cannot delete build, tagged: " + PythonRepr.of(tags));
            }
            return false;
        }
        var rpmIds = DSL.select(RPMINFO.ID).from(RPMINFO).where(RPMINFO.BUILD_ID.eq(id));
        db.deleteFrom(RPMSIGS).where(RPMSIGS.RPM_ID.in(rpmIds)).execute();
        db.deleteFrom(RPM_CHECKSUM).where(RPM_CHECKSUM.RPM_ID.in(rpmIds)).execute();
        Versioned.revoke(db, TAG_LISTING, TAG_LISTING.BUILD_ID.eq(id), event, userId);
        // A BUILDING build has no completion time, and the schema wants one for every other state.
        db.update(BUILD)
                .set(BUILD.STATE, BuildState.DELETED.code())
                .set(BUILD.COMPLETION_TIME, DSL.coalesce(BUILD.COMPLETION_TIME, BuildStore.now()))
                .where(BUILD.ID.eq(id))
                .execute();
        return true;
    }

    /**
     * Koji's cancelBuild: a BUILDING build becomes CANCELED, and its task tree is canceled with it
     * (the task's cancel leaves the build alone, as it is no longer BUILDING). Only its owner or an
     * admin may; any other state answers false, as does a missing build unless {@code strict}.
     */
    public static boolean cancel(DSLContext db, Object buildInfo, boolean strict, int callerId, boolean admin) {
        Map<String, Object> build = BuildStore.resolve(db, buildInfo, strict);
        if (build == null) {
            return false;
        }
        if (!Integer.valueOf(callerId).equals(build.get("owner_id")) && !admin) {
            throw KojiFault.notAllowed("Cannot cancel build, not owner");
        }
        int changed = db.update(BUILD)
                .set(BUILD.STATE, BuildState.CANCELED.code())
                .set(BUILD.COMPLETION_TIME, BuildStore.now())
                .where(BUILD.ID.eq((Integer) build.get("id")), BUILD.STATE.eq(BuildState.BUILDING.code()))
                .execute();
        if (changed == 0) {
            return false;
        }
        if (build.get("task_id") instanceof Integer taskId) {
            org.kojinext.hub.tasks.TaskWriter.cancelFull(db, taskId, false);
        }
        return true;
    }

    /** setBuildOwner: the build and user must exist. */
    public static void setOwner(DSLContext db, Object buildInfo, int userId) {
        Map<String, Object> build = BuildStore.resolve(db, buildInfo, true);
        db.update(BUILD).set(BUILD.OWNER, userId).where(BUILD.ID.eq((Integer) build.get("id"))).execute();
    }

    /**
     * The get_build struct of a build that may take imported content: Koji's import_rpm and
     * import_archive refuse FAILED, CANCELED and DELETED builds.
     */
    static Map<String, Object> importTarget(DSLContext db, Object buildInfo) {
        Map<String, Object> build = BuildStore.resolve(db, buildInfo, true);
        BuildState state = BuildState.of((Integer) build.get("state"));
        if (state == BuildState.FAILED || state == BuildState.CANCELED || state == BuildState.DELETED) {
            throw KojiFault.generic("Build is " + state + ": " + build.get("nvr"));
        }
        return build;
    }

    /** Records that a build has content of a type (Koji's new_typed_build); harmless when it already has. */
    public static void ensureType(DSLContext db, int buildId, int btypeId) {
        db.insertInto(BUILD_TYPES).set(BUILD_TYPES.BUILD_ID, buildId).set(BUILD_TYPES.BTYPE_ID, btypeId)
                .onConflictDoNothing().execute();
    }
}
