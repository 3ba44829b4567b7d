package org.kojinext.hub.events;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.Tx;

/**
 * Which tables have changed, as far as this hub knows: from PostgreSQL's notifications, which
 * a trigger sends for every commit by any hub or any other client (migration V2), and from this
 * hub's own commits, which count at once so that a caller reads its own writes.
 *
 * <p>A cache takes a {@link #stamp} of the tables it reads before loading an entry and trusts the
 * entry only while the stamp is unchanged. While the hub's {@link PgListener} is down,
 * notifications can be missed: the stamp is then {@link #NOT_LIVE}, caches load from the database
 * every time, and when listening resumes every earlier stamp is void.
 *
 * <p>A change committed through another hub is seen here once PostgreSQL delivers its
 * notification, normally well under a millisecond later; until then that hub's caches may
 * answer with what they held.
 */
public final class ChangeFeed implements Tx.CommitListener, PgListener.Subscriber, AutoCloseable {
    public static final String CHANNEL = "kojinext_change";
    public static final long NOT_LIVE = -1;

    /**
     * What acts on changes rather than caching around them (the repository queue, held calls).
     * It runs on the thread that learned of the change (a committing request, the listener), so
     * it must only record or signal.
     */
    public interface Watcher {
        /** A table changed; null when anything may have changed (listening (re)started). */
        void changed(String table);

        /** The feed is closing with its hub. */
        default void closed() {
        }
    }

    private final Database database;
    private final ConcurrentHashMap<String, AtomicLong> versions = new ConcurrentHashMap<>();
    /** Counts events that void every stamp: listening (re)started, or an unnamed table written. */
    private final AtomicLong everything = new AtomicLong();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private volatile boolean live;

    private ChangeFeed(Database database) {
        this.database = database;
    }

    /** Follows the hub's commits and the listener's {@link #CHANNEL}; the listener is started by the caller. */
    public static ChangeFeed attach(Database database, PgListener listener) {
        ChangeFeed feed = new ChangeFeed(database);
        database.onCommit(feed);
        listener.subscribe(CHANNEL, feed);
        return feed;
    }

    /** Tells the watcher of every change from now on, until the result is closed. */
    public AutoCloseable watch(Watcher watcher) {
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
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
        for (Watcher w : watchers) {
            if (unknown) {
                w.changed(null);
            }
            tables.forEach(w::changed);
        }
    }

    @Override
    public void received(String table) {
        counter(table).incrementAndGet();
        for (Watcher w : watchers) {
            w.changed(table);
        }
    }

    @Override
    public void listening() {
        // Whatever was cached before this point may have missed a notification.
        everything.incrementAndGet();
        live = true;
        for (Watcher w : watchers) {
            w.changed(null);
        }
    }

    @Override
    public void lost() {
        live = false;
    }

    private AtomicLong counter(String table) {
        return versions.computeIfAbsent(table, t -> new AtomicLong());
    }

    /** Stops counting this hub's commits; the listener is closed by its owner. */
    @Override
    public void close() {
        live = false;
        database.onCommit(Tx.CommitListener.NONE);
        for (Watcher w : watchers) {
            w.closed();
        }
    }
}
