package org.kojinext.hub.rpc;

import java.util.Set;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.kojinext.hub.auth.Session;
import org.kojinext.hub.db.Tx;
import org.kojinext.hub.db.jooq.Tables;
import org.kojinext.protocol.KojiFault;

/**
 * What a hub method may know about the request it serves: who is calling, from where, and the
 * request's transaction. It knows nothing of HTTP or of the encoding.
 *
 * <p>One per HTTP request; a multicall's calls share it, as Koji's share one context.
 */
public final class CallContext {
    private final Tx tx;
    private final String remoteIp;
    private final BiFunction<DSLContext, Integer, Set<String>> permsLoader;
    private Session session;
    private Set<String> perms;
    private Integer hostId;

    public CallContext(Tx tx, String remoteIp, BiFunction<DSLContext, Integer, Set<String>> permsLoader) {
        this.tx = tx;
        this.remoteIp = remoteIp;
        this.permsLoader = permsLoader;
    }

    public DSLContext db() {
        return tx.dsl();
    }

    public Tx tx() {
        return tx;
    }

    /** The event that stamps this call's changes. */
    public int event() {
        return tx.eventId();
    }

    public String remoteIp() {
        return remoteIp;
    }

    /** The caller's session, or null for an anonymous caller. */
    public Session session() {
        return session;
    }

    public boolean loggedIn() {
        return session != null && !session.expired();
    }

    /** Replaces the request's session: after login, logout or a change of exclusivity. */
    public void session(Session newSession) {
        this.session = newSession;
        this.perms = null;
        this.hostId = null;
    }

    public Session requireSession() {
        if (!loggedIn()) {
            throw KojiFault.notAllowed("you must be logged in for this operation");
        }
        return session;
    }

    public int userId() {
        return requireSession().userId();
    }

    /**
     * The caller's host id, checked as Koji's Host.verify does: logged in, the user is a host,
     * and the session is exclusive. AuthError otherwise, with Koji's messages.
     */
    public int requireHost() {
        if (!loggedIn()) {
            throw KojiFault.auth("Not logged-in");
        }
        if (hostId == null) {
            hostId = session.hostId();
        }
        if (hostId == null) {
            hostId = db().select(Tables.HOST.ID).from(Tables.HOST)
                    .where(Tables.HOST.USER_ID.eq(session.userId())).fetchOne(Tables.HOST.ID);
            if (hostId == null) {
                throw KojiFault.auth("User " + session.userId() + " is not a host");
            }
        }
        if (!session.exclusive()) {
            throw KojiFault.auth("This method requires an exclusive session");
        }
        return hostId;
    }

    /** Whether the caller holds the permission itself, directly or through a group. */
    public boolean hasPerm(String perm) {
        if (!loggedIn()) {
            return false;
        }
        if (perms == null) {
            perms = permsLoader.apply(db(), session.userId());
        }
        return perms.contains(perm);
    }

    /** The permissions the caller holds; empty when anonymous. */
    public Set<String> perms() {
        if (!loggedIn()) {
            return Set.of();
        }
        hasPerm("admin");
        return perms;
    }

    /** Passes if the caller holds the permission or admin; otherwise ActionNotAllowed. */
    public void assertPerm(String perm) {
        if (hasPerm(perm) || hasPerm("admin")) {
            return;
        }
        String who = loggedIn() ? " (logged in as " + session.userName() + ")" : " (user not logged in)";
        throw KojiFault.notAllowed(perm + " permission required" + who);
    }
}
