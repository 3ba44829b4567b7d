package org.kojinext.hub.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.auth.Session;

/** The claims between scheduler runs and held calls, without a database. */
class HandoverTest {
    private final Handover handover = new Handover();
    private final Waits waits = new Waits();
    private static final Session SESSION = new Session(5, 3, "b1", 1, 0, null, true, null, 1, "-", false, 9);

    private Handover.Taker offer(Waits.Waiter w) {
        return handover.offer(9, SESSION, Map.of("sleep", 1.0), w);
    }

    @Test
    void aCommittedRunHandsItsTasksToTheCallAndWakesIt() throws Exception {
        Waits.Waiter w = waits.register(c -> false);
        Handover.Taker t = offer(w);
        Handover.Run run = handover.run();
        assertThat(run.claim(9)).isSameAs(t);
        assertThat(handover.run().claim(9)).as("claimed by another run").isNull();
        run.opened(t, Map.of("id", 1));
        run.settle(true);
        assertThat(t.delivered()).isTrue();
        assertThat(w.await(Duration.ofMillis(1))).as("woken").isTrue();
        assertThat(t.take()).containsExactly(Map.of("id", 1));
        assertThat(handover.handedOver()).isEqualTo(1);
        assertThat(handover.offering(9)).isFalse();
        assertThat(handover.run().claim(9)).as("a taken call").isNull();
    }

    @Test
    void aRunThatDoesNotCommitLeavesTheCallWaitingForTheNext() throws Exception {
        Waits.Waiter w = waits.register(c -> false);
        Handover.Taker t = offer(w);
        Handover.Run run = handover.run();
        run.opened(run.claim(9), Map.of("id", 1));
        run.settle(false);
        assertThat(t.delivered()).isFalse();
        assertThat(w.await(Duration.ZERO)).as("not woken").isFalse();
        Handover.Run next = handover.run();
        assertThat(next.claim(9)).isSameAs(t);
        // A claimed call that gets nothing opened waits on as well.
        next.settle(true);
        assertThat(t.delivered()).isFalse();
        assertThat(handover.run().claim(9)).isSameAs(t);
        assertThat(handover.handedOver()).isZero();
    }

    @Test
    void aCallEndingWhileARunHoldsItWaitsForTheRunsTasks() throws Exception {
        Handover.Taker t = offer(waits.register(c -> false));
        Handover.Run run = handover.run();
        run.claim(9);
        CompletableFuture<List<Map<String, Object>>> taken = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> taken.complete(t.take()));
        Thread.sleep(50);
        assertThat(taken).as("waits for the run").isNotDone();
        run.opened(t, Map.of("id", 2));
        run.settle(true);
        assertThat(taken.get(5, TimeUnit.SECONDS)).containsExactly(Map.of("id", 2));
    }

    @Test
    void aNewCallOfTheHostReplacesTheOldOneWhoseEndLeavesItOnOffer() {
        Handover.Taker old = offer(waits.register(c -> false));
        Handover.Taker fresh = offer(waits.register(c -> false));
        assertThat(old.take()).isEmpty();
        assertThat(handover.offering(9)).isTrue();
        assertThat(handover.run().claim(9)).isSameAs(fresh);
    }
}
