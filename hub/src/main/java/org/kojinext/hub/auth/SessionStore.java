package org.kojinext.hub.auth;

import static org.kojinext.hub.db.jooq.Tables.HOST;
import static org.kojinext.hub.db.jooq.Tables.SESSIONS;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.db.Prerendered;
import org.kojinext.hub.db.jooq.tables.Sessions;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * Sessions as rows of Koji's {@code sessions} table. Nothing about a session is held in memory
 * between requests, so every hub on the same database serves every session.
 */
public final class SessionStore {
    /** Methods that may run on an expired session: they are how a client renews it. */
    private static final Set<String> AUTH_METHODS = Set.of("login", "sslLogin");
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    // update_time only feeds session sweeping, so a read-mostly client need not write on every call.
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** Every authenticated request's first read, so it is rendered once (see {@link Prerendered}). */
    private static final Prerendered AUTHENTICATE;

    static {
        Sessions excl = SESSIONS.as("excl");
        var exclusiveHolder = DSL.field(DSL.select(DSL.min(excl.ID)).from(excl)
                .where(excl.USER_ID.eq(SESSIONS.USER_ID), excl.EXCLUSIVE.isTrue(), excl.CLOSED.isFalse()));
        var hostId = DSL.field(DSL.select(HOST.ID).from(HOST).where(HOST.USER_ID.eq(SESSIONS.USER_ID)));
        AUTHENTICATE = Prerendered.of(DSL.select(SESSIONS.ID, SESSIONS.USER_ID, SESSIONS.EXPIRED, SESSIONS.MASTER,
                        SESSIONS.AUTHTYPE, SESSIONS.CALLNUM, SESSIONS.START_TIME, SESSIONS.UPDATE_TIME,
                        SESSIONS.RENEW_TIME, SESSIONS.EXCLUSIVE, USERS.NAME, USERS.STATUS, USERS.USERTYPE,
                        exclusiveHolder.as("excl_id"), hostId.as("host_id"))
                .from(SESSIONS).join(USERS).on(USERS.ID.eq(SESSIONS.USER_ID))
                .where(SESSIONS.ID.eq(DSL.param("id", Integer.class)), SESSIONS.KEY.eq(DSL.param("key", String.class)),
                        SESSIONS.HOSTIP.eq(DSL.param("hostip", String.class)), SESSIONS.CLOSED.isFalse()));
    }

    private final Duration renewalTimeout;

    /** @param renewalTimeout Koji's SessionRenewalTimeout; zero means sessions never expire */
    public SessionStore(Duration renewalTimeout) {
        this.renewalTimeout = renewalTimeout;
    }

    /**
     * Validates the session a request names and returns it, or fails with Koji's fault:
     * AuthError for a wrong id, key or address, AuthExpired, SequenceError or RetryError.
     */
    public Session authenticate(DSLContext db, int id, String key, String hostip, Integer callnum,
                                String method, boolean retryable) {
        Record row = AUTHENTICATE.fetchOne(db, id, key, hostip);
        if (row == null) {
            throw KojiFault.auth("Invalid session or bad credentials");
        }
        boolean expired = row.get(SESSIONS.EXPIRED) || pastRenewal(row);
        if (expired && !AUTH_METHODS.contains(method)) {
            throw new KojiFault(FaultCode.AUTH_EXPIRED, "session \"" + id + "\" has expired");
        }
        Integer last = row.get(SESSIONS.CALLNUM);
        if (callnum != null && last != null) {
            if (last > callnum) {
                throw new KojiFault(FaultCode.SEQUENCE, last + " > " + callnum + " (session " + id + ")");
            }
            if (last.equals(callnum) && !retryable) {
                throw new KojiFault(FaultCode.RETRY, "unable to retry call " + callnum + " (method "
                        + method + ") for session " + id);
            }
        }
        String userName = row.get(USERS.NAME);
        if (row.get(USERS.STATUS) != UserStatus.NORMAL) {
            throw KojiFault.auth("logins by " + userName + " are not allowed");
        }
        Integer master = row.get(SESSIONS.MASTER);
        Integer holder = row.get("excl_id", Integer.class);
        boolean exclusive = Boolean.TRUE.equals(row.get(SESSIONS.EXCLUSIVE))
                || (holder != null && holder.equals(master));
        String lockError = !exclusive && holder != null ? "User locked by another session" : null;
        if (row.get(SESSIONS.UPDATE_TIME).isBefore(OffsetDateTime.now().minus(TOUCH_INTERVAL))) {
            db.update(SESSIONS).set(SESSIONS.UPDATE_TIME, DSL.currentOffsetDateTime())
                    .where(SESSIONS.ID.eq(id)).execute();
        }
        return new Session(id, row.get(SESSIONS.USER_ID), userName, row.get(USERS.USERTYPE),
                row.get(SESSIONS.AUTHTYPE), master, exclusive, lockError, callnum, hostip, expired,
                row.get("host_id", Integer.class));
    }

    /**
     * Records the callnum of a request that changed something, so that the same callnum cannot
     * change it again. Fails with RetryError when a concurrent request with the same callnum won.
     */
    public void storeCallnum(DSLContext db, Session session, boolean retryable) {
        Integer callnum = session.callnum();
        if (callnum == null) {
            return;
        }
        var newer = retryable ? SESSIONS.CALLNUM.le(callnum) : SESSIONS.CALLNUM.lt(callnum);
        int n = db.update(SESSIONS).set(SESSIONS.CALLNUM, callnum)
                .where(SESSIONS.ID.eq(session.id()), SESSIONS.CALLNUM.isNull().or(newer))
                .execute();
        if (n == 0) {
            throw new KojiFault(FaultCode.RETRY, "unable to retry call " + callnum + " for session "
                    + session.id());
        }
    }

    /** Koji's subsession: a session for the same user under the caller's top session; its login struct. */
    public Map<String, Object> subsession(DSLContext db, Session of) {
        return subsessions(db, List.of(of)).getFirst();
    }

    /**
     * {@link #subsession} for several sessions in one statement: one new subsession under each
     * listed session's top session, in the list's order.
     */
    public static List<Map<String, Object>> subsessions(DSLContext db, List<Session> of) {
        if (of.isEmpty()) {
            return List.of();
        }
        var insert = db.insertInto(SESSIONS, SESSIONS.USER_ID, SESSIONS.KEY, SESSIONS.HOSTIP, SESSIONS.AUTHTYPE,
                SESSIONS.MASTER);
        List<String> keys = new ArrayList<>(of.size());
        for (Session s : of) {
            String key = newKey(s.userId());
            keys.add(key);
            insert = insert.values(s.userId(), key, s.hostip(), s.authtype(), s.master() != null ? s.master() : s.id());
        }
        // Rows come back in no promised order: the keys, unique and random, pair them up.
        Map<String, Integer> ids = new HashMap<>();
        for (var r : insert.returning(SESSIONS.ID, SESSIONS.KEY).fetch()) {
            ids.put(r.getKey(), r.getId());
        }
        List<Map<String, Object>> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            out.add(loginStruct(ids.get(key), key));
        }
        return out;
    }

    /** Creates a session (or subsession, with {@code master}) and returns Koji's login struct. */
    public Map<String, Object> create(DSLContext db, int userId, String hostip, int authtype, Integer master) {
        String key = newKey(userId);
        int id = db.insertInto(SESSIONS)
                .set(SESSIONS.USER_ID, userId)
                .set(SESSIONS.KEY, key)
                .set(SESSIONS.HOSTIP, hostip)
                .set(SESSIONS.AUTHTYPE, authtype)
                .set(SESSIONS.MASTER, master)
                .returning(SESSIONS.ID)
                .fetchSingle().getId();
        return loginStruct(id, key);
    }

    /**
     * Gives an expired session a new key and a fresh renewal period, keeping its id. Unlike Koji,
     * the stored callnum is cleared: Koji's client restarts its count at 0 after renewing, which
     * Koji's hub would then refuse as out of sequence.
     */
    public Map<String, Object> renew(DSLContext db, Session session) {
        if (session.master() != null) {
            boolean masterOpen = db.fetchExists(SESSIONS,
                    SESSIONS.ID.eq(session.master()).and(SESSIONS.CLOSED.isFalse()));
            if (!masterOpen) {
                throw KojiFault.auth("master session is closed");
            }
        }
        String key = newKey(session.userId());
        db.update(SESSIONS)
                .set(SESSIONS.KEY, key)
                .set(SESSIONS.EXPIRED, false)
                .set(SESSIONS.CALLNUM, (Integer) null)
                .set(SESSIONS.UPDATE_TIME, DSL.currentOffsetDateTime())
                .set(SESSIONS.RENEW_TIME, DSL.currentOffsetDateTime())
                .where(SESSIONS.ID.eq(session.id()))
                .execute();
        return loginStruct(session.id(), key);
    }

    /** Closes a session and all its subsessions. */
    public void close(DSLContext db, int sessionId) {
        db.update(SESSIONS)
                .set(SESSIONS.EXPIRED, true)
                .set(SESSIONS.EXCLUSIVE, (Boolean) null)
                .set(SESSIONS.CLOSED, true)
                .where(SESSIONS.ID.eq(sessionId).or(SESSIONS.MASTER.eq(sessionId)))
                .execute();
    }

    /** Closes one subsession of {@code master}; a session that is not its child is left alone. */
    public void closeChild(DSLContext db, int master, int sessionId) {
        db.update(SESSIONS)
                .set(SESSIONS.EXPIRED, true)
                .set(SESSIONS.EXCLUSIVE, (Boolean) null)
                .set(SESSIONS.CLOSED, true)
                .where(SESSIONS.ID.eq(sessionId), SESSIONS.MASTER.eq(master))
                .execute();
    }

    public boolean ownedBy(DSLContext db, int sessionId, int userId) {
        return db.fetchExists(SESSIONS, SESSIONS.ID.eq(sessionId).and(SESSIONS.USER_ID.eq(userId)));
    }

    /** Takes the user's exclusive lock for this session, stealing it only with {@code force}. */
    public void makeExclusive(DSLContext db, Session session, boolean force) {
        if (session.master() != null) {
            throw KojiFault.generic("subsessions cannot become exclusive");
        }
        if (session.exclusive()) {
            throw KojiFault.generic("session is already exclusive");
        }
        // The user row lock serialises two sessions racing for the same exclusive lock.
        db.selectFrom(USERS).where(USERS.ID.eq(session.userId())).forUpdate().fetch();
        Integer holder = db.select(SESSIONS.ID).from(SESSIONS)
                .where(SESSIONS.USER_ID.eq(session.userId()), SESSIONS.CLOSED.isFalse(),
                        SESSIONS.EXCLUSIVE.isTrue())
                .forUpdate()
                .fetchOne(SESSIONS.ID);
        if (holder != null) {
            if (!force) {
                throw new KojiFault(FaultCode.AUTH_LOCK, "Cannot get exclusive session");
            }
            close(db, holder);
        }
        db.update(SESSIONS).set(SESSIONS.EXCLUSIVE, true).where(SESSIONS.ID.eq(session.id())).execute();
    }

    public void makeShared(DSLContext db, Session session) {
        db.update(SESSIONS).set(SESSIONS.EXCLUSIVE, (Boolean) null)
                .where(SESSIONS.ID.eq(session.id())).execute();
    }

    /** The session's row as Koji's getSessionInfo reports it. */
    public Map<String, Object> info(DSLContext db, int sessionId) {
        Record r = db.select(SESSIONS.ID, SESSIONS.USER_ID, SESSIONS.EXPIRED, SESSIONS.MASTER,
                        SESSIONS.AUTHTYPE, SESSIONS.HOSTIP, SESSIONS.CALLNUM, SESSIONS.START_TIME,
                        SESSIONS.UPDATE_TIME, SESSIONS.EXCLUSIVE, SESSIONS.CLOSED, SESSIONS.RENEW_TIME)
                .from(SESSIONS).where(SESSIONS.ID.eq(sessionId)).fetchOne();
        if (r == null) {
            return null;
        }
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("id", r.get(SESSIONS.ID));
        m.put("user_id", r.get(SESSIONS.USER_ID));
        m.put("expired", r.get(SESSIONS.EXPIRED));
        m.put("master", r.get(SESSIONS.MASTER));
        m.put("authtype", r.get(SESSIONS.AUTHTYPE));
        m.put("hostip", r.get(SESSIONS.HOSTIP));
        m.put("callnum", r.get(SESSIONS.CALLNUM));
        m.put("start_time", r.get(SESSIONS.START_TIME));
        m.put("start_ts", Epoch.seconds(r.get(SESSIONS.START_TIME)));
        m.put("update_time", r.get(SESSIONS.UPDATE_TIME));
        m.put("update_ts", Epoch.seconds(r.get(SESSIONS.UPDATE_TIME)));
        m.put("exclusive", r.get(SESSIONS.EXCLUSIVE));
        m.put("closed", r.get(SESSIONS.CLOSED));
        m.put("renew_time", r.get(SESSIONS.RENEW_TIME));
        m.put("renew_ts", Epoch.seconds(r.get(SESSIONS.RENEW_TIME)));
        return m;
    }

    private boolean pastRenewal(Record row) {
        if (renewalTimeout.isZero()) {
            return false;
        }
        OffsetDateTime base = row.get(SESSIONS.RENEW_TIME) != null
                ? row.get(SESSIONS.RENEW_TIME) : row.get(SESSIONS.START_TIME);
        return OffsetDateTime.now().isAfter(base.plus(renewalTimeout));
    }

    private static String newKey(int userId) {
        StringBuilder sb = new StringBuilder().append(userId).append('-');
        for (int i = 0; i < 19; i++) {
            sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    private static Map<String, Object> loginStruct(int id, String key) {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("session-id", id);
        m.put("session-key", key);
        m.put("header-auth", true);
        return m;
    }
}
