package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.CONTENT_GENERATOR;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.VOLUME;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.Prerendered;
import org.kojinext.hub.db.jooq.tables.Users;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/**
 * Reading builds: Koji's find_build_id and get_build, and the build struct that getBuild and
 * listBuilds share. Writes live in {@link BuildWriter}.
 */
public final class BuildStore {
    static final Users OWNER = USERS.as("owner");
    static final Users PROMOTER = USERS.as("promoter");
    /** Koji builds the nvr in SQL too, so that listBuilds can sort and match on it. */
    static final Field<String> NVR_EXPR = PACKAGE.NAME.concat(DSL.inline("-"), BUILD.VERSION, DSL.inline("-"),
            BUILD.RELEASE);
    /** The select column; conditions use {@link #NVR_EXPR}, since SQL cannot filter on an output alias. */
    static final Field<String> NVR = NVR_EXPR.as("nvr");

    /** Every table a build struct draws on; events, package, volume and owner always exist. */
    static final Table<?> FROM = BUILD
            .join(EVENTS).on(EVENTS.ID.eq(BUILD.CREATE_EVENT))
            .join(PACKAGE).on(PACKAGE.ID.eq(BUILD.PKG_ID))
            .join(VOLUME).on(VOLUME.ID.eq(BUILD.VOLUME_ID))
            .join(OWNER).on(OWNER.ID.eq(BUILD.OWNER))
            .leftJoin(PROMOTER).on(PROMOTER.ID.eq(BUILD.PROMOTER))
            .leftJoin(CONTENT_GENERATOR).on(CONTENT_GENERATOR.ID.eq(BUILD.CG_ID));

    static final List<SelectFieldOrAsterisk> FIELDS = fields();

    /** getBuild's two forms, the hottest reads of all, rendered once (see {@link Prerendered}). */
    private static final Prerendered BY_ID = Prerendered.of(DSL.select(FIELDS).from(FROM)
            .where(BUILD.ID.eq(DSL.param("id", Integer.class))));
    private static final Prerendered BY_NVR = Prerendered.of(DSL.select(FIELDS).from(FROM)
            .where(PACKAGE.NAME.eq(DSL.param("name", String.class)),
                    BUILD.VERSION.eq(DSL.param("version", String.class)),
                    BUILD.RELEASE.eq(DSL.param("release", String.class))));

    private BuildStore() {
    }

    private static List<SelectFieldOrAsterisk> fields() {
        List<SelectFieldOrAsterisk> f = new java.util.ArrayList<>(List.of(BUILD.fields()));
        f.addAll(List.of(EVENTS.TIME, PACKAGE.NAME, VOLUME.NAME, OWNER.NAME, PROMOTER.NAME,
                CONTENT_GENERATOR.NAME, NVR));
        return List.copyOf(f);
    }

    /**
     * Koji's find_build_id: an int is taken as it is (not checked), an "N-V-R" string or a struct
     * with name, version and release is looked up. Returns null, or with {@code strict} fails.
     */
    public static Integer findId(DSLContext db, Object info, boolean strict) {
        if (info instanceof Integer id) {
            return id;
        }
        String name;
        String version;
        String release;
        if (info instanceof String s) {
            Nvr nvr = Nvr.parse(s);
            name = nvr.name();
            version = nvr.version();
            release = nvr.release();
        } else if (info instanceof Map<?, ?> m) {
            if (!(m.containsKey("name") && m.containsKey("version") && m.containsKey("release"))) {
                throw KojiFault.generic("did not provide name, version, and release");
            }
            name = PythonRepr.str(m.get("name"));
            version = PythonRepr.str(m.get("version"));
            release = PythonRepr.str(m.get("release"));
        } else {
            throw KojiFault.generic("Invalid type for argument: " + PyValues.classOf(info));
        }
        Integer id = findId(db, name, version, release);
        if (id == null && strict) {
            throw KojiFault.generic("No such build: " + PythonRepr.of(info));
        }
        return id;
    }

    /** The id of the build with exactly this name, version and release (a draft's release has its suffix). */
    public static Integer findId(DSLContext db, String name, String version, String release) {
        return db.select(BUILD.ID).from(BUILD).join(PACKAGE).on(PACKAGE.ID.eq(BUILD.PKG_ID))
                .where(PACKAGE.NAME.eq(name), BUILD.VERSION.eq(version), BUILD.RELEASE.eq(release))
                .fetchOne(BUILD.ID);
    }

    /**
     * Koji's get_build: the build struct for an id, "N-V-R" or {name, version, release}; null, or
     * with {@code strict} a fault, when there is no such build.
     */
    public static Map<String, Object> resolve(DSLContext db, Object info, boolean strict) {
        if (info instanceof String s) {
            // The common form, looked up and read in one query rather than two.
            Nvr nvr = Nvr.parse(s);
            Record r = BY_NVR.fetchOne(db, nvr.name(), nvr.version(), nvr.release());
            if (r == null && strict) {
                throw KojiFault.generic("No such build: " + PythonRepr.of(info));
            }
            return r == null ? null : struct(r);
        }
        Integer id = findId(db, info, strict);
        if (id == null) {
            return null;
        }
        Map<String, Object> build = byId(db, id);
        if (build == null && strict) {
            throw KojiFault.generic("No such build: " + PythonRepr.str(info));
        }
        return build;
    }

    /** The build struct for an id, or null. */
    public static Map<String, Object> byId(DSLContext db, int id) {
        Record r = BY_ID.fetchOne(db, id);
        return r == null ? null : struct(r);
    }

    /** The build rows matching a condition, as get_build structs, by id. */
    public static List<Map<String, Object>> where(DSLContext db, Condition where) {
        return db.select(FIELDS).from(FROM).where(where).orderBy(BUILD.ID).fetch(BuildStore::struct);
    }

    /**
     * Koji's get_next_release: the release after that of the newest (highest id) non-draft build
     * of this name and version that is BUILDING, COMPLETE or DELETED; failed and canceled
     * builds do not count.
     */
    public static String nextRelease(DSLContext db, String name, String version, int incr) {
        String latest = db.select(BUILD.RELEASE).from(BUILD).join(PACKAGE).on(PACKAGE.ID.eq(BUILD.PKG_ID))
                .where(PACKAGE.NAME.eq(name), BUILD.VERSION.eq(version),
                        BUILD.STATE.in(BuildState.COMPLETE.code(), BuildState.DELETED.code(),
                                BuildState.BUILDING.code()),
                        BUILD.DRAFT.isFalse())
                .orderBy(BUILD.ID.desc()).limit(1)
                .fetchOne(BUILD.RELEASE);
        return ReleaseIncrement.next(latest, incr);
    }

    /** get_build's struct, keys in Koji's order. */
    static Map<String, Object> struct(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get(BUILD.ID));
        m.put("version", r.get(BUILD.VERSION));
        m.put("release", r.get(BUILD.RELEASE));
        m.put("build_id", r.get(BUILD.ID));
        m.put("epoch", r.get(BUILD.EPOCH));
        m.put("draft", r.get(BUILD.DRAFT));
        m.put("state", r.get(BUILD.STATE));
        m.put("completion_time", r.get(BUILD.COMPLETION_TIME));
        m.put("promotion_time", r.get(BUILD.PROMOTION_TIME));
        m.put("start_time", r.get(BUILD.START_TIME));
        m.put("task_id", r.get(BUILD.TASK_ID));
        m.put("creation_event_id", r.get(BUILD.CREATE_EVENT));
        m.put("creation_time", r.get(EVENTS.TIME));
        m.put("package_id", r.get(BUILD.PKG_ID));
        m.put("package_name", r.get(PACKAGE.NAME));
        m.put("name", r.get(PACKAGE.NAME));
        m.put("volume_id", r.get(BUILD.VOLUME_ID));
        m.put("volume_name", r.get(VOLUME.NAME));
        m.put("nvr", r.get(NVR));
        m.put("creation_ts", Epoch.seconds(r.get(EVENTS.TIME)));
        m.put("start_ts", Epoch.seconds(r.get(BUILD.START_TIME)));
        m.put("completion_ts", Epoch.seconds(r.get(BUILD.COMPLETION_TIME)));
        m.put("promotion_ts", Epoch.seconds(r.get(BUILD.PROMOTION_TIME)));
        m.put("owner_id", r.get(BUILD.OWNER));
        m.put("owner_name", r.get(OWNER.NAME));
        m.put("promoter_id", r.get(BUILD.PROMOTER));
        m.put("promoter_name", r.get(PROMOTER.NAME));
        m.put("cg_id", r.get(BUILD.CG_ID));
        m.put("source", r.get(BUILD.SOURCE));
        m.put("extra", ExtraJson.decode(r.get(BUILD.EXTRA), "Invalid extra data"));
        m.put("cg_name", r.get(CONTENT_GENERATOR.NAME));
        return m;
    }

    /** listBuilds' row: get_build's fields less id, cg_id and cg_name, in Koji's order. */
    static Map<String, Object> listStruct(Record r) {
        Map<String, Object> full = struct(r);
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("build_id", "version", "release", "epoch", "draft", "state", "completion_time",
                "promotion_time", "start_time", "source", "extra", "creation_event_id", "creation_time", "task_id",
                "creation_ts", "start_ts", "completion_ts", "promotion_ts", "package_id", "package_name", "name",
                "volume_id", "volume_name", "nvr", "owner_id", "owner_name", "promoter_id", "promoter_name")) {
            m.put(k, full.get(k));
        }
        return m;
    }

    static Condition draftIs(boolean draft) {
        return draft ? BUILD.DRAFT.isTrue() : BUILD.DRAFT.isDistinctFrom(true);
    }

    static Field<OffsetDateTime> now() {
        return DSL.currentOffsetDateTime();
    }
}
