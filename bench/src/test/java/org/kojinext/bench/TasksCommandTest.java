package org.kojinext.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A tiny run of {@code bench tasks}: its checks, not its timings, which depend on the machine. */
class TasksCommandTest {

    private static TasksCommand tiny() {
        TasksCommand c = new TasksCommand();
        c.builders = 2;
        c.tasks = 50;
        c.burst = 20;
        c.pauseMs = 50;
        c.makers = 4;
        c.maxjobs = 20;
        c.idleBuilders = 3;
        c.idleSeconds = 2;
        c.holdSeconds = 60;
        return c;
    }

    @Test
    void everyTaskRunsOnceAndClosesWithOneHub() throws Exception {
        TasksCommand.Result r = tiny().run(1);
        assertThat(r.notClosed()).isZero();
        assertThat(r.missing()).isZero();
        assertThat(r.runTwice()).isZero();
        assertThat(r.latency().count()).isEqualTo(50);
        assertThat(r.checksPass()).isTrue();
        // Builders that hold their call longer than the window send nothing in it.
        assertThat(r.idleRequests()).isZero();
    }

    @Test
    void tasksMadeOnBothHubsWithMulticallAllRunOnce() throws Exception {
        TasksCommand c = tiny();
        c.multicall = true;
        c.idleBuilders = 0;
        TasksCommand.Result r = c.run(2);
        assertThat(r.checksPass()).isTrue();
        assertThat(r.latency().count()).isEqualTo(50);
    }
}
