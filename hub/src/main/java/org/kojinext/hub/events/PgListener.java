package org.kojinext.hub.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.kojinext.hub.db.Database;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated connection per hub that LISTENs on every channel the hub's parts need and hands
 * each notification to the subscribers of its channel. Subscribers run on the listening thread,
 * so they must only record or signal, never block or query.
 *
 * <p>While the connection is down notifications are lost; every subscriber hears {@link
 * Subscriber#lost()} then, and {@link Subscriber#listening()} each time listening (re)starts, so
 * that it can distrust or re-read whatever it may have missed.
 */
public final class PgListener implements AutoCloseable {
    /** The application name of the listening connection, as pg_stat_activity shows it. */
    public static final String APPLICATION_NAME = "kojinext-listen";
    private static final Logger log = LoggerFactory.getLogger(PgListener.class);
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** What a part of the hub does with one channel's notifications. */
    public interface Subscriber {
        void received(String payload);

        /** Listening has (re)started: anything may have happened while it was down. */
        default void listening() {
        }

        /** The connection is gone; notifications are being missed until {@link #listening()}. */
        default void lost() {
        }
    }

    private final Database database;
    private final Map<String, List<Subscriber>> channels = new LinkedHashMap<>();
    private final List<Subscriber> all = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean started;
    private volatile boolean closed;
    private volatile Connection connection;

    public PgListener(Database database) {
        this.database = database;
        this.thread = Thread.ofPlatform().daemon().name("kojinext-listen").unstarted(this::listen);
    }

    /** Adds a subscriber; only before {@link #start}, since the channels are LISTENed once per connection. */
    public synchronized void subscribe(String channel, Subscriber subscriber) {
        if (started) {
            throw new IllegalStateException("subscribe before start");
        }
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("bad channel name: " + channel);
        }
        channels.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
        all.add(subscriber);
    }

    /**
     * Starts listening and waits briefly for the first LISTEN, so that what depends on it works
     * from the first request; if the database does not answer in time the hub starts anyway.
     */
    public synchronized void start(Duration waitForListen) {
        started = true;
        thread.start();
        try {
            firstListen.await(waitForListen.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        long backoff = 100;
        while (!closed) {
            try (Connection c = database.openDedicated(APPLICATION_NAME)) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    for (String channel : channels.keySet()) {
                        st.execute("LISTEN " + channel);
                    }
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                for (Subscriber s : all) {
                    s.listening();
                }
                firstListen.countDown();
                if (backoff > 100) {
                    log.info("listening for database notifications again");
                }
                backoff = 100;
                while (!closed) {
                    PGNotification[] received = pg.getNotifications((int) POLL.toMillis());
                    if (received != null) {
                        deliver(received);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                lost();
                if (closed) {
                    break;
                }
                log.warn("not listening for database notifications ({}); retrying", e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            } finally {
                connection = null;
            }
        }
        lost();
    }

    private void deliver(PGNotification[] received) {
        for (PGNotification n : received) {
            List<Subscriber> subs = channels.get(n.getName());
            if (subs == null) {
                continue;
            }
            for (Subscriber s : subs) {
                try {
                    s.received(n.getParameter());
                } catch (RuntimeException e) {
                    log.error("subscriber of {} failed on '{}'", n.getName(), n.getParameter(), e);
                }
            }
        }
    }

    private void lost() {
        for (Subscriber s : new ArrayList<>(all)) {
            s.lost();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the listening thread sees the closed connection and stops
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
