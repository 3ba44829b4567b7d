package org.kojinext.hub.comps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.tags.TagStore;

/**
 * getTagGroups (Koji's readTagGroups): a tag's groups as a list, each group's packages and
 * required groups as lists too (the maps {@link TagGroupReader} keys by id cannot travel as
 * XML-RPC structs). Blocked groups and entries are left out unless asked for.
 */
public final class TagGroups {
    private TagGroups() {
    }

    public static List<Map<String, Object>> list(DSLContext db, Object tagInfo, Integer event, boolean inherit,
                                                 boolean packages, boolean reqs, boolean withBlocked) {
        int tagId = TagStore.resolveId(db, tagInfo, true);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> group : TagGroupReader.read(db, tagId, event, inherit, packages, reqs).values()) {
            for (String key : List.of("packagelist", "grouplist")) {
                if (group.containsKey(key)) {
                    group.put(key, keep((Map<?, ?>) group.get(key), withBlocked));
                }
            }
            if (withBlocked || !blocked(group)) {
                out.add(group);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> keep(Map<?, ?> entries, boolean withBlocked) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : (Collection<Object>) entries.values()) {
            Map<String, Object> entry = (Map<String, Object>) e;
            if (withBlocked || !blocked(entry)) {
                out.add(entry);
            }
        }
        return out;
    }

    private static boolean blocked(Map<String, Object> row) {
        return Boolean.TRUE.equals(row.get("blocked"));
    }
}
