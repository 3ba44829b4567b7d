package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.BTYPE;
import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TYPES;
import static org.kojinext.hub.db.jooq.Tables.CONTENT_GENERATOR;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.VOLUME;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's listBuilds filters. Each filter is a field of {@link Filter}; null means "not given",
 * and a filter naming a package, user or content generator that does not exist gives no builds.
 */
public final class BuildList {
    private static final Map<String, Field<?>> SORTABLE = sortable();

    /** listBuilds' parameters; {@code userId} is already resolved (null: no such user filter). */
    public record Filter(Object packageID, Integer userId, boolean unknownUser, Integer taskID, String prefix,
                         Integer state, Integer volumeID, String source, Object createdBefore, Object createdAfter,
                         Object completeBefore, Object completeAfter, String type, Map<String, Object> typeInfo,
                         String pattern, Object cgID, Boolean draft) {
    }

    private BuildList() {
    }

    /** The listBuilds rows, or their count with countOnly. */
    public static Object list(DSLContext db, Filter f, QueryOpts opts) {
        List<Condition> where = new ArrayList<>();
        if (f.packageID() != null) {
            Integer pkg = PackageStore.resolveId(db, f.packageID(), false);
            if (pkg == null) {
                return opts.countOnly() ? 0 : List.of();
            }
            where.add(PACKAGE.ID.eq(pkg));
        }
        if (f.unknownUser()) {
            return opts.countOnly() ? 0 : List.of();
        }
        if (f.userId() != null) {
            where.add(BUILD.OWNER.eq(f.userId()));
        }
        if (f.volumeID() != null) {
            where.add(VOLUME.ID.eq(f.volumeID()));
        }
        if (f.taskID() != null) {
            where.add(f.taskID() == -1 ? BUILD.TASK_ID.isNotNull() : BUILD.TASK_ID.eq(f.taskID()));
        }
        if (f.source() != null) {
            where.add(BUILD.SOURCE.likeIgnoreCase(glob(f.source())));
        }
        if (f.prefix() != null && !f.prefix().isEmpty()) {
            // Koji passes the prefix to ILIKE unescaped, so its % and _ act as wildcards.
            where.add(PACKAGE.NAME.likeIgnoreCase(DSL.val(f.prefix()).concat(DSL.inline("%"))));
        }
        if (f.pattern() != null && !f.pattern().isEmpty()) {
            where.add(BuildStore.NVR_EXPR.likeIgnoreCase(glob(f.pattern())));
        }
        if (f.state() != null) {
            where.add(BUILD.STATE.eq(f.state()));
        }
        time(where, f.createdBefore(), EVENTS.TIME::lt);
        time(where, f.createdAfter(), EVENTS.TIME::gt);
        time(where, f.completeBefore(), BUILD.COMPLETION_TIME::lt);
        time(where, f.completeAfter(), BUILD.COMPLETION_TIME::gt);
        if (KojiArgs.truthy(f.cgID())) {
            Integer cg = NameOrId.lookupId(db, CONTENT_GENERATOR.ID, CONTENT_GENERATOR.NAME, f.cgID(), false);
            if (cg == null) {
                return opts.countOnly() ? 0 : List.of();
            }
            where.add(BUILD.CG_ID.eq(cg));
        }
        Table<?> from = BuildStore.FROM;
        if (f.type() != null) {
            Integer btype = db.select(BTYPE.ID).from(BTYPE).where(BTYPE.NAME.eq(f.type())).fetchOne(BTYPE.ID);
            if (btype == null) {
                throw KojiFault.generic("unsupported build type: " + f.type());
            }
            if (f.typeInfo() != null && !f.typeInfo().isEmpty()
                    && List.of("maven", "win").contains(f.type())) {
                throw KojiFault.generic("typeInfo queries not supported for type " + f.type()
                        + " (Koji Next has no " + f.type() + "_builds table yet)");
            }
            from = from.join(BUILD_TYPES).on(BUILD_TYPES.BUILD_ID.eq(BUILD.ID), BUILD_TYPES.BTYPE_ID.eq(btype));
        }
        if (f.draft() != null) {
            where.add(BuildStore.draftIs(f.draft()));
        }
        var select = db.select(BuildStore.FIELDS).from(from).where(where);
        if (opts.countOnly()) {
            return db.fetchCount(select);
        }
        return opts.fetch(select, BUILD.ID.asc()).map(BuildStore::listStruct);
    }

    /** Koji's glob for ILIKE: a literal _ stays literal, ? is one character and * any run. */
    static String glob(String terms) {
        return terms.replace("\\", "\\\\").replace("_", "\\_").replace("?", "_").replace("*", "%");
    }

    /**
     * Adds a time bound when one is given (Python truthiness). A number is seconds since the
     * epoch; a string is left to PostgreSQL to read, as Koji leaves it.
     */
    private static void time(List<Condition> where, Object value, Function<Field<OffsetDateTime>, Condition> bound) {
        if (!KojiArgs.truthy(value)) {
            return;
        }
        Field<OffsetDateTime> t;
        if (value instanceof String s) {
            t = DSL.val(s).cast(SQLDataType.TIMESTAMPWITHTIMEZONE);
        } else if (value instanceof Number n) {
            t = DSL.val(Epoch.fromSeconds(n.doubleValue()));
        } else {
            throw KojiFault.parameter("Invalid time value: " + org.kojinext.hub.rpc.PythonRepr.of(value));
        }
        where.add(bound.apply(t));
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> m = new LinkedHashMap<>();
        m.put("build_id", BUILD.ID);
        m.put("id", BUILD.ID);
        m.put("version", BUILD.VERSION);
        m.put("release", BUILD.RELEASE);
        m.put("epoch", BUILD.EPOCH);
        m.put("draft", BUILD.DRAFT);
        m.put("state", BUILD.STATE);
        m.put("completion_time", BUILD.COMPLETION_TIME);
        m.put("completion_ts", BUILD.COMPLETION_TIME);
        m.put("promotion_time", BUILD.PROMOTION_TIME);
        m.put("promotion_ts", BUILD.PROMOTION_TIME);
        m.put("start_time", BUILD.START_TIME);
        m.put("start_ts", BUILD.START_TIME);
        m.put("source", BUILD.SOURCE);
        m.put("creation_event_id", BUILD.CREATE_EVENT);
        m.put("creation_time", EVENTS.TIME);
        m.put("creation_ts", EVENTS.TIME);
        m.put("task_id", BUILD.TASK_ID);
        m.put("package_id", BUILD.PKG_ID);
        m.put("package_name", PACKAGE.NAME);
        m.put("name", PACKAGE.NAME);
        m.put("volume_id", BUILD.VOLUME_ID);
        m.put("volume_name", VOLUME.NAME);
        m.put("nvr", BuildStore.NVR);
        m.put("owner_id", BUILD.OWNER);
        m.put("owner_name", BuildStore.OWNER.NAME);
        m.put("promoter_id", BUILD.PROMOTER);
        m.put("promoter_name", BuildStore.PROMOTER.NAME);
        return Map.copyOf(m);
    }

    /** The order names listBuilds accepts. */
    public static Map<String, Field<?>> sortableFields() {
        return SORTABLE;
    }
}
