package org.kojinext.hub.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A step of a full inheritance walk.
 *
 * @param link the link followed
 * @param reverse whether the walk went from parents to children
 * @param currdepth how many links from the starting tag this one is (1 for the starting tag's own)
 * @param nextdepth how many more links may be followed beyond this one; null for no limit
 * @param filter the package filters of every link on the path to here, nearest last
 */
public record InheritanceLink(InheritanceData link, boolean reverse, int currdepth, Integer nextdepth,
                              List<String> filter) {

    public InheritanceLink {
        filter = List.copyOf(filter);
    }

    /** The tag this step reaches: the parent, or the child in a reverse walk. */
    public int reachedId() {
        return reverse ? link.tagId() : link.parentId();
    }

    public int parentId() {
        return link.parentId();
    }

    public boolean noconfig() {
        return link.noconfig();
    }

    /** getFullInheritance's dict. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = reverse ? link.toChildMap() : link.toParentMap();
        m.put("nextdepth", nextdepth);
        m.put("currdepth", currdepth);
        m.put("filter", new ArrayList<>(filter));
        return m;
    }
}
