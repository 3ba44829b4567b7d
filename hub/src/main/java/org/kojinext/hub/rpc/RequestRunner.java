package org.kojinext.hub.rpc;

import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.USER_GROUPS;
import static org.kojinext.hub.db.jooq.Tables.USER_PERMS;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.kojinext.hub.auth.SessionStore;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.Tx;
import org.kojinext.hub.events.ChangeFeed;
import org.kojinext.hub.events.ReadCache;
import org.kojinext.protocol.RpcCall;

/**
 * Runs one HTTP request's worth of calls in one transaction, as Koji does: authenticate the
 * session the headers name, run the call (or multicall), then commit if anything was written and
 * record the callnum with it. Both encodings go through here.
 */
public final class RequestRunner {
    private final Database database;
    private final Dispatcher dispatcher;
    private final SessionStore sessions;
    private final boolean checkClientIp;
    /** Each user's permissions, direct and through groups: every permission-checked call needs them. */
    private final ReadCache<Integer, Set<String>> perms;

    public RequestRunner(Database database, Dispatcher dispatcher, SessionStore sessions, boolean checkClientIp,
                         ChangeFeed changes) {
        this.database = database;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.checkClientIp = checkClientIp;
        this.perms = new ReadCache<>(changes, 10_000, USER_PERMS.getName(), USER_GROUPS.getName(),
                PERMISSIONS.getName());
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** The address a session is bound to: the client's, or "-" when addresses are not checked. */
    public String hostip(String remoteIp) {
        return checkClientIp ? remoteIp : "-";
    }

    /** Runs a single call; throws the fault it ended in, after rolling back. */
    public Object call(RequestMeta meta, RpcCall call) {
        return run(meta, call.method(), ctx -> dispatcher.invoke(ctx, call));
    }

    /** Runs a multicall; each call's failure is reported in its slot and undone alone. */
    public List<Object> multicall(RequestMeta meta, List<RpcCall> calls) {
        return run(meta, "multiCall", ctx -> dispatcher.multicall(ctx, calls));
    }

    /**
     * Runs work that is not a registered method (rawUpload) under the request's session, in a
     * transaction, exactly as a call of that name would be authenticated.
     */
    public <T> T runAs(RequestMeta meta, String method, Function<CallContext, T> work) {
        return run(meta, method, work);
    }

    private <T> T run(RequestMeta meta, String method, Function<CallContext, T> body) {
        try (Tx tx = database.begin()) {
            CallContext ctx = new CallContext(tx, hostip(meta.remoteIp()),
                    (db, user) -> perms.get(tx, user, u -> Set.copyOf(UserStore.effectivePerms(db, u))));
            try {
                if (meta.sessionId() != null) {
                    ctx.session(sessions.authenticate(tx.dsl(), meta.sessionId(), meta.sessionKey(),
                            hostip(meta.remoteIp()), meta.callnum(), method, dispatcher.retryable(method)));
                }
                T result = body.apply(ctx);
                // An expired session can only renew or close itself; a renewal starts a fresh
                // callnum sequence, as the Koji client resets its counter to 0 after it.
                if (tx.wrote() && ctx.session() != null && !ctx.session().expired()
                        && meta.sessionId() != null && ctx.session().id() == meta.sessionId()) {
                    sessions.storeCallnum(tx.dsl(), ctx.session(), dispatcher.retryable(method));
                }
                tx.finish();
                return result;
            } catch (RuntimeException e) {
                tx.rollback();
                throw e;
            }
        }
    }
}
