package org.kojinext.hub.tags;

import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.db.jooq.tables.Tag;
import org.kojinext.hub.db.jooq.tables.records.BuildTargetConfigRecord;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Build targets: a name pointing at a build tag and a destination tag. The name row is permanent;
 * the target exists while it has a live build_target_config row.
 */
public final class TargetStore {
    private static final Tag BUILD_TAG = TAG.as("tag1");
    private static final Tag DEST_TAG = TAG.as("tag2");
    private static final Map<String, Field<?>> COLUMNS = columns();

    private TargetStore() {
    }

    private static Map<String, Field<?>> columns() {
        Map<String, Field<?>> m = new LinkedHashMap<>();
        m.put("id", BUILD_TARGET.ID);
        m.put("build_tag", BUILD_TARGET_CONFIG.BUILD_TAG);
        m.put("dest_tag", BUILD_TARGET_CONFIG.DEST_TAG);
        m.put("name", BUILD_TARGET.NAME);
        m.put("build_tag_name", BUILD_TAG.NAME);
        m.put("dest_tag_name", DEST_TAG.NAME);
        return m;
    }

    /**
     * Koji's get_build_targets. Tag filters given as names or dicts are looked up; an unknown
     * one matches nothing. With countOnly, the number of targets.
     */
    public static Object list(DSLContext db, Object info, Integer event, Object buildTag, Object destTag,
                              Map<String, Object> queryOpts) {
        List<Condition> where = new ArrayList<>();
        where.add(Versioned.at(BUILD_TARGET_CONFIG, event));
        if (KojiArgs.truthy(info)) {
            where.add(NameOrId.condition(BUILD_TARGET.ID, BUILD_TARGET.NAME, info));
        }
        if (buildTag != null) {
            where.add(tagCondition(db, BUILD_TARGET_CONFIG.BUILD_TAG, buildTag));
        }
        if (destTag != null) {
            where.add(tagCondition(db, BUILD_TARGET_CONFIG.DEST_TAG, destTag));
        }
        QueryOpts opts = QueryOpts.parse(queryOpts, COLUMNS);
        var from = BUILD_TARGET_CONFIG
                .join(BUILD_TARGET).on(BUILD_TARGET.ID.eq(BUILD_TARGET_CONFIG.BUILD_TARGET_ID))
                .join(BUILD_TAG).on(BUILD_TAG.ID.eq(BUILD_TARGET_CONFIG.BUILD_TAG))
                .join(DEST_TAG).on(DEST_TAG.ID.eq(BUILD_TARGET_CONFIG.DEST_TAG));
        if (opts.countOnly()) {
            return db.fetchCount(db.selectOne().from(from).where(where));
        }
        var rows = opts.fetch(db.select(COLUMNS.values()).from(from).where(where), BUILD_TARGET.ID.asc());
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (var r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            COLUMNS.forEach((alias, f) -> m.put(alias, r.get(f)));
            out.add(m);
        }
        return out;
    }

    private static Condition tagCondition(DSLContext db, Field<Integer> column, Object tag) {
        if (tag instanceof String || tag instanceof Map) {
            Integer id = TagStore.resolveId(db, tag, false);
            return id == null ? DSL.falseCondition() : column.eq(id);
        }
        Integer id = PyValues.toInt(tag);
        if (id == null || tag instanceof Boolean) {
            throw KojiFault.parameter("Invalid tag id: " + PythonRepr.of(tag));
        }
        return column.eq(id);
    }

    /** Koji's get_build_target: the one target named, else null or "No such build target". */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> get(DSLContext db, Object info, Integer event, boolean strict) {
        List<Map<String, Object>> found = (List<Map<String, Object>>) list(db, info, event, null, null, null);
        if (found.size() == 1) {
            return found.get(0);
        }
        if (strict) {
            throw KojiFault.generic("No such build target: " + PythonRepr.str(info));
        }
        return null;
    }

    public static void create(DSLContext db, Object name, Object buildTag, Object destTag, int event, int userId) {
        NameRules.checkInternal(name);
        if (!((List<?>) list(db, name, null, null, null, null)).isEmpty()) {
            throw KojiFault.generic("A build target with the name '" + name + "' already exists");
        }
        int buildTagId = existingTag(db, buildTag, "build tag");
        int destTagId = existingTag(db, destTag, "destination tag");
        Record2<Integer, String> row = lookup(db, name);
        int id = row != null ? row.value1()
                : db.insertInto(BUILD_TARGET).set(BUILD_TARGET.NAME, (String) name)
                        .returning(BUILD_TARGET.ID).fetchSingle().getId();
        insertConfig(db, id, buildTagId, destTagId, event, userId);
    }

    public static void edit(DSLContext db, Object targetInfo, Object name, Object buildTag, Object destTag,
                            int event, int userId) {
        NameRules.checkInternal(name);
        Record2<Integer, String> target = lookup(db, targetInfo);
        if (target == null) {
            throw KojiFault.generic("No such build target: " + PythonRepr.str(targetInfo));
        }
        int buildTagId = existingTag(db, buildTag, "build tag");
        int destTagId = existingTag(db, destTag, "destination tag");
        if (!target.value2().equals(name)) {
            var taken = db.select(BUILD_TARGET.ID).from(BUILD_TARGET).where(BUILD_TARGET.NAME.eq((String) name))
                    .fetchOne();
            if (taken != null) {
                throw KojiFault.generic("name \"" + name + "\" is already taken by build target " + taken.value1());
            }
            db.update(BUILD_TARGET).set(BUILD_TARGET.NAME, (String) name)
                    .where(BUILD_TARGET.ID.eq(target.value1())).execute();
        }
        Versioned.revoke(db, BUILD_TARGET_CONFIG, BUILD_TARGET_CONFIG.BUILD_TARGET_ID.eq(target.value1()),
                event, userId);
        insertConfig(db, target.value1(), buildTagId, destTagId, event, userId);
    }

    public static void delete(DSLContext db, Object targetInfo, int event, int userId) {
        Record2<Integer, String> target = lookup(db, targetInfo);
        if (target == null) {
            throw KojiFault.generic("No such build target: " + PythonRepr.str(targetInfo));
        }
        Versioned.revoke(db, BUILD_TARGET_CONFIG, BUILD_TARGET_CONFIG.BUILD_TARGET_ID.eq(target.value1()),
                event, userId);
    }

    /** Koji's lookup_build_target: the name row, deleted targets included. */
    private static Record2<Integer, String> lookup(DSLContext db, Object info) {
        return db.select(BUILD_TARGET.ID, BUILD_TARGET.NAME).from(BUILD_TARGET)
                .where(NameOrId.condition(BUILD_TARGET.ID, BUILD_TARGET.NAME, info)).fetchOne();
    }

    private static int existingTag(DSLContext db, Object tag, String role) {
        TagInfo t = TagStore.get(db, tag, false, null);
        if (t == null) {
            throw KojiFault.generic(role + " '" + PythonRepr.str(tag) + "' does not exist");
        }
        return t.id();
    }

    private static void insertConfig(DSLContext db, int targetId, int buildTag, int destTag, int event, int userId) {
        BuildTargetConfigRecord r = db.newRecord(BUILD_TARGET_CONFIG);
        r.setBuildTargetId(targetId);
        r.setBuildTag(buildTag);
        r.setDestTag(destTag);
        Versioned.create(db, r, event, userId);
    }
}
