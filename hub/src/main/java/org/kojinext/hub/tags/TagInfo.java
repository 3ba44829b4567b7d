package org.kojinext.hub.tags;

import java.util.LinkedHashMap;
import java.util.Map;

/** A tag as it stood at some event: its row and its configuration. */
public record TagInfo(int id, String name, Integer permId, String perm, String arches, boolean locked,
                      boolean mavenSupport, boolean mavenIncludeAll) {

    /** getTag's dict, without extra and query_event. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("perm_id", permId);
        m.put("perm", perm);
        m.put("arches", arches);
        m.put("locked", locked);
        m.put("maven_support", mavenSupport);
        m.put("maven_include_all", mavenIncludeAll);
        return m;
    }
}
