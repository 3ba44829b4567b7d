package org.kojinext.hub.tags;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One live inheritance link: {@code tagId} inherits from {@code parentId}. {@code name} is the
 * name of the tag at the far end of the link from where it was read: the parent when reading a
 * tag's parents, the child when reading its children.
 */
public record InheritanceData(int tagId, int parentId, String name, int priority, Integer maxdepth,
                              boolean intransitive, boolean noconfig, String pkgFilter) {

    /** getInheritanceData's dict (the child appears as child_id). */
    public Map<String, Object> toParentMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parent_id", parentId);
        putCommon(m);
        m.put("child_id", tagId);
        return m;
    }

    /** The dict of a link read from the parent's side (Koji's readDescendantsData). */
    public Map<String, Object> toChildMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tag_id", tagId);
        m.put("parent_id", parentId);
        putCommon(m);
        return m;
    }

    private void putCommon(Map<String, Object> m) {
        m.put("name", name);
        m.put("priority", priority);
        m.put("maxdepth", maxdepth);
        m.put("intransitive", intransitive);
        m.put("noconfig", noconfig);
        m.put("pkg_filter", pkgFilter);
    }
}
