package org.kojinext.hub.tags;

import static org.kojinext.hub.db.jooq.Tables.EVENTS;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.KojiClient;

/** Small helpers shared by the tag tests: creating tags and links, reading results. */
final class TagTestSupport {
    private TagTestSupport() {
    }

    static int createTag(KojiClient c, String name) {
        return (Integer) c.call("createTag", name);
    }

    /** Adds (or replaces) one parent link of {@code child}. */
    static void link(KojiClient c, int child, int parent, int priority, Integer maxdepth, boolean intransitive,
                     boolean noconfig, String pkgFilter) {
        c.call("setInheritanceData", child, List.of(linkData(parent, priority, maxdepth, intransitive, noconfig,
                pkgFilter)));
    }

    static void link(KojiClient c, int child, int parent, int priority) {
        link(c, child, parent, priority, null, false, false, "");
    }

    static Map<String, Object> linkData(int parent, int priority, Integer maxdepth, boolean intransitive,
                                        boolean noconfig, String pkgFilter) {
        Map<String, Object> m = new HashMap<>();
        m.put("parent_id", parent);
        m.put("priority", priority);
        m.put("maxdepth", maxdepth);
        m.put("intransitive", intransitive);
        m.put("noconfig", noconfig);
        m.put("pkg_filter", pkgFilter);
        return m;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> full(KojiClient c, Object tag, boolean reverse) {
        return (List<Map<String, Object>>) c.call("getFullInheritance", tag, null, reverse);
    }

    /** The names along a full inheritance walk, in order. */
    static List<Object> names(List<Map<String, Object>> links) {
        List<Object> out = new ArrayList<>();
        links.forEach(l -> out.add(l.get("name")));
        return out;
    }

    static List<Object> column(List<Map<String, Object>> links, String key) {
        List<Object> out = new ArrayList<>();
        links.forEach(l -> out.add(l.get(key)));
        return out;
    }

    /** The newest event in the hub's database. */
    static int lastEvent(TestHub hub) {
        try (Connection conn = hub.hub().database().dataSource().getConnection()) {
            return DSL.using(conn, SQLDialect.POSTGRES).select(DSL.max(EVENTS.ID)).from(EVENTS).fetchSingle().value1();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
