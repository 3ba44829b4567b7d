package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.USER_GROUPS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.auth.UserStatus;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.db.jooq.tables.records.UserGroupsRecord;
import org.kojinext.hub.db.jooq.tables.records.UsersRecord;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Groups: users with usertype GROUP, whose members share the group's permissions. */
public final class GroupApi implements ApiModule {
    private final UserApi users;

    public GroupApi(UserApi users) {
        this.users = users;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("newGroup").param("name")
                .access(Access.admin())
                .doc("Create a group: a user entry of the group type, which holds members and permissions.")
                .handler((ctx, a) -> {
                    NameRules.checkInternal(a.get("name"));
                    String name = a.str("name");
                    if (users.resolve(ctx.db(), name, false) != null) {
                        throw KojiFault.generic("user/group already exists: " + name);
                    }
                    return users.insertUser(ctx.db(), name, UserStatus.TYPE_GROUP, UserStatus.NORMAL, null);
                });
        m.method("addGroupMember").param("group").param("user").param("strict", true)
                .access(Access.admin())
                .doc("Make a user a member of a group. With strict, adding an existing member is an error.")
                .handler(this::addMember);
        m.method("dropGroupMember").param("group").param("user")
                .access(Access.admin())
                .doc("Remove a user from a group.")
                .handler(this::dropMember);
        m.method("getGroupMembers").param("group")
                .access(Access.anonymousRead())
                .doc("List a group's members: id, name, usertype and Kerberos principals of each.")
                .handler((ctx, a) -> members(ctx.db(), group(ctx.db(), a.get("group"), "No such group: ")));
        m.method("getUserGroups").param("user")
                .access(Access.anonymousRead())
                .doc("List the groups a user belongs to, as id and name pairs.\n"
                        + "\n"
                        + ":param user: user id, name, Kerberos principal, or a struct naming one\n"
                        + ":raises GenericError: the user does not exist")
                .handler((ctx, a) -> {
                    UsersRecord u = users.resolve(ctx.db(), a.get("user"), true);
                    List<Object> out = new ArrayList<>();
                    UserStore.groups(ctx.db(), u.getId()).forEach((id, name) -> {
                        Map<String, Object> g = new LinkedHashMap<>();
                        g.put("id", id);
                        g.put("name", name);
                        out.add(g);
                    });
                    return out;
                });
    }

    private Object addMember(CallContext ctx, Args a) {
        DSLContext db = ctx.db();
        UsersRecord group = group(db, a.get("group"), "Not a group: ");
        UsersRecord user = users.resolve(db, a.get("user"), false);
        if (user == null) {
            throw KojiFault.generic("Not a user: " + PythonRepr.str(a.get("user")));
        }
        if (user.getUsertype() == UserStatus.TYPE_GROUP) {
            throw KojiFault.generic("Groups cannot be members of other groups");
        }
        boolean member = db.fetchExists(USER_GROUPS, USER_GROUPS.USER_ID.eq(user.getId())
                .and(USER_GROUPS.GROUP_ID.eq(group.getId())).and(USER_GROUPS.ACTIVE.isTrue()));
        if (member) {
            if (!a.bool("strict")) {
                return null;
            }
            throw KojiFault.generic("User already in group");
        }
        UserGroupsRecord row = db.newRecord(USER_GROUPS);
        row.setUserId(user.getId());
        row.setGroupId(group.getId());
        Versioned.create(db, row, ctx.event(), ctx.userId());
        return null;
    }

    private Object dropMember(CallContext ctx, Args a) {
        DSLContext db = ctx.db();
        UsersRecord user = users.resolve(db, a.get("user"), true);
        UsersRecord group = group(db, a.get("group"), "Not a group: ");
        int n = Versioned.revoke(db, USER_GROUPS,
                USER_GROUPS.USER_ID.eq(user.getId()).and(USER_GROUPS.GROUP_ID.eq(group.getId())),
                ctx.event(), ctx.userId());
        if (n == 0) {
            throw KojiFault.generic("No such user in group: " + PythonRepr.str(a.get("group")));
        }
        return null;
    }

    private UsersRecord group(DSLContext db, Object info, String error) {
        UsersRecord g = users.resolve(db, info, false);
        if (g == null || g.getUsertype() != UserStatus.TYPE_GROUP) {
            throw KojiFault.generic(error + PythonRepr.str(info));
        }
        return g;
    }

    private List<Object> members(DSLContext db, UsersRecord group) {
        List<Object> out = new ArrayList<>();
        db.select(USERS.ID, USERS.NAME, USERS.USERTYPE).from(USER_GROUPS)
                .join(USERS).on(USERS.ID.eq(USER_GROUPS.USER_ID))
                .where(USER_GROUPS.GROUP_ID.eq(group.getId()), USER_GROUPS.ACTIVE.isTrue())
                .orderBy(USERS.ID)
                .forEach(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", r.value1());
                    m.put("name", r.value2());
                    m.put("usertype", r.value3());
                    m.put("krb_principals", UserStore.krbPrincipals(db, r.value1()));
                    out.add(m);
                });
        return out;
    }
}
