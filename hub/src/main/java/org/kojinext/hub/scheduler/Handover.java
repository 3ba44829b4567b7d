package org.kojinext.hub.scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.kojinext.hub.auth.Session;

/**
 * The builders' held calls on this hub that a scheduler run may answer itself. A held call that
 * names the methods it opens ({@code host.waitTasks}' open) offers itself here; a run of this
 * hub's scheduler that assigns such a host work claims the call, opens the tasks and makes their
 * subsessions in its own transaction, and after the commit hands them to the call in memory. The
 * host's task then starts without the notification's trip, a wake-up and a transaction of its
 * own per builder, which in a burst queue behind each other.
 *
 * <p>Nothing here is state another hub needs: the database holds the tasks opened, and a host
 * whose held call is on another hub (or none) gets its tasks ASSIGNED and opens them itself.
 */
public final class Handover {
    private static final int WAITING = 0;
    private static final int CLAIMED = 1;
    private static final int DELIVERED = 2;
    private static final int CLOSED = 3;
    /** A claim lasts one scheduler run; a call waits no longer than this for it to settle. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

    private final Map<Integer, Taker> byHost = new ConcurrentHashMap<>();
    private final AtomicLong handedOver = new AtomicLong();

    /** Offers a held call of the host; close the result when the call ends. */
    public Taker offer(int hostId, Session session, Map<String, Double> opening, Waits.Waiter waiter) {
        Taker t = new Taker(hostId, session, Map.copyOf(opening), waiter);
        byHost.put(hostId, t);
        return t;
    }

    /** How many tasks this hub's scheduler runs have opened and handed to held calls. */
    public long handedOver() {
        return handedOver.get();
    }

    /** Whether a held call of the host is on offer now. */
    public boolean offering(int hostId) {
        return byHost.containsKey(hostId);
    }

    /** One scheduler run's claims; {@link #settle} once the run's transaction has ended. */
    Run run() {
        return new Run();
    }

    /** A held call on offer. */
    public final class Taker implements AutoCloseable {
        final int hostId;
        final Session session;
        final Map<String, Double> opening;
        private final Waits.Waiter waiter;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition settled = lock.newCondition();
        private int state = WAITING;
        private List<Map<String, Object>> delivered = List.of();

        private Taker(int hostId, Session session, Map<String, Double> opening, Waits.Waiter waiter) {
            this.hostId = hostId;
            this.session = session;
            this.opening = opening;
            this.waiter = waiter;
        }

        /** Whether a run has handed this call its tasks. */
        public boolean delivered() {
            lock.lock();
            try {
                return state == DELIVERED;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Withdraws the offer and returns what a run handed over (usually nothing). A run that has
         * claimed the call is opening tasks for it: its answer is this call's to give, so this waits
         * for the run to end.
         */
        public List<Map<String, Object>> take() {
            lock.lock();
            try {
                long left = SETTLE_LIMIT.toNanos();
                while (state == CLAIMED && left > 0) {
                    left = settled.awaitNanos(left);
                }
                state = CLOSED;
                return delivered;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                state = CLOSED;
                return delivered;
            } finally {
                lock.unlock();
                byHost.remove(hostId, this);
            }
        }

        @Override
        public void close() {
            take();
        }

        private boolean claim() {
            lock.lock();
            try {
                if (state != WAITING) {
                    return false;
                }
                state = CLAIMED;
                return true;
            } finally {
                lock.unlock();
            }
        }

        private void settle(List<Map<String, Object>> tasks) {
            lock.lock();
            try {
                if (state != CLAIMED) {
                    return;
                }
                if (tasks.isEmpty()) {
                    state = WAITING;
                } else {
                    delivered = List.copyOf(tasks);
                    state = DELIVERED;
                    handedOver.addAndGet(tasks.size());
                }
                settled.signalAll();
            } finally {
                lock.unlock();
            }
            if (!tasks.isEmpty()) {
                waiter.wake();
            }
        }
    }

    /** The calls one scheduler run claimed and what it opened for each. */
    final class Run {
        private final Map<Integer, Taker> claimed = new HashMap<>();
        private final Map<Taker, List<Map<String, Object>>> opened = new HashMap<>();

        /** The host's held call, claimed for this run, or null when none is on offer (or another run has it). */
        Taker claim(int hostId) {
            if (claimed.containsKey(hostId)) {
                return claimed.get(hostId);
            }
            Taker t = byHost.get(hostId);
            Taker got = t != null && t.claim() ? t : null;
            claimed.put(hostId, got);
            return got;
        }

        /** Records a task the run opened for a claimed call. */
        void opened(Taker t, Map<String, Object> task) {
            opened.computeIfAbsent(t, k -> new ArrayList<>()).add(task);
        }

        /**
         * Ends the run's claims: after a commit each call gets what was opened for it; after a
         * rollback (committed false) nothing, and the calls wait on as before.
         */
        void settle(boolean committed) {
            for (Taker t : claimed.values()) {
                if (t != null) {
                    t.settle(committed ? opened.getOrDefault(t, List.of()) : List.of());
                }
            }
            claimed.clear();
            opened.clear();
        }
    }
}
