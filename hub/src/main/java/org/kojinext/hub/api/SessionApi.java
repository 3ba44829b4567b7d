package org.kojinext.hub.api;

import java.util.List;
import java.util.Map;
import org.kojinext.hub.auth.PasswordHasher;
import org.kojinext.hub.auth.Session;
import org.kojinext.hub.auth.SessionStore;
import org.kojinext.hub.auth.UserStatus;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.hub.db.jooq.Tables;
import org.kojinext.hub.db.jooq.tables.records.UsersRecord;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/** Logging in and out, subsessions and exclusive sessions: Koji's auth calls. */
public final class SessionApi implements ApiModule {
    private final SessionStore sessions;
    private final UserApi users;

    public SessionApi(SessionStore sessions, UserApi users) {
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("login").param("user").param("password").param("opts", null)
                .param("renew", false).param("exclusive", false)
                .access(Access.authEntry())
                .doc("Log in with a user name and password and open a session.\n"
                        + "\n"
                        + ":param dict opts: may hold 'hostip' to bind the session to another address\n"
                        + ":param bool renew: give the caller's expired session a new key instead of opening one\n"
                        + ":param bool exclusive: make the new session exclusive\n"
                        + ":returns dict: session-id, session-key and header-auth")
                .handler(this::login);
        m.method("logout").param("session_id", null)
                .access(Access.loggedIn())
                .doc("Close the caller's session and its subsessions.")
                .handler(this::logout);
        m.method("logoutChild").param("session_id")
                .access(Access.loggedIn())
                .doc("Close one subsession of the caller's session.")
                .handler((ctx, a) -> {
                    sessions.closeChild(ctx.db(), ctx.requireSession().id(), requireInt(a, "session_id"));
                    return null;
                });
        m.method("subsession")
                .access(Access.loggedIn())
                .doc("Open a subsession of the caller's session, for the same user.")
                .handler((ctx, a) -> sessions.subsession(ctx.db(), ctx.requireSession()));
        m.method("exclusiveSession").param("force", false)
                .access(Access.loggedIn())
                .doc("Make the caller's session the user's only usable one; force takes the lock from another session.")
                .handler((ctx, a) -> {
                    sessions.makeExclusive(ctx.db(), ctx.requireSession(), a.bool("force"));
                    return null;
                });
        m.method("sharedSession")
                .access(Access.loggedIn())
                .doc("Give up the exclusive lock the caller's session holds.")
                .handler((ctx, a) -> {
                    sessions.makeShared(ctx.db(), ctx.requireSession());
                    return null;
                });
        m.method("getLoggedInUser")
                .access(Access.anonymousRead())
                .doc("The caller's user, as getUser describes it, with its authtype; None when anonymous.")
                .handler(this::loggedInUser);
        m.method("getSessionInfo").param("details", false).param("user_id", null)
                .access(Access.anonymousRead())
                .doc("The caller's session; with user_id, that user's open sessions (for admins and the user itself); details adds ids and addresses.")
                .handler(this::sessionInfo);
    }

    private Object login(CallContext ctx, Args a) {
        Object password = a.get("password");
        if (!(password instanceof String pw) || pw.isEmpty()) {
            throw KojiFault.auth("invalid username or password");
        }
        boolean renew = a.bool("renew");
        Session current = ctx.session();
        if (ctx.loggedIn()) {
            throw KojiFault.auth("Already logged in");
        }
        String name = a.get("user") instanceof String s ? s : null;
        UsersRecord user = name == null ? null : UserStore.byName(ctx.db(), name);
        if (user == null || !PasswordHasher.matches(pw, user.getPassword())) {
            throw KojiFault.auth("invalid username or password");
        }
        if (!PasswordHasher.isHash(user.getPassword())) {
            // A password carried over from Koji in clear text: replace it now that it is proven.
            ctx.db().update(Tables.USERS).set(Tables.USERS.PASSWORD, PasswordHasher.hash(pw))
                    .where(Tables.USERS.ID.eq(user.getId())).execute();
        }
        if (user.getStatus() != UserStatus.NORMAL) {
            throw KojiFault.auth("logins by " + user.getName() + " are not allowed");
        }
        Map<String, Object> opts = a.map("opts");
        String hostip = opts != null && opts.get("hostip") instanceof String h ? h : ctx.remoteIp();
        Map<String, Object> info;
        Session made;
        if (renew && current != null) {
            info = sessions.renew(ctx.db(), current);
            made = current;
        } else {
            info = sessions.create(ctx.db(), user.getId(), hostip, UserStatus.AUTH_NORMAL, null);
            made = new Session((Integer) info.get("session-id"), user.getId(), user.getName(),
                    user.getUsertype(), UserStatus.AUTH_NORMAL, null, false, null, null, hostip, false, null);
        }
        if (a.bool("exclusive") && !made.exclusive()) {
            sessions.makeExclusive(ctx.db(), made, false);
        }
        return info;
    }

    private Object logout(CallContext ctx, Args a) {
        Session s = ctx.requireSession();
        Integer target = a.integer("session_id");
        if (target != null && target != 0) {
            if (!ctx.hasPerm("admin") && !sessions.ownedBy(ctx.db(), target, s.userId())) {
                throw KojiFault.notAllowed("only admins or owner may logout other session");
            }
            sessions.close(ctx.db(), target);
        } else {
            sessions.close(ctx.db(), s.id());
            ctx.session(null);
        }
        return null;
    }

    private Object loggedInUser(CallContext ctx, Args a) {
        if (!ctx.loggedIn()) {
            return null;
        }
        Map<String, Object> me = users.userInfo(ctx.db(), ctx.requireSession().userId(), true, false);
        me.put("authtype", ctx.session().authtype());
        @SuppressWarnings("unchecked")
        List<String> princs = (List<String>) me.get("krb_principals");
        me.put("krb_principal", princs == null || princs.isEmpty() ? null : princs.get(0));
        return me;
    }

    private Object sessionInfo(CallContext ctx, Args a) {
        if (!ctx.loggedIn()) {
            return null;
        }
        Session s = ctx.requireSession();
        Object userInfo = a.get("user_id");
        boolean details = a.bool("details");
        if (KojiArgs.truthy(userInfo)) {
            int uid = users.resolve(ctx.db(), userInfo, true).getId();
            if (!ctx.hasPerm("admin") && uid != s.userId()) {
                throw KojiFault.notAllowed("only admins or owners may see all active sessions");
            }
            return ctx.db().select(Tables.SESSIONS.ID).from(Tables.SESSIONS)
                    .where(Tables.SESSIONS.USER_ID.eq(uid), Tables.SESSIONS.EXPIRED.isFalse())
                    .orderBy(Tables.SESSIONS.ID)
                    .fetch(Tables.SESSIONS.ID).stream()
                    .map(id -> strip(sessions.info(ctx.db(), id), details))
                    .toList();
        }
        return strip(sessions.info(ctx.db(), s.id()), details);
    }

    private static Map<String, Object> strip(Map<String, Object> info, boolean details) {
        info.remove("closed");
        if (!details) {
            info.remove("id");
            info.remove("hostip");
        }
        return info;
    }

    private static int requireInt(Args a, String name) {
        Integer v = a.integer(name);
        if (v == null) {
            throw KojiFault.parameter(name + " must be an integer");
        }
        return v;
    }
}
