package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.USER_GROUPS;
import static org.kojinext.hub.db.jooq.Tables.USER_PERMS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.db.jooq.tables.records.PermissionsRecord;
import org.kojinext.hub.db.jooq.tables.records.UserPermsRecord;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Permissions: granting, revoking and asking. Grants are versioned, so history keeps them. */
public final class PermissionApi implements ApiModule {
    private final UserApi users;

    public PermissionApi(UserApi users) {
        this.users = users;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("grantPermission").param("userinfo").param("permission")
                .param("create", false).param("description", null)
                .access(Access.admin())
                .doc("Give a user or group a permission. With create, a permission unknown so far is created first.")
                .handler(this::grant);
        m.method("revokePermission").param("userinfo").param("permission")
                .access(Access.admin())
                .doc("Take a permission away from a user or group.")
                .handler(this::revoke);
        m.method("editPermission").param("permission").param("description")
                .access(Access.admin())
                .doc("Change a permission's description.")
                .handler((ctx, a) -> {
                    PermissionsRecord perm = lookup(ctx.db(), a.get("permission"), true, false);
                    String description = a.str("description");
                    ctx.db().update(PERMISSIONS).set(PERMISSIONS.DESCRIPTION, description)
                            .where(PERMISSIONS.ID.eq(perm.getId())).execute();
                    return null;
                });
        m.method("hasPerm").param("perm").param("strict", false)
                .access(Access.anonymousRead())
                .doc("Whether the caller holds the permission; false for anonymous callers. With strict, an unknown permission is an error.")
                .handler((ctx, a) -> {
                    if (a.bool("strict") && lookup(ctx.db(), a.get("perm"), false, false) == null) {
                        throw KojiFault.generic("No such permission " + a.get("perm") + " defined");
                    }
                    return a.get("perm") instanceof String p && ctx.hasPerm(p);
                });
        m.method("getPerms")
                .access(Access.anonymousRead())
                .doc("The caller's permission names.")
                .handler((ctx, a) -> new ArrayList<>(ctx.perms()).stream().sorted().toList());
        m.method("getUserPerms").param("userID", null).param("with_groups", true)
                .access(Access.anonymousRead())
                .doc("A user's permission names, including those held through groups unless with_groups is false. Without userID, the caller's.")
                .handler((ctx, a) -> {
                    int uid = userOrSelf(ctx, a.get("userID"));
                    return new ArrayList<>(permSources(ctx.db(), uid, a.bool("with_groups")).keySet());
                });
        m.method("getUserPermsInheritance").param("userID")
                .access(Access.anonymousRead())
                .doc("For each permission a user holds, where it comes from: None for a direct grant, else the group names.")
                .handler((ctx, a) -> permSources(ctx.db(), users.resolve(ctx.db(), a.get("userID"), true).getId(), true));
        m.method("getAllPerms")
                .access(Access.anonymousRead())
                .doc("Every permission known to the hub: id, name and description.")
                .handler((ctx, a) -> ctx.db().selectFrom(PERMISSIONS).orderBy(PERMISSIONS.ID).fetch()
                        .map(r -> {
                            Map<String, Object> p = new LinkedHashMap<>();
                            p.put("id", r.getId());
                            p.put("name", r.getName());
                            p.put("description", r.getDescription());
                            return p;
                        }));
    }

    private Object grant(CallContext ctx, Args a) {
        boolean create = a.bool("create");
        Object permission = a.get("permission");
        if (create) {
            NameRules.checkInternal(permission);
        }
        String description = a.str("description");
        if (description != null && !create) {
            throw KojiFault.generic("Description should be specified only with create.");
        }
        DSLContext db = ctx.db();
        int userId = users.resolve(db, a.get("userinfo"), true).getId();
        PermissionsRecord perm = lookup(db, permission, !create, create);
        if (create && description != null) {
            db.update(PERMISSIONS).set(PERMISSIONS.DESCRIPTION, description)
                    .where(PERMISSIONS.ID.eq(perm.getId())).execute();
        }
        if (db.fetchExists(USER_PERMS, USER_PERMS.USER_ID.eq(userId)
                .and(USER_PERMS.PERM_ID.eq(perm.getId())).and(USER_PERMS.ACTIVE.isTrue()))) {
            throw KojiFault.generic("user " + PythonRepr.str(a.get("userinfo"))
                    + " already has permission: " + perm.getName());
        }
        UserPermsRecord row = db.newRecord(USER_PERMS);
        row.setUserId(userId);
        row.setPermId(perm.getId());
        Versioned.create(db, row, ctx.event(), ctx.userId());
        return null;
    }

    private Object revoke(CallContext ctx, Args a) {
        DSLContext db = ctx.db();
        int userId = users.resolve(db, a.get("userinfo"), true).getId();
        PermissionsRecord perm = lookup(db, a.get("permission"), true, false);
        int n = Versioned.revoke(db, USER_PERMS,
                USER_PERMS.USER_ID.eq(userId).and(USER_PERMS.PERM_ID.eq(perm.getId())),
                ctx.event(), ctx.userId());
        if (n == 0) {
            throw KojiFault.generic("user " + PythonRepr.str(a.get("userinfo"))
                    + " does not have permission: " + perm.getName());
        }
        return null;
    }

    private int userOrSelf(CallContext ctx, Object info) {
        if (info == null) {
            if (!ctx.loggedIn()) {
                throw KojiFault.generic("No user provided");
            }
            return ctx.session().userId();
        }
        return users.resolve(ctx.db(), info, true).getId();
    }

    /** Koji's lookup_perm: by id or name; {@code create} adds a missing name. */
    static PermissionsRecord lookup(DSLContext db, Object info, boolean strict, boolean create) {
        PermissionsRecord r = db.selectFrom(PERMISSIONS)
                .where(NameOrId.condition(PERMISSIONS.ID, PERMISSIONS.NAME, info)).fetchOne();
        if (r == null && create && info instanceof String name) {
            r = db.insertInto(PERMISSIONS).set(PERMISSIONS.NAME, name).returning().fetchSingle();
        }
        if (r == null && strict) {
            throw KojiFault.generic("No such entry in table permissions: " + PythonRepr.str(info));
        }
        return r;
    }

    /** Permission name to its sources: null for a direct grant, else the group's name. */
    static Map<String, List<String>> permSources(DSLContext db, int userId, boolean withGroups) {
        Map<String, List<String>> perms = new LinkedHashMap<>();
        db.select(PERMISSIONS.NAME).from(USER_PERMS).join(PERMISSIONS).on(PERMISSIONS.ID.eq(USER_PERMS.PERM_ID))
                .where(USER_PERMS.USER_ID.eq(userId), USER_PERMS.ACTIVE.isTrue())
                .orderBy(PERMISSIONS.NAME)
                .forEach(r -> perms.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(null));
        if (withGroups) {
            db.select(PERMISSIONS.NAME, USERS.NAME).from(USER_GROUPS)
                    .join(USER_PERMS).on(USER_PERMS.USER_ID.eq(USER_GROUPS.GROUP_ID))
                    .join(PERMISSIONS).on(PERMISSIONS.ID.eq(USER_PERMS.PERM_ID))
                    .join(USERS).on(USERS.ID.eq(USER_GROUPS.GROUP_ID))
                    .where(USER_GROUPS.USER_ID.eq(userId), USER_GROUPS.ACTIVE.isTrue(), USER_PERMS.ACTIVE.isTrue())
                    .orderBy(PERMISSIONS.NAME, USERS.NAME)
                    .forEach(r -> perms.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        }
        return perms;
    }
}
