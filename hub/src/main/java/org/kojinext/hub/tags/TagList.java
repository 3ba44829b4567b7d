package org.kojinext.hub.tags;

import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
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
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.rpc.NameOrId;
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
            var p = db.select(PACKAGE.ID).from(PACKAGE)
                    .where(NameOrId.condition(PACKAGE.ID, PACKAGE.NAME, pkg)).fetchOne();
            if (p == null) {
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
            where.add(TAG_PACKAGES.PACKAGE_ID.eq(p.value1()));
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
    private static int buildId(DSLContext db, Object build) {
        Condition which;
        Object info = build instanceof Map<?, ?> m && m.containsKey("id") ? m.get("id") : build;
        if (info instanceof Integer id) {
            which = BUILD.ID.eq(id);
        } else if (info instanceof String nvr) {
            int r = nvr.lastIndexOf('-');
            int v = r > 0 ? nvr.lastIndexOf('-', r - 1) : -1;
            if (v <= 0) {
                throw KojiFault.generic("invalid format: " + nvr);
            }
            which = PACKAGE.NAME.eq(nvr.substring(0, v)).and(BUILD.VERSION.eq(nvr.substring(v + 1, r)))
                    .and(BUILD.RELEASE.eq(nvr.substring(r + 1)));
        } else if (info instanceof Map<?, ?> m && m.get("name") instanceof String n
                && m.get("version") instanceof String ver && m.get("release") instanceof String rel) {
            which = PACKAGE.NAME.eq(n).and(BUILD.VERSION.eq(ver)).and(BUILD.RELEASE.eq(rel));
        } else {
            throw KojiFault.generic("Invalid build info: " + PythonRepr.of(build));
        }
        var row = db.select(BUILD.ID).from(BUILD).join(PACKAGE).on(PACKAGE.ID.eq(BUILD.PKG_ID)).where(which)
                .fetchOne();
        if (row == null) {
            throw KojiFault.generic("No such build: " + PythonRepr.str(build));
        }
        return row.value1();
    }
}
