package org.kojinext.hub.comps;

import static org.kojinext.hub.db.jooq.Tables.GROUPS;
import static org.kojinext.hub.db.jooq.Tables.GROUP_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.GROUP_PACKAGE_LISTING;
import static org.kojinext.hub.db.jooq.Tables.GROUP_REQ_LISTING;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.tags.InheritanceLink;
import org.kojinext.hub.tags.InheritanceWalker;

/**
 * A tag's comps groups as Koji reads them (get_tag_groups): the tag itself, then each tag it
 * inherits from in inheritance order. For each group the nearest configuration wins, blocked or
 * not; so does the nearest entry for each of its packages and required groups, wherever the
 * group itself was configured. A blocked group gets no packages or requirements, and a
 * requirement counts only while the required group is present and not blocked. Blocked entries
 * are kept, marked, for the caller to drop.
 */
public final class TagGroupReader {
    private TagGroupReader() {
    }

    /**
     * Groups by id, in the order found. With {@code packages}, each group has a "packagelist"
     * map by package name; with {@code reqs}, a "grouplist" map by required group id.
     */
    public static LinkedHashMap<Integer, Map<String, Object>> read(DSLContext db, int tagId, Integer event,
                                                                   boolean inherit, boolean packages, boolean reqs) {
        List<Integer> tags = tags(db, tagId, event, inherit);
        LinkedHashMap<Integer, Map<String, Object>> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : byTag(tags, configRows(db, tags, event))) {
            groups.putIfAbsent((Integer) row.get("group_id"), row);
        }
        if (packages) {
            groups.values().forEach(g -> g.put("packagelist", new LinkedHashMap<String, Map<String, Object>>()));
            for (Map<String, Object> row : byTag(tags, packageRows(db, tags, event))) {
                Map<String, Object> group = visibleGroup(groups, row.get("group_id"));
                if (group != null) {
                    entries(group, "packagelist").putIfAbsent(row.get("package"), row);
                }
            }
        }
        if (reqs) {
            groups.values().forEach(g -> g.put("grouplist", new LinkedHashMap<Integer, Map<String, Object>>()));
            for (Map<String, Object> row : byTag(tags, reqRows(db, tags, event))) {
                Map<String, Object> group = visibleGroup(groups, row.get("group_id"));
                if (group != null && visibleGroup(groups, row.get("req_id")) != null) {
                    entries(group, "grouplist").putIfAbsent(row.get("req_id"), row);
                }
            }
        }
        return groups;
    }

    /** The tag, then every tag its full inheritance reaches, each once, in walk order. */
    private static List<Integer> tags(DSLContext db, int tagId, Integer event, boolean inherit) {
        LinkedHashSet<Integer> tags = new LinkedHashSet<>();
        tags.add(tagId);
        if (inherit) {
            InheritanceWalker.readFull(db, tagId, event, false).stream().map(InheritanceLink::parentId)
                    .forEach(tags::add);
        }
        return new ArrayList<>(tags);
    }

    /** The group, if the tag has it and it is not blocked. */
    private static Map<String, Object> visibleGroup(Map<Integer, Map<String, Object>> groups, Object groupId) {
        Map<String, Object> g = groups.get(groupId);
        return g == null || Boolean.TRUE.equals(g.get("blocked")) ? null : g;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Map<String, Object>> entries(Map<String, Object> group, String key) {
        return (Map<Object, Map<String, Object>>) group.get(key);
    }

    /** The rows in the order of the tags they belong to (within a tag, as read). */
    private static List<Map<String, Object>> byTag(List<Integer> tags, List<Map<String, Object>> rows) {
        Map<Object, List<Map<String, Object>>> perTag = new HashMap<>();
        for (Map<String, Object> row : rows) {
            perTag.computeIfAbsent(row.get("tag_id"), k -> new ArrayList<>()).add(row);
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Integer tag : tags) {
            out.addAll(perTag.getOrDefault(tag, List.of()));
        }
        return out;
    }

    private static List<Map<String, Object>> configRows(DSLContext db, List<Integer> tags, Integer event) {
        var c = GROUP_CONFIG;
        return db.select(GROUPS.NAME, c.GROUP_ID, c.TAG_ID, c.BLOCKED, c.EXPORTED, c.DISPLAY_NAME, c.IS_DEFAULT,
                        c.USERVISIBLE, c.DESCRIPTION, c.LANGONLY, c.BIARCHONLY)
                .from(c).join(GROUPS).on(GROUPS.ID.eq(c.GROUP_ID))
                .where(c.TAG_ID.in(tags), Versioned.at(c, event))
                .orderBy(c.GROUP_ID)
                .fetch(maps());
    }

    private static List<Map<String, Object>> packageRows(DSLContext db, List<Integer> tags, Integer event) {
        var p = GROUP_PACKAGE_LISTING;
        return db.select(p.GROUP_ID, p.TAG_ID, p.PACKAGE, p.BLOCKED, p.TYPE, p.BASEARCHONLY, p.REQUIRES)
                .from(p)
                .where(p.TAG_ID.in(tags), Versioned.at(p, event))
                .orderBy(p.GROUP_ID, p.PACKAGE)
                .fetch(maps());
    }

    private static List<Map<String, Object>> reqRows(DSLContext db, List<Integer> tags, Integer event) {
        var r = GROUP_REQ_LISTING;
        return db.select(r.GROUP_ID, r.TAG_ID, r.REQ_ID, r.BLOCKED, r.TYPE, r.IS_METAPKG, GROUPS.NAME)
                .from(r).join(GROUPS).on(GROUPS.ID.eq(r.REQ_ID))
                .where(r.TAG_ID.in(tags), Versioned.at(r, event))
                .orderBy(r.GROUP_ID, r.REQ_ID)
                .fetch(maps());
    }

    /** A row as a mutable map keyed by column name, in select order. */
    private static <R extends Record> RecordMapper<R, Map<String, Object>> maps() {
        return r -> new LinkedHashMap<>(r.intoMap());
    }
}
