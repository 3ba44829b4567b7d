package org.kojinext.hub.tags;

import static org.kojinext.hub.db.jooq.Tables.TAG_INHERITANCE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.db.jooq.tables.records.TagInheritanceRecord;
import org.kojinext.hub.rpc.PyValues;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's writeInheritanceData: changes a tag's parent links. Each change is a dict naming the
 * parent; a truthy "delete link" removes that link, anything else adds it or replaces it when a
 * field differs. With clear, links not named are removed. Priorities must stay unique.
 */
public final class InheritanceWriter {
    static final List<String> FIELDS = List.of("parent_id", "priority", "maxdepth", "intransitive",
            "noconfig", "pkg_filter");
    private static final String DELETE = "delete link";

    private InheritanceWriter() {
    }

    /** A link as it stands or as it is asked to be. */
    private static final class Entry {
        final LinkData data;
        boolean update;
        boolean delete;

        Entry(LinkData data, boolean update, boolean delete) {
            this.data = data;
            this.update = update;
            this.delete = delete;
        }
    }

    private record LinkData(int parentId, Object priority, Object maxdepth, Object intransitive, Object noconfig,
                            Object pkgFilter) {
        boolean sameAs(LinkData o) {
            return parentId == o.parentId && PyValues.eq(priority, o.priority) && PyValues.eq(maxdepth, o.maxdepth)
                    && PyValues.eq(intransitive, o.intransitive) && PyValues.eq(noconfig, o.noconfig)
                    && PyValues.eq(pkgFilter, o.pkgFilter);
        }
    }

    /** Applies the changes at {@code event} as {@code userId}; returns whether anything changed. */
    public static boolean write(DSLContext db, int tagId, Object changes, boolean clear, int event, int userId) {
        List<Map<?, ?>> requested = asLinks(changes);
        List<Integer> parentIds = new ArrayList<>();
        for (Map<?, ?> link : requested) {
            List<String> required = KojiArgs.truthy(link.get(DELETE)) ? List.of("parent_id") : FIELDS;
            for (String f : required) {
                if (!link.containsKey(f)) {
                    throw KojiFault.generic("No value for " + f);
                }
            }
            parentIds.add(TagStore.get(db, link.get("parent_id"), true, null).id());
        }

        Map<Integer, Entry> links = new LinkedHashMap<>();
        for (InheritanceData d : InheritanceWalker.parents(db, tagId, null)) {
            links.put(d.parentId(), new Entry(new LinkData(d.parentId(), d.priority(), d.maxdepth(),
                    d.intransitive(), d.noconfig(), d.pkgFilter()), false, false));
        }
        for (int i = 0; i < requested.size(); i++) {
            Map<?, ?> link = requested.get(i);
            int parentId = parentIds.get(i);
            Entry orig = links.get(parentId);
            if (KojiArgs.truthy(link.get(DELETE))) {
                if (orig != null) {
                    links.put(parentId, new Entry(orig.data, true, true));
                }
                continue;
            }
            LinkData wanted = new LinkData(parentId, link.get("priority"), link.get("maxdepth"),
                    link.get("intransitive"), link.get("noconfig"), link.get("pkg_filter"));
            if (orig == null || clear || !orig.data.sameAs(wanted)) {
                links.put(parentId, new Entry(wanted, true, false));
            }
        }
        if (clear) {
            for (Entry e : links.values()) {
                if (!e.update) {
                    e.update = true;
                    e.delete = true;
                }
            }
        }
        if (links.values().stream().noneMatch(e -> e.update)) {
            return false;
        }
        checkPriorities(tagId, links);

        List<TagInheritanceRecord> inserts = new ArrayList<>();
        for (Entry e : links.values()) {
            if (e.update && !e.delete) {
                inserts.add(toRecord(db, tagId, e.data));
            }
        }
        for (Entry e : links.values()) {
            if (e.update) {
                Versioned.revoke(db, TAG_INHERITANCE, TAG_INHERITANCE.TAG_ID.eq(tagId)
                        .and(TAG_INHERITANCE.PARENT_ID.eq(e.data.parentId())), event, userId);
            }
        }
        for (TagInheritanceRecord r : inserts) {
            Versioned.create(db, r, event, userId);
        }
        return true;
    }

    private static List<Map<?, ?>> asLinks(Object changes) {
        if (changes instanceof Map<?, ?> m) {
            return List.of(m);
        }
        if (!(changes instanceof List<?> list)) {
            throw KojiFault.generic("Invalid inheritance data: " + PythonRepr.of(changes));
        }
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                throw KojiFault.generic("Invalid inheritance link: " + PythonRepr.of(o));
            }
            out.add(m);
        }
        return out;
    }

    private static void checkPriorities(int tagId, Map<Integer, Entry> links) {
        Map<Integer, List<Integer>> byPriority = new LinkedHashMap<>();
        for (Entry e : links.values()) {
            if (!e.delete) {
                byPriority.computeIfAbsent(priority(e.data), k -> new ArrayList<>()).add(e.data.parentId());
            }
        }
        for (Map.Entry<Integer, List<Integer>> p : byPriority.entrySet()) {
            if (p.getValue().size() > 1) {
                throw KojiFault.generic("Multiple parent tags (" + PythonRepr.of(p.getValue())
                        + ") cannot have the same priority value (" + p.getKey() + ") on child tag " + tagId);
            }
        }
    }

    private static int priority(LinkData d) {
        // Koji's own CLI sends --priority as a string; Koji's database takes "5" for 5, so must we.
        Integer p = PyValues.toInt(d.priority());
        if (p != null) {
            return p;
        }
        throw KojiFault.generic("Invalid priority: " + PythonRepr.of(d.priority()));
    }

    private static TagInheritanceRecord toRecord(DSLContext db, int tagId, LinkData d) {
        TagInheritanceRecord r = db.newRecord(TAG_INHERITANCE);
        r.setTagId(tagId);
        r.setParentId(d.parentId());
        r.setPriority(priority(d));
        if (d.maxdepth() != null) {
            Integer max = d.maxdepth() instanceof Boolean ? null : PyValues.toInt(d.maxdepth());
            if (max == null || d.maxdepth() instanceof String) {
                throw KojiFault.generic("Invalid maxdepth: " + PythonRepr.of(d.maxdepth()));
            }
            r.setMaxdepth(max);
        }
        r.setIntransitive(KojiArgs.truthy(d.intransitive()));
        r.setNoconfig(KojiArgs.truthy(d.noconfig()));
        if (d.pkgFilter() != null && !(d.pkgFilter() instanceof String)) {
            throw KojiFault.generic("Invalid pkg_filter: " + PythonRepr.of(d.pkgFilter()));
        }
        r.setPkgFilter((String) d.pkgFilter());
        return r;
    }
}
