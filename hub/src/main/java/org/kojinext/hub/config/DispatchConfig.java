package org.kojinext.hub.config;

import java.time.Duration;

/**
 * How the scheduler assigns tasks and when it gives up on a builder. Koji's hub.conf names are in
 * brackets; the defaults are Koji 1.34's.
 *
 * @param assignTimeout an ASSIGNED task not opened within this is freed (AssignTimeout, 300 s)
 * @param hostTimeout an OPEN task whose host has not been heard from within this is freed and its
 *     late results refused (HostTimeout, 900 s)
 * @param readyTimeout a ready host not heard from within this is marked not ready (ReadyTimeout, 180 s)
 * @param softRefusalTimeout a soft refusal stops counting after this (SoftRefusalTimeout, 900 s)
 * @param capacityOvercommit how far a task's weight may exceed a host's free capacity
 *     (CapacityOvercommit, 5)
 * @param maxJobs most tasks per host when the host does not say (MaxJobs, 15)
 * @param holdTimeout longest a {@code host.waitTasks} call waits for work before answering empty;
 *     an idle builder sends about one request per this (Koji Next's own; default 90 s)
 */
public record DispatchConfig(Duration assignTimeout, Duration hostTimeout, Duration readyTimeout,
                             Duration softRefusalTimeout, double capacityOvercommit, int maxJobs,
                             Duration holdTimeout) {
    public static final DispatchConfig DEFAULT = new DispatchConfig(Duration.ofSeconds(300),
            Duration.ofSeconds(900), Duration.ofSeconds(180), Duration.ofSeconds(900), 5.0, 15,
            Duration.ofSeconds(90));

    public DispatchConfig withHostTimeout(Duration d) {
        return new DispatchConfig(assignTimeout, d, readyTimeout, softRefusalTimeout, capacityOvercommit, maxJobs,
                holdTimeout);
    }

    public DispatchConfig withAssignTimeout(Duration d) {
        return new DispatchConfig(d, hostTimeout, readyTimeout, softRefusalTimeout, capacityOvercommit, maxJobs,
                holdTimeout);
    }

    public DispatchConfig withHoldTimeout(Duration d) {
        return new DispatchConfig(assignTimeout, hostTimeout, readyTimeout, softRefusalTimeout, capacityOvercommit,
                maxJobs, d);
    }

    /**
     * How stale a host's update_time may get before a held call writes it again: a busy builder
     * makes several held calls a second, and a write (and WAL flush) for each bought nothing. A
     * tenth of the timeouts that read it, at most 5 s.
     */
    public Duration heartbeatInterval() {
        long shortest = Math.min(hostTimeout.toMillis(), readyTimeout.toMillis());
        return Duration.ofMillis(Math.min(5_000, shortest / 10));
    }

    /** How often the hub looks for timed-out assignments and silent hosts: a fraction of the shortest timeout. */
    public Duration sweepInterval() {
        long shortest = Math.min(assignTimeout.toMillis(), Math.min(hostTimeout.toMillis(), readyTimeout.toMillis()));
        return Duration.ofMillis(Math.max(200, Math.min(30_000, shortest / 4)));
    }
}
