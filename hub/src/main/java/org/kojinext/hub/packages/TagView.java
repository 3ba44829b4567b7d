package org.kojinext.hub.packages;

import java.util.List;
import org.jooq.DSLContext;
import org.kojinext.hub.tags.InheritanceLink;
import org.kojinext.hub.tags.InheritanceWalker;
import org.kojinext.hub.tags.TagInfo;
import org.kojinext.hub.tags.TagStore;

/** What package lists and tagging need to know of tags: who they are and whom they inherit from. */
public final class TagView {
    public record Tag(int id, String name, boolean locked, Integer permId) {
    }

    /** Koji's get_tag: by id, name or dict; null, or with strict a fault, when there is none. */
    public Tag get(DSLContext db, Object tagInfo, boolean strict, Integer event) {
        TagInfo t = TagStore.get(db, tagInfo, strict, event);
        return t == null ? null : new Tag(t.id(), t.name(), t.locked(), t.permId());
    }

    /** The id of a tag by id or name even if it was deleted (its row stays), or null. */
    public Integer idOfAny(DSLContext db, Object tagInfo) {
        return TagStore.resolveId(db, tagInfo, false);
    }

    /** The tag's inheritance in Koji's order, each with its accumulated pkg_filter. */
    public List<PackageList.Parent> parents(DSLContext db, int tagId, Integer event) {
        return InheritanceWalker.readFull(db, tagId, event, false).stream()
                .map((InheritanceLink l) -> new PackageList.Parent(l.parentId(), l.filter()))
                .toList();
    }
}
