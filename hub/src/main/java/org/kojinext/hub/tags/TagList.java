package org.kojinext.hub.tags;

import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.kojinext.hub.builds.BuildStore;
import org.kojinext.hub.builds.PackageStore;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Koji's list_tags: live tags, optionally those holding a build or listing a package. */
public final class TagList {
    private TagList() {
    }

    public static Object list(DSLContext db, Object build, Object pkg, boolean perms, Map<String, Object> queryOpts,
                              String pattern) {
        if (build != null && pkg != null) {
            throw KojiFault.generic("only one of build and package may be specified");
        }
        Map<String, Field<?>> columns = new LinkedHashMap<>();
        columns.put("id", TAG.ID);
        columns.put("name", TAG.NAME);
        columns.put("arches", TAG_CONFIG.ARCHES);
        columns.put("locked", TAG_CONFIG.LOCKED);
        columns.put("maven_support", TAG_CONFIG.MAVEN_SUPPORT);
        columns.put("maven_include_all", TAG_CONFIG.MAVEN_INCLUDE_ALL);
        Table<?> from = TAG_CONFIG.join(TAG).on(TAG.ID.eq(TAG_CONFIG.TAG_ID));
        List<Condition> where = new ArrayList<>();
        where.add(TAG_CONFIG.ACTIVE.isTrue());
        if (perms) {
            from = from.leftJoin(PERMISSIONS).on(PERMISSIONS.ID.eq(TAG_CONFIG.PERM_ID));
            columns.put("perm_id", TAG_CONFIG.PERM_ID);
            columns.put("perm", PERMISSIONS.NAME);
        }
        if (build != null) {
            int buildId = buildId(db, build);
            from = from.join(TAG_LISTING).on(TAG_LISTING.TAG_ID.eq(TAG.ID));
            where.add(TAG_LISTING.ACTIVE.isTrue());
            where.add(TAG_LISTING.BUILD_ID.eq(buildId));
        } else if (pkg != null) {
            Integer pkgId = PackageStore.resolveId(db, pkg, false);
            if (pkgId == null) {
                throw KojiFault.generic("No such package: " + PythonRepr.str(pkg));
            }
            columns.put("owner_id", USERS.ID);
            columns.put("owner_name", USERS.NAME);
            columns.put("blocked", TAG_PACKAGES.BLOCKED);
            columns.put("extra_arches", TAG_PACKAGES.EXTRA_ARCHES);
            from = from.join(TAG_PACKAGES).on(TAG_PACKAGES.TAG_ID.eq(TAG.ID))
                    .join(TAG_PACKAGE_OWNERS).on(TAG_PACKAGE_OWNERS.TAG_ID.eq(TAG_PACKAGES.TAG_ID),
                            TAG_PACKAGE_OWNERS.PACKAGE_ID.eq(TAG_PACKAGES.PACKAGE_ID),
                            TAG_PACKAGE_OWNERS.ACTIVE.isTrue())
                    .join(USERS).on(USERS.ID.eq(TAG_PACKAGE_OWNERS.OWNER));
            where.add(TAG_PACKAGES.ACTIVE.isTrue());
            where.add(TAG_PACKAGES.PACKAGE_ID.eq(pkgId));
        }
        if (pattern != null) {
            where.add(TAG.NAME.likeIgnoreCase(globToLike(pattern), '\\'));
        }
        QueryOpts opts = QueryOpts.parse(queryOpts, columns);
        if (opts.countOnly()) {
            return db.fetchCount(db.selectOne().from(from).where(where));
        }
        var rows = opts.fetch(db.select(columns.values()).from(from).where(where), TAG.ID.asc());
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (var r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            columns.forEach((alias, f) -> m.put(alias, r.get(f)));
            out.add(m);
        }
        return out;
    }

    /** Koji's glob translation: * and ? become % and _, and a literal _ or backslash is escaped. */
    static String globToLike(String glob) {
        return glob.replace("\\", "\\\\").replace("_", "\\_").replace("?", "_").replace("*", "%");
    }

    /** The build named by id, N-V-R string or dict, as Koji's get_build finds it for this purpose. */
    /** Koji's list_tags: get_build, not strict, then its own message. */
    private static int buildId(DSLContext db, Object build) {
        Map<String, Object> b = BuildStore.resolve(db, build, false);
        if (b == null) {
            throw KojiFault.generic("No such build: " + PythonRepr.str(build));
        }
        return (Integer) b.get("id");
    }
}
