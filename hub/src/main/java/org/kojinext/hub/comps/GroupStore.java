package org.kojinext.hub.comps;

import static org.kojinext.hub.db.jooq.Tables.GROUPS;

import org.jooq.DSLContext;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/**
 * Comps groups by id or name (Koji's lookup_group and get_group_id). A group row is permanent:
 * what tags make of it is versioned in group_config.
 */
public final class GroupStore {
    /** A comps group's id and name. */
    public record Group(int id, String name) {
    }

    private GroupStore() {
    }

    /**
     * The group named by id, name or a struct with either. When there is none: a fault with
     * {@code strict}; else, with {@code create}, a new group if {@code info} is a name; else null.
     */
    public static Group lookup(DSLContext db, Object info, boolean strict, boolean create) {
        var r = db.select(GROUPS.ID, GROUPS.NAME).from(GROUPS)
                .where(NameOrId.condition(GROUPS.ID, GROUPS.NAME, info)).fetchOne();
        if (r != null) {
            return new Group(r.value1(), r.value2());
        }
        if (strict) {
            throw KojiFault.generic("No such entry in table groups: " + PythonRepr.str(info));
        }
        if (!create) {
            return null;
        }
        if (!(info instanceof String name)) {
            throw KojiFault.generic("Name must be a string");
        }
        int id = db.insertInto(GROUPS).set(GROUPS.NAME, name).returning(GROUPS.ID).fetchSingle().getId();
        return new Group(id, name);
    }

    /** The group, or Koji's "No such entry" fault. */
    public static Group require(DSLContext db, Object info) {
        return lookup(db, info, true, false);
    }
}
