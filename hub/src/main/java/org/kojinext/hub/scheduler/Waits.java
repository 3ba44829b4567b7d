package org.kojinext.hub.scheduler;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.kojinext.hub.events.TaskEvents.TaskChange;

/**
 * Calls held until a task change they care about is announced: a builder's long poll, a parent
 * waiting for its children, an event stream. A waiter registers before it reads the database and
 * waits after, so a change committed in between still wakes it (the permit is kept).
 *
 * <p>Waiting parks a virtual thread on a semaphore: no platform thread and no connection is held.
 */
public final class Waits {
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    /** One registration; close it when done. */
    public final class Waiter implements AutoCloseable {
        private final Predicate<TaskChange> wants;
        private final Semaphore signal = new Semaphore(0);

        private Waiter(Predicate<TaskChange> wants) {
            this.wants = wants;
        }

        /** Waits for a wanted change, or for the time to pass; true if woken. Drains pending wakeups. */
        public boolean await(Duration timeout) throws InterruptedException {
            if (timeout.isNegative() || timeout.isZero()) {
                return signal.drainPermits() > 0;
            }
            boolean woken = signal.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
            signal.drainPermits();
            return woken;
        }

        /** Wakes the waiter whatever it waits for. */
        void wake() {
            signal.release();
        }

        void offer(TaskChange change) {
            if (change == null || wants.test(change)) {
                signal.release();
            }
        }

        @Override
        public void close() {
            waiters.remove(this);
        }
    }

    public Waiter register(Predicate<TaskChange> wants) {
        Waiter w = new Waiter(wants);
        waiters.add(w);
        return w;
    }

    /** Hands a change to every waiter that wants it. */
    void announce(TaskChange change) {
        for (Waiter w : waiters) {
            w.offer(change);
        }
    }

    /** Wakes every waiter: notifications may have been missed, so each re-reads the database. */
    void wakeAll() {
        for (Waiter w : waiters) {
            w.offer(null);
        }
    }

    /** How many calls are held now. */
    public int held() {
        return waiters.size();
    }
}
