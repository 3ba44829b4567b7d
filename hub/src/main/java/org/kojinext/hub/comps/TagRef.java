package org.kojinext.hub.comps;

import org.jooq.DSLContext;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.tags.TagInfo;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.protocol.KojiFault;

/** The tag a group change names: Koji looks it up as a live tag for some changes, as any tag row for others. */
record TagRef(int id, String name) {

    /** Koji's get_tag(strict=True): the tag must exist now ("No such tagInfo"). */
    static TagRef live(DSLContext db, Object info) {
        TagInfo t = TagStore.get(db, info, true, null);
        return new TagRef(t.id(), t.name());
    }

    /** Koji's lookup_tag(strict=True): any tag row, deleted tags included ("No such entry in table tag"). */
    static TagRef any(DSLContext db, Object info) {
        var r = TagStore.lookup(db, info);
        if (r == null) {
            throw KojiFault.generic("No such entry in table tag: " + PythonRepr.str(info));
        }
        return new TagRef(r.value1(), r.value2());
    }
}
