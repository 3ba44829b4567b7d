package org.kojinext.hub.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.Tx;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tables have changed, as far as this hub knows: from PostgreSQL's notifications, which
 * a trigger sends for every commit by any hub or any other client (migration V2), and from this
 * hub's own commits, which count at once so that a caller reads its own writes.
 *
 * <p>A cache takes a {@link #stamp} of the tables it reads before loading an entry and trusts the
 * entry only while the stamp is unchanged. While the listening connection is down, notifications
 * can be missed: the stamp is then {@link #NOT_LIVE}, caches load from the database every time,
 * and when listening resumes every earlier stamp is void.
 *
 * <p>A change committed through another hub is seen here once PostgreSQL delivers its
 * notification, normally well under a millisecond later; until then that hub's caches may
 * answer with what they held.
 */
public final class ChangeFeed implements Tx.CommitListener, AutoCloseable {
    public static final String CHANNEL = "kojinext_change";
    public static final long NOT_LIVE = -1;
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Database database;
    private final ConcurrentHashMap<String, AtomicLong> versions = new ConcurrentHashMap<>();
    /** Counts events that void every stamp: listening (re)started, or an unnamed table written. */
    private final AtomicLong everything = new AtomicLong();
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean live;
    private volatile boolean closed;
    private volatile Connection connection;

    private ChangeFeed(Database database) {
        this.database = database;
        this.thread = Thread.ofPlatform().daemon().name("kojinext-change-feed").unstarted(this::listen);
    }

    /**
     * Starts listening, and waits briefly for the first LISTEN so that caches work from the first
     * request; if the database does not answer in time, the hub starts anyway with caches bypassed.
     */
    public static ChangeFeed start(Database database, Duration waitForListen) {
        ChangeFeed feed = new ChangeFeed(database);
        database.onCommit(feed);
        feed.thread.start();
        try {
            feed.firstListen.await(waitForListen.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return feed;
    }

    /** Whether notifications are being received, so that stamps mean something. */
    public boolean live() {
        return live;
    }

    /** A number that changes whenever one of the tables changes, or {@link #NOT_LIVE}. */
    public long stamp(String... tables) {
        if (!live) {
            return NOT_LIVE;
        }
        // Every counter only grows, so the sum changes exactly when one of them does.
        long s = everything.get();
        for (String t : tables) {
            s += counter(t).get();
        }
        return live ? s : NOT_LIVE;
    }

    @Override
    public void committed(Set<String> tables, boolean unknown) {
        for (String t : tables) {
            counter(t).incrementAndGet();
        }
        if (unknown) {
            everything.incrementAndGet();
        }
    }

    private AtomicLong counter(String table) {
        return versions.computeIfAbsent(table, t -> new AtomicLong());
    }

    private void listen() {
        long backoff = 100;
        while (!closed) {
            try (Connection c = database.openDedicated("kojinext-change-feed")) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                // Whatever was cached before this point may have missed a notification.
                everything.incrementAndGet();
                live = true;
                firstListen.countDown();
                if (backoff > 100) {
                    log.info("listening for database changes again; caches are back in use");
                }
                backoff = 100;
                while (!closed) {
                    PGNotification[] received = pg.getNotifications((int) POLL.toMillis());
                    if (received != null) {
                        for (PGNotification n : received) {
                            counter(n.getParameter()).incrementAndGet();
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                live = false;
                if (closed) {
                    break;
                }
                log.warn("not listening for database changes ({}); caches are bypassed until it is back",
                        e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            } finally {
                live = false;
                connection = null;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        live = false;
        database.onCommit(Tx.CommitListener.NONE);
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the listener thread sees the closed connection and stops
            }
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
