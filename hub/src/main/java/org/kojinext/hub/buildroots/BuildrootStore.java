package org.kojinext.hub.buildroots;

import static org.kojinext.hub.db.jooq.Tables.BUILDROOT;
import static org.kojinext.hub.db.jooq.Tables.BUILDROOT_ARCHIVES;
import static org.kojinext.hub.db.jooq.Tables.BUILDROOT_LISTING;
import static org.kojinext.hub.db.jooq.Tables.CONTENT_GENERATOR;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO;
import static org.kojinext.hub.db.jooq.Tables.HOST;
import static org.kojinext.hub.db.jooq.Tables.REPO;
import static org.kojinext.hub.db.jooq.Tables.RPMINFO;
import static org.kojinext.hub.db.jooq.Tables.STANDARD_BUILDROOT;
import static org.kojinext.hub.db.jooq.Tables.TAG;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.db.jooq.tables.Events;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Reading buildroots: Koji's query_buildroots (listBuildroots), get_buildroot and BuildRoot.getList. */
public final class BuildrootStore {
    private static final Events CREATE_EVENTS = EVENTS.as("create_events");
    private static final Events RETIRE_EVENTS = EVENTS.as("retire_events");
    private static final Events REPO_CREATE = EVENTS.as("repo_create");

    /** query_buildroots' columns under Koji's aliases, in Koji's order; the *_ts are computed from the times. */
    private static final Map<String, Field<?>> FIELDS = fields();

    private static final Table<?> FROM = BUILDROOT
            .leftJoin(STANDARD_BUILDROOT).on(STANDARD_BUILDROOT.BUILDROOT_ID.eq(BUILDROOT.ID))
            .leftJoin(CONTENT_GENERATOR).on(BUILDROOT.CG_ID.eq(CONTENT_GENERATOR.ID))
            .leftJoin(HOST).on(HOST.ID.eq(STANDARD_BUILDROOT.HOST_ID))
            .leftJoin(REPO).on(REPO.ID.eq(STANDARD_BUILDROOT.REPO_ID))
            .leftJoin(TAG).on(TAG.ID.eq(REPO.TAG_ID))
            .leftJoin(CREATE_EVENTS).on(CREATE_EVENTS.ID.eq(STANDARD_BUILDROOT.CREATE_EVENT))
            .leftJoin(RETIRE_EVENTS).on(RETIRE_EVENTS.ID.eq(STANDARD_BUILDROOT.RETIRE_EVENT))
            .leftJoin(REPO_CREATE).on(REPO_CREATE.ID.eq(REPO.CREATE_EVENT));

    private BuildrootStore() {
    }

    private static Map<String, Field<?>> fields() {
        Map<String, Field<?>> f = new LinkedHashMap<>();
        f.put("id", BUILDROOT.ID);
        f.put("br_type", BUILDROOT.BR_TYPE);
        f.put("cg_id", BUILDROOT.CG_ID);
        f.put("cg_name", CONTENT_GENERATOR.NAME);
        f.put("cg_version", BUILDROOT.CG_VERSION);
        f.put("container_arch", BUILDROOT.CONTAINER_ARCH);
        f.put("arch", BUILDROOT.CONTAINER_ARCH);
        f.put("container_type", BUILDROOT.CONTAINER_TYPE);
        f.put("host_os", BUILDROOT.HOST_OS);
        f.put("host_arch", BUILDROOT.HOST_ARCH);
        f.put("extra", BUILDROOT.EXTRA);
        f.put("state", STANDARD_BUILDROOT.STATE);
        f.put("task_id", STANDARD_BUILDROOT.TASK_ID);
        f.put("host_id", HOST.ID);
        f.put("host_name", HOST.NAME);
        f.put("repo_id", REPO.ID);
        f.put("repo_state", REPO.STATE);
        f.put("tag_id", TAG.ID);
        f.put("tag_name", TAG.NAME);
        f.put("create_event_id", CREATE_EVENTS.ID);
        f.put("create_event_time", CREATE_EVENTS.TIME);
        f.put("create_ts", CREATE_EVENTS.TIME);
        f.put("retire_event_id", RETIRE_EVENTS.ID);
        f.put("retire_event_time", RETIRE_EVENTS.TIME);
        f.put("retire_ts", RETIRE_EVENTS.TIME);
        f.put("repo_create_event_id", REPO_CREATE.ID);
        f.put("repo_create_event_time", REPO_CREATE.TIME);
        return Collections.unmodifiableMap(f);
    }

    /** The filters of listBuildroots, as Koji names them. */
    public record Filter(Integer hostID, Integer tagID, Object state, Integer rpmID, Integer archiveID,
                         Integer taskID, Object buildrootID, Integer repoID) {
        public static Filter byId(int id) {
            return new Filter(null, null, null, null, null, null, id, null);
        }
    }

    /**
     * Koji's query_buildroots. Koji narrows rpmID, archiveID, taskID and repoID to a candidate set
     * first; here each is a subquery on the same rows, which selects the same buildroots. As in
     * Koji, repoID 0 filters nothing.
     */
    public static Object list(DSLContext db, Filter f, QueryOpts opts) {
        List<Condition> where = new ArrayList<>();
        if (f.buildrootID() != null) {
            where.add(BUILDROOT.ID.in(ints(f.buildrootID(), "buildrootID")));
        }
        if (f.hostID() != null) {
            where.add(HOST.ID.eq(f.hostID()));
        }
        if (f.tagID() != null) {
            where.add(TAG.ID.eq(f.tagID()));
        }
        if (f.state() != null) {
            where.add(STANDARD_BUILDROOT.STATE.in(ints(f.state(), "state")));
        }
        if (f.rpmID() != null) {
            where.add(BUILDROOT.ID.in(db.select(BUILDROOT_LISTING.BUILDROOT_ID).from(BUILDROOT_LISTING)
                    .where(BUILDROOT_LISTING.RPM_ID.eq(f.rpmID()))));
        }
        if (f.archiveID() != null) {
            where.add(BUILDROOT.ID.in(db.select(BUILDROOT_ARCHIVES.BUILDROOT_ID).from(BUILDROOT_ARCHIVES)
                    .where(BUILDROOT_ARCHIVES.ARCHIVE_ID.eq(f.archiveID()))));
        }
        if (f.taskID() != null) {
            where.add(STANDARD_BUILDROOT.TASK_ID.eq(f.taskID()));
        }
        if (f.repoID() != null && f.repoID() != 0) {
            where.add(STANDARD_BUILDROOT.REPO_ID.eq(f.repoID()));
        }
        var select = db.select(new LinkedHashSet<>(FIELDS.values())).from(FROM).where(where);
        if (opts.countOnly()) {
            return db.fetchCount(select);
        }
        return opts.fetch(select, BUILDROOT.ID.asc()).map(BuildrootStore::struct);
    }

    /** Koji's get_buildroot: one buildroot by id; None, or "No such buildroot" when strict. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> get(DSLContext db, Object buildrootId, boolean strict) {
        Integer id = PyValues.toInt(buildrootId);
        if (id == null) {
            throw PyValues.notA("int", buildrootId);
        }
        List<Map<String, Object>> rows = (List<Map<String, Object>>) list(db, Filter.byId(id),
                QueryOpts.parse(null, FIELDS));
        if (rows.isEmpty()) {
            if (strict) {
                throw KojiFault.generic("No such buildroot: " + PythonRepr.of(buildrootId));
            }
            return null;
        }
        return rows.getFirst();
    }

    public static Map<String, Field<?>> sortableFields() {
        return FIELDS;
    }

    /**
     * Koji's getBuildrootListing (BuildRoot.getList): the rpms listed in the buildroot, with
     * is_update and where each came from. "no buildroot with ID" for an unknown one.
     */
    public static List<Map<String, Object>> listing(DSLContext db, Object buildrootId) {
        int id = requireExists(db, buildrootId);
        return db.select(BUILDROOT_LISTING.RPM_ID, BUILDROOT_LISTING.IS_UPDATE, RPMINFO.NAME, RPMINFO.VERSION,
                        RPMINFO.RELEASE, RPMINFO.EPOCH, RPMINFO.ARCH, RPMINFO.BUILD_ID, RPMINFO.DRAFT,
                        RPMINFO.EXTERNAL_REPO_ID, EXTERNAL_REPO.NAME)
                .from(BUILDROOT_LISTING)
                .join(RPMINFO).on(RPMINFO.ID.eq(BUILDROOT_LISTING.RPM_ID))
                .join(EXTERNAL_REPO).on(EXTERNAL_REPO.ID.eq(RPMINFO.EXTERNAL_REPO_ID))
                .where(BUILDROOT_LISTING.BUILDROOT_ID.eq(id))
                .orderBy(BUILDROOT_LISTING.RPM_ID)
                .fetch(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("rpm_id", r.get(BUILDROOT_LISTING.RPM_ID));
                    m.put("is_update", r.get(BUILDROOT_LISTING.IS_UPDATE));
                    m.put("name", r.get(RPMINFO.NAME));
                    m.put("version", r.get(RPMINFO.VERSION));
                    m.put("release", r.get(RPMINFO.RELEASE));
                    m.put("epoch", r.get(RPMINFO.EPOCH));
                    m.put("arch", r.get(RPMINFO.ARCH));
                    m.put("build_id", r.get(RPMINFO.BUILD_ID));
                    m.put("draft", r.get(RPMINFO.DRAFT));
                    m.put("external_repo_id", r.get(RPMINFO.EXTERNAL_REPO_ID));
                    m.put("external_repo_name", r.get(EXTERNAL_REPO.NAME));
                    return m;
                });
    }

    /** Koji's BuildRoot(id): the id of an existing buildroot, or "no buildroot with ID: N". */
    public static int requireExists(DSLContext db, Object buildrootId) {
        if (!(buildrootId instanceof Integer id)) {
            throw PyValues.notA("int", buildrootId);
        }
        if (!db.fetchExists(BUILDROOT, BUILDROOT.ID.eq(id))) {
            throw KojiFault.generic("no buildroot with ID: " + id);
        }
        return id;
    }

    private static Map<String, Object> struct(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        FIELDS.forEach((alias, field) -> {
            Object v = r.get(field);
            if (alias.endsWith("_ts")) {
                v = Epoch.seconds((OffsetDateTime) v);
            } else if (alias.equals("extra")) {
                v = ExtraJson.decode((String) v, "Invalid json data for buildroot extra");
            }
            m.put(alias, v);
        });
        return m;
    }

    /** An int or a list of ints, as Koji's "%(x)i" and "IN %(x)s" clauses take them. */
    private static List<Integer> ints(Object v, String name) {
        List<Integer> out = new ArrayList<>();
        for (Object o : v instanceof List<?> l ? l : List.of(v)) {
            if (!(o instanceof Integer i)) {
                throw KojiFault.parameter("Invalid value for " + name + ": " + PythonRepr.of(v));
            }
            out.add(i);
        }
        return out;
    }
}
