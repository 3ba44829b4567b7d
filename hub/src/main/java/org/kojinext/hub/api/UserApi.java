package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.USER_KRB_PRINCIPALS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.impl.DSL;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.auth.PasswordHasher;
import org.kojinext.hub.auth.UserStatus;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.hub.db.jooq.tables.UserKrbPrincipals;
import org.kojinext.hub.db.jooq.tables.records.UsersRecord;
import org.kojinext.hub.events.ChangeFeed;
import org.kojinext.hub.events.ReadCache;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/** Users: Koji's getUser and friends. */
public final class UserApi implements ApiModule {
    private static final UserKrbPrincipals OWN = USER_KRB_PRINCIPALS.as("own");
    /** A user's Kerberos principals, sorted, as a column of the user's row. */
    private static final Field<String[]> PRINCIPALS = DSL.array(DSL.select(OWN.KRB_PRINCIPAL).from(OWN)
            .where(OWN.USER_ID.eq(USERS.ID)).orderBy(OWN.KRB_PRINCIPAL)).as("krb_principals");

    /** getUser by id or name, the form clients use all day; the struct forms are rare and go to the database. */
    private final ReadCache<UserKey, Optional<Map<String, Object>>> byIdOrName;

    private record UserKey(Object info, boolean krbPrincs) {
    }

    public UserApi(ChangeFeed changes) {
        this.byIdOrName = new ReadCache<>(changes, 10_000, USERS.getName(), USER_KRB_PRINCIPALS.getName());
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("getUser").param("userInfo", null).param("strict", false)
                .param("krb_princs", true).param("groups", false)
                .access(Access.anonymousRead())
                .doc("Look a user up.\n"
                        + "\n"
                        + ":param userInfo: user id, name, Kerberos principal, or a struct with id, name or krb_principal; the caller when omitted\n"
                        + ":param bool strict: fail instead of returning None when there is no such user\n"
                        + ":param bool krb_princs: include the Kerberos principals\n"
                        + ":param bool groups: include the names of the user's groups\n"
                        + ":returns dict: id, name, status, usertype and the parts asked for")
                .handler(this::getUser);
        m.method("createUser").param("username").param("status", null).param("krb_principal", null)
                .param("password", null)
                .access(Access.admin())
                .doc("Create a user.\n"
                        + "\n"
                        + ":param str username: the new user's name\n"
                        + ":param int status: a koji.USER_STATUS value; NORMAL by default\n"
                        + ":param str krb_principal: a Kerberos principal for the user, if any\n"
                        + ":param str password: (Koji Next) a password for password login, if any\n"
                        + ":returns int: the new user's id\n"
                        + ":raises GenericError: the name or principal is taken")
                .handler(this::createUser);
        m.method("editUser").param("userInfo").param("name", null).param("krb_principal_mappings", null)
                .param("password", null)
                .access(Access.admin())
                .doc("Change a user: rename it, add, change or remove Kerberos principals with a list of {'old': ..., 'new': ...} pairs, or (Koji Next) set its password.\n"
                        + "\n"
                        + ":raises GenericError: no such user, or a mapping that does not apply")
                .handler(this::editUser);
        m.method("enableUser").param("username")
                .access(Access.admin())
                .doc("Allow a user to log in again.")
                .handler((ctx, a) -> setStatus(ctx, a.get("username"), UserStatus.NORMAL));
        m.method("disableUser").param("username")
                .access(Access.admin())
                .doc("Stop a user from logging in; its sessions stop working.")
                .handler((ctx, a) -> setStatus(ctx, a.get("username"), UserStatus.BLOCKED));
        m.method("listUsers").param("userType", UserStatus.TYPE_NORMAL).param("prefix", null)
                .param("queryOpts", null).param("perm", null).param("inherited_perm", false)
                .access(Access.anonymousRead())
                .doc("List users of one usertype (normal users by default), optionally only those whose name starts with prefix or who hold perm (through a group too with inherited_perm); queryOpts orders, pages or counts.")
                .handler(UserList::list);
    }

    private Object createUser(CallContext ctx, Args a) {
        DSLContext db = ctx.db();
        Object name = a.get("username");
        Object krb = a.get("krb_principal");
        NameRules.checkUserName(name);
        if (krb != null) {
            NameRules.checkKrbPrincipal(krb);
        }
        if (resolve(db, name, false) != null) {
            throw KojiFault.generic("user already exists: " + name);
        }
        if (krb != null && UserStore.byKrbPrincipal(db, (String) krb) != null) {
            throw KojiFault.generic("user with this Kerberos principal already exists: " + krb);
        }
        Integer status = a.integer("status");
        if (status == null) {
            status = UserStatus.NORMAL;
        } else if (status != UserStatus.NORMAL && status != UserStatus.BLOCKED) {
            throw KojiFault.generic("No such status: " + status);
        }
        String password = a.str("password");
        int id = insertUser(db, (String) name, UserStatus.TYPE_NORMAL, status,
                password == null || password.isEmpty() ? null : PasswordHasher.hash(password));
        if (krb != null) {
            db.insertInto(USER_KRB_PRINCIPALS).set(USER_KRB_PRINCIPALS.USER_ID, id)
                    .set(USER_KRB_PRINCIPALS.KRB_PRINCIPAL, (String) krb).execute();
        }
        return id;
    }

    /** Inserts a users row and returns its id. */
    int insertUser(DSLContext db, String name, int usertype, int status, String passwordHash) {
        return db.insertInto(USERS)
                .set(USERS.NAME, name)
                .set(USERS.USERTYPE, usertype)
                .set(USERS.STATUS, status)
                .set(USERS.PASSWORD, passwordHash)
                .returning(USERS.ID).fetchSingle().getId();
    }

    private Object editUser(CallContext ctx, Args a) {
        DSLContext db = ctx.db();
        UsersRecord user = resolve(db, a.get("userInfo"), true);
        Object name = a.get("name");
        if (KojiArgs.truthy(name) && !name.equals(user.getName())) {
            NameRules.checkUserName(name);
            UsersRecord taken = UserStore.byName(db, (String) name);
            if (taken != null) {
                throw KojiFault.generic("Name " + name + " already taken by user " + taken.getId());
            }
            db.update(USERS).set(USERS.NAME, (String) name).where(USERS.ID.eq(user.getId())).execute();
        }
        List<Object> mappings = a.list("krb_principal_mappings");
        if (mappings != null && !mappings.isEmpty()) {
            KrbMappings.apply(db, user.getId(), mappings);
        }
        String password = a.str("password");
        if (password != null) {
            db.update(USERS).set(USERS.PASSWORD, password.isEmpty() ? null : PasswordHasher.hash(password))
                    .where(USERS.ID.eq(user.getId())).execute();
        }
        return null;
    }

    private Object setStatus(CallContext ctx, Object username, int status) {
        UsersRecord user = resolve(ctx.db(), username, false);
        if (user == null) {
            throw KojiFault.generic("No such user: " + PythonRepr.str(username));
        }
        if (user.getStatus() != status) {
            ctx.db().update(USERS).set(USERS.STATUS, status).where(USERS.ID.eq(user.getId())).execute();
        }
        return null;
    }

    private Object getUser(CallContext ctx, Args a) {
        Object info = a.get("userInfo");
        if (info == null) {
            if (!ctx.loggedIn()) {
                throw KojiFault.generic("No user provided");
            }
            info = ctx.session().userId();
        }
        boolean krbPrincs = a.bool("krb_princs");
        boolean groups = a.bool("groups");
        if (!groups && (info instanceof Integer || info instanceof String)) {
            Optional<Map<String, Object>> user = byIdOrName.get(ctx.tx(), new UserKey(info, krbPrincs),
                    k -> Optional.ofNullable(load(ctx.db(), k.info(), false, k.krbPrincs(), false))
                            .map(Collections::unmodifiableMap));
            if (user.isEmpty() && a.bool("strict")) {
                throw noSuchUser(info);
            }
            return user.orElse(null);
        }
        return load(ctx.db(), info, a.bool("strict"), krbPrincs, groups);
    }

    private Map<String, Object> load(DSLContext db, Object info, boolean strict, boolean krbPrincs, boolean groups) {
        // The principals come in the same query as the user: getUser is among the hottest reads.
        Record found = find(db, info, strict, krbPrincs);
        if (found == null) {
            return null;
        }
        return userInfo(db, found.into(USERS), krbPrincs ? List.of(found.get(PRINCIPALS)) : null, groups);
    }

    private static KojiFault noSuchUser(Object info) {
        return KojiFault.generic("No such user: " + PythonRepr.of(info));
    }

    /**
     * Finds a user from Koji's userInfo forms: an id, a name or Kerberos principal, or a struct
     * with id, name or krb_principal. Returns null, or with {@code strict} fails, when none match.
     */
    public UsersRecord resolve(DSLContext db, Object info, boolean strict) {
        Record r = find(db, info, strict, false);
        return r == null ? null : r.into(USERS);
    }

    /** {@link #resolve}, optionally with the user's principals as {@link #PRINCIPALS}. */
    private Record find(DSLContext db, Object info, boolean strict, boolean withPrincipals) {
        List<Condition> where = new ArrayList<>();
        boolean joinKrb = false;
        if (info instanceof Integer id) {
            where.add(USERS.ID.eq(id));
        } else if (info instanceof String s) {
            where.add(USERS.NAME.eq(s).or(USER_KRB_PRINCIPALS.KRB_PRINCIPAL.eq(s)));
            joinKrb = true;
        } else if (info instanceof Map<?, ?> map) {
            Object id = map.get("id");
            if (id != null) {
                if (!(id instanceof Integer i)) {
                    throw KojiFault.generic("Invalid type for userid: " + id.getClass().getSimpleName());
                }
                where.add(USERS.ID.eq(i));
            }
            if (KojiArgs.truthy(map.get("name"))) {
                if (!(map.get("name") instanceof String n)) {
                    throw KojiFault.generic("Invalid type for username");
                }
                where.add(USERS.NAME.eq(n));
            }
            if (KojiArgs.truthy(map.get("krb_principal"))) {
                if (!(map.get("krb_principal") instanceof String k)) {
                    throw KojiFault.generic("Invalid type for krb_principal");
                }
                where.add(USER_KRB_PRINCIPALS.KRB_PRINCIPAL.eq(k));
                joinKrb = true;
            }
        } else {
            throw KojiFault.generic("Invalid type for userInfo: " + (info == null ? "None" : info.getClass().getSimpleName()));
        }
        var from = joinKrb
                ? USERS.leftJoin(USER_KRB_PRINCIPALS).on(USER_KRB_PRINCIPALS.USER_ID.eq(USERS.ID))
                : USERS;
        List<SelectFieldOrAsterisk> fields = new ArrayList<>(List.of(USERS.fields()));
        if (withPrincipals) {
            fields.add(PRINCIPALS);
        }
        List<Record> found = db.selectDistinct(fields).from(from).where(where).orderBy(USERS.ID).fetch();
        if (found.isEmpty()) {
            if (strict) {
                throw noSuchUser(info);
            }
            return null;
        }
        if (found.size() > 1) {
            throw KojiFault.generic("More than one user matches " + PythonRepr.of(info));
        }
        return found.get(0);
    }

    /** Koji's user struct for a user id. */
    public Map<String, Object> userInfo(DSLContext db, int userId, boolean krbPrincs, boolean groups) {
        return userInfo(db, UserStore.byId(db, userId), krbPrincs, groups);
    }

    public Map<String, Object> userInfo(DSLContext db, UsersRecord user, boolean krbPrincs, boolean groups) {
        return userInfo(db, user, krbPrincs ? UserStore.krbPrincipals(db, user.getId()) : null, groups);
    }

    /** @param principals the user's Kerberos principals, or null to leave them out */
    private static Map<String, Object> userInfo(DSLContext db, UsersRecord user, List<String> principals,
                                                boolean groups) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", user.getId());
        m.put("name", user.getName());
        m.put("status", user.getStatus());
        m.put("usertype", user.getUsertype());
        if (principals != null) {
            m.put("krb_principals", principals);
        }
        if (groups) {
            m.put("groups", new ArrayList<>(UserStore.groups(db, user.getId()).values()));
        }
        return m;
    }

}
