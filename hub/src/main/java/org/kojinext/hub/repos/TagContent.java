package org.kojinext.hub.repos;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.kojinext.hub.tagging.TagChanges;
import org.kojinext.hub.tags.InheritanceLink;
import org.kojinext.hub.tags.InheritanceWalker;

/** Koji's tag_last_change_event and tag_first_change_event with inheritance, as repositories use them. */
final class TagContent {
    private TagContent() {
    }

    /** The tag and the tags it inherits from at the event (null: now). */
    static List<Integer> withParents(DSLContext db, int tagId, Integer event) {
        List<Integer> ids = new ArrayList<>();
        ids.add(tagId);
        for (InheritanceLink l : InheritanceWalker.readFull(db, tagId, event, false)) {
            ids.add(l.parentId());
        }
        return ids;
    }

    /** The last event that changed the tag's content (before {@code before}, if given), or null. */
    static Integer lastChange(DSLContext db, int tagId, Integer before) {
        return TagChanges.last(db, tagId, withParents(db, tagId, before), before);
    }

    /** The first event after {@code after} that changed the tag's content, or null. */
    static Integer firstChangeAfter(DSLContext db, int tagId, int after) {
        return TagChanges.first(db, tagId, withParents(db, tagId, after), after);
    }

    /** The tag's creation event. */
    static Integer created(DSLContext db, int tagId) {
        return TagChanges.first(db, tagId, List.of(tagId), null);
    }
}
