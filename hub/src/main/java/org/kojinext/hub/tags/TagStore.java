package org.kojinext.hub.tags;

import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTRA;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/**
 * Looking tags up. A tag row is permanent (ids and names are never versioned); the tag exists
 * only while it has a live tag_config row, which is what {@link #get} reads.
 */
public final class TagStore {
    private TagStore() {
    }

    /**
     * Koji's get_tag_id: the id of the tag row named by id, name or dict, deleted tags included
     * (the tag table is not versioned, so no event applies). Null when absent and not strict.
     */
    public static Integer resolveId(DSLContext db, Object tagInfo, boolean strict) {
        return NameOrId.lookupId(db, TAG.ID, TAG.NAME, tagInfo, strict);
    }

    /** Koji's lookup_tag: id and name of the tag row, or null. */
    public static Record2<Integer, String> lookup(DSLContext db, Object tagInfo) {
        return db.select(TAG.ID, TAG.NAME).from(TAG)
                .where(NameOrId.condition(TAG.ID, TAG.NAME, tagInfo)).fetchOne();
    }

    /**
     * Koji's get_tag without extra: the tag with its configuration at {@code event} (null: now).
     * Null when the tag did not exist then, or "No such tagInfo" when strict.
     */
    public static TagInfo get(DSLContext db, Object tagInfo, boolean strict, Integer event) {
        var r = db.select(TAG.ID, TAG.NAME, TAG_CONFIG.PERM_ID, PERMISSIONS.NAME, TAG_CONFIG.ARCHES,
                        TAG_CONFIG.LOCKED, TAG_CONFIG.MAVEN_SUPPORT, TAG_CONFIG.MAVEN_INCLUDE_ALL)
                .from(TAG_CONFIG)
                .join(TAG).on(TAG.ID.eq(TAG_CONFIG.TAG_ID))
                .leftJoin(PERMISSIONS).on(PERMISSIONS.ID.eq(TAG_CONFIG.PERM_ID))
                .where(NameOrId.condition(TAG.ID, TAG.NAME, tagInfo), Versioned.at(TAG_CONFIG, event))
                .fetchOne();
        if (r == null) {
            if (strict) {
                throw KojiFault.generic("No such tagInfo: " + PythonRepr.of(tagInfo));
            }
            return null;
        }
        return new TagInfo(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                r.value6(), r.value7(), r.value8());
    }

    /** A tag's own extra at an event, blocked keys left out (Koji's get_tag_extra). */
    public static Map<String, Object> extra(DSLContext db, int tagId, Integer event) {
        Map<String, Object> out = new LinkedHashMap<>();
        extraRows(db, tagId, event, false).forEach(e -> out.put(e.key(), e.value()));
        return out;
    }

    /** A tag's own extra at an event, blocked keys included. */
    public static Map<String, ExtraValue> extraWithBlocked(DSLContext db, int tagId, Integer event) {
        Map<String, ExtraValue> out = new LinkedHashMap<>();
        extraRows(db, tagId, event, true).forEach(e -> out.put(e.key(), e));
        return out;
    }

    private static List<ExtraValue> extraRows(DSLContext db, int tagId, Integer event, boolean blocked) {
        var where = TAG_EXTRA.TAG_ID.eq(tagId).and(Versioned.at(TAG_EXTRA, event));
        if (!blocked) {
            where = where.and(TAG_EXTRA.VALUE.isNotNull());
        }
        return db.select(TAG_EXTRA.KEY, TAG_EXTRA.VALUE).from(TAG_EXTRA).where(where)
                .orderBy(TAG_EXTRA.KEY)
                .fetch(r -> r.value2() == null
                        ? new ExtraValue(r.value1(), true, null)
                        : new ExtraValue(r.value1(), false,
                                ExtraJson.decode(r.value2(), "No such tag extra data: " + r.value1())));
    }

    /** One extra key: blocked keys have no value and hide the key from inheritance. */
    public record ExtraValue(String key, boolean blocked, Object value) {
        /** Koji's (blocked, value) pair, as getTag(blocked=True) returns it. */
        public List<Object> pair() {
            return Arrays.asList(blocked, value);
        }
    }

    /**
     * An event argument as Koji's eventCondition takes it: None or an int.
     */
    public static Integer event(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Integer i) {
            return i;
        }
        if (raw instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        throw KojiFault.generic("Invalid event: " + PythonRepr.of(raw));
    }

    /**
     * getTag's event "auto": for a deleted tag, the event just before its last configuration was
     * revoked; for a live (or unknown) tag, null.
     */
    public static Integer autoEvent(DSLContext db, Object tagInfo) {
        var r = db.select(TAG_CONFIG.REVOKE_EVENT).from(TAG_CONFIG)
                .join(TAG).on(TAG.ID.eq(TAG_CONFIG.TAG_ID))
                .where(NameOrId.condition(TAG.ID, TAG.NAME, tagInfo))
                .orderBy(TAG_CONFIG.CREATE_EVENT.desc()).limit(1).fetchOne();
        return r == null || r.value1() == null ? null : r.value1() - 1;
    }
}
