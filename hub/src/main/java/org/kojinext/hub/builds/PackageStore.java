package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.PACKAGE;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.db.jooq.tables.records.PackageRecord;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Packages (srpm names): Koji's lookup_package, get_package_id and new_package. */
public final class PackageStore {
    private PackageStore() {
    }

    /**
     * Finds a package by id, name, or a struct with id or name (Koji's lookup_name). Returns null,
     * or with {@code strict} fails with Koji's message, when there is none.
     */
    public static PackageRecord resolve(DSLContext db, Object info, boolean strict) {
        PackageRecord r = db.selectFrom(PACKAGE).where(NameOrId.condition(PACKAGE.ID, PACKAGE.NAME, info)).fetchOne();
        if (r == null && strict) {
            throw KojiFault.generic("No such entry in table package: " + PythonRepr.str(info));
        }
        return r;
    }

    /** The package's id, or null (or a fault with {@code strict}) when there is none. */
    public static Integer resolveId(DSLContext db, Object info, boolean strict) {
        PackageRecord r = resolve(db, info, strict);
        return r == null ? null : r.getId();
    }

    /** The id of the package with this name, creating it first if needed (Koji's new_package, not strict). */
    public static int ensure(DSLContext db, String name) {
        NameRules.checkInternal(name);
        PackageRecord r = db.selectFrom(PACKAGE).where(PACKAGE.NAME.eq(name)).fetchOne();
        if (r != null) {
            return r.getId();
        }
        return db.insertInto(PACKAGE).set(PACKAGE.NAME, name).returning(PACKAGE.ID).fetchSingle().getId();
    }

    /** Koji's {id, name} struct for a package. */
    public static Map<String, Object> struct(PackageRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getId());
        m.put("name", r.getName());
        return m;
    }
}
