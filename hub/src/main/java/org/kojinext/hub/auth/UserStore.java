package org.kojinext.hub.auth;

import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.USER_GROUPS;
import static org.kojinext.hub.db.jooq.Tables.USER_KRB_PRINCIPALS;
import static org.kojinext.hub.db.jooq.Tables.USER_PERMS;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.kojinext.hub.db.jooq.tables.records.UsersRecord;

/** Reads of users, their Kerberos principals, groups and effective permissions. */
public final class UserStore {
    private UserStore() {
    }

    public static UsersRecord byId(DSLContext db, int id) {
        return db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOne();
    }

    public static UsersRecord byName(DSLContext db, String name) {
        return db.selectFrom(USERS).where(USERS.NAME.eq(name)).fetchOne();
    }

    public static UsersRecord byKrbPrincipal(DSLContext db, String principal) {
        return db.select(USERS.fields()).from(USERS)
                .join(USER_KRB_PRINCIPALS).on(USER_KRB_PRINCIPALS.USER_ID.eq(USERS.ID))
                .where(USER_KRB_PRINCIPALS.KRB_PRINCIPAL.eq(principal))
                .fetchOneInto(USERS);
    }

    public static List<String> krbPrincipals(DSLContext db, int userId) {
        return db.select(USER_KRB_PRINCIPALS.KRB_PRINCIPAL).from(USER_KRB_PRINCIPALS)
                .where(USER_KRB_PRINCIPALS.USER_ID.eq(userId))
                .orderBy(USER_KRB_PRINCIPALS.KRB_PRINCIPAL)
                .fetch(USER_KRB_PRINCIPALS.KRB_PRINCIPAL);
    }

    /** The groups a user belongs to now, as {@code group id -> group name}. */
    public static Map<Integer, String> groups(DSLContext db, int userId) {
        Map<Integer, String> out = new LinkedHashMap<>();
        db.select(USERS.ID, USERS.NAME).from(USER_GROUPS)
                .join(USERS).on(USERS.ID.eq(USER_GROUPS.GROUP_ID))
                .where(USER_GROUPS.USER_ID.eq(userId), USER_GROUPS.ACTIVE.isTrue())
                .orderBy(USERS.ID)
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    /** The permissions a user holds now: its own and those of its groups, one level deep. */
    public static Set<String> effectivePerms(DSLContext db, int userId) {
        var own = db.select(USER_PERMS.PERM_ID).from(USER_PERMS)
                .where(USER_PERMS.USER_ID.eq(userId), USER_PERMS.ACTIVE.isTrue());
        var viaGroups = db.select(USER_PERMS.PERM_ID).from(USER_PERMS)
                .join(USER_GROUPS).on(USER_GROUPS.GROUP_ID.eq(USER_PERMS.USER_ID))
                .where(USER_GROUPS.USER_ID.eq(userId), USER_GROUPS.ACTIVE.isTrue(),
                        USER_PERMS.ACTIVE.isTrue());
        return new HashSet<>(db.select(PERMISSIONS.NAME).from(PERMISSIONS)
                .where(PERMISSIONS.ID.in(own.union(viaGroups)))
                .fetch(PERMISSIONS.NAME));
    }
}
