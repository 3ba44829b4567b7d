package org.kojinext.hub.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.builder.Builder;
import org.kojinext.hub.config.DispatchConfig;
import org.kojinext.hub.events.TaskEvents;
import org.kojinext.hub.tasks.TaskState;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/** Tasks reaching builders through held calls, with the shipped builder's code in-process. */
class DispatchTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestHub hub;
    private static KojiClient admin;
    private TestBuilders builders = new TestBuilders();

    @BeforeAll
    static void start() {
        hub = TestHub.start(DispatchConfig.DEFAULT.withHostTimeout(Duration.ofSeconds(3)));
        admin = hub.admin(Encoding.XML);
        // Hosts of other tests must not take this class's tasks: each test uses its own channel.
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @AfterEach
    void stopBuilders() {
        builders.close();
        builders = new TestBuilders();
    }

    private static int task(String method, List<Object> args, String channel) {
        return (Integer) admin.callKw("makeTask", List.of(method, args), Map.of("channel", channel));
    }

    private static Map<?, ?> info(int id) {
        return (Map<?, ?>) admin.call("getTaskInfo", id);
    }

    private static int state(int id) {
        return (Integer) info(id).get("state");
    }

    private static void channel(String name) {
        admin.call("addChannel", name);
    }

    /** A host's session driven by the test: exclusive, and ready through one held call that returns at once. */
    private static KojiClient byHand(String host) {
        KojiClient h = hub.client(Encoding.JSON);
        h.login(host, TestHosts.PASSWORD);
        h.call("exclusiveSession", true);
        h.callKw("host.waitTasks", List.of(), Map.of("timeout", 0));
        return h;
    }

    @Test
    void aSleepTaskRunsOnABuilderAndCloses() {
        channel("c-sleep");
        int host = TestHosts.create(hub.jdbcUrl(), "b-sleep", "x86_64", 4.0, List.of("c-sleep"));
        builders.start(hub.url(), "b-sleep");
        int id = task("sleep", List.of(0), "c-sleep");
        await().atMost(WAIT).until(() -> state(id) == 2);
        assertThat(info(id).get("host_id")).isEqualTo(host);
        assertThat(admin.call("getTaskResult", id)).isNull();
    }

    @Test
    void aBuilderKilledMidTaskHasItsTaskReassignedAndItsLateResultRefused() {
        channel("c-kill");
        int first = TestHosts.create(hub.jdbcUrl(), "b-kill-1", "x86_64", 4.0, List.of("c-kill"));
        Builder victim = builders.start(hub.url(), "b-kill-1");
        int id = task("sleep", List.of(600), "c-kill");
        await().atMost(WAIT).until(() -> state(id) == 1);
        assertThat(info(id).get("host_id")).isEqualTo(first);
        // A second client of the same host, as the dead builder's task process would be.
        KojiClient late = hub.client(Encoding.XML);
        late.login("b-kill-1", TestHosts.PASSWORD);
        victim.kill();
        int second = TestHosts.create(hub.jdbcUrl(), "b-kill-2", "x86_64", 4.0, List.of("c-kill"));
        builders.start(hub.url(), "b-kill-2");
        await().atMost(WAIT).until(() -> state(id) == 1 && Integer.valueOf(second).equals(info(id).get("host_id")));
        late.call("exclusiveSession", true);
        assertThatThrownBy(() -> late.call("host.closeTask", id,
                "<?xml version='1.0'?><methodResponse><params><param><value><nil/></value></param></params></methodResponse>"))
                .isInstanceOfSatisfying(KojiFault.class, f -> {
                    assertThat(f.code()).isEqualTo(1004);
                    assertThat(f.getMessage()).isEqualTo("host " + first + " does not own task " + id);
                });
    }

    @Test
    void channelsAndArchesDecideWhichHostRunsATask() {
        channel("c-arch");
        channel("c-other");
        int x86 = TestHosts.create(hub.jdbcUrl(), "b-x86", "x86_64", 4.0, List.of("c-arch"));
        int arm = TestHosts.create(hub.jdbcUrl(), "b-arm", "aarch64", 4.0, List.of("c-arch"));
        TestHosts.create(hub.jdbcUrl(), "b-elsewhere", "x86_64 aarch64 ppc64le", 4.0, List.of("c-other"));
        builders.start(hub.url(), "b-x86");
        builders.start(hub.url(), "b-arm");
        builders.start(hub.url(), "b-elsewhere");
        int onArm = (Integer) admin.callKw("makeTask", List.of("sleep", List.of(0)),
                Map.of("channel", "c-arch", "arch", "aarch64"));
        int onX86 = (Integer) admin.callKw("makeTask", List.of("sleep", List.of(0)),
                Map.of("channel", "c-arch", "arch", "x86_64"));
        int nowhere = (Integer) admin.callKw("makeTask", List.of("sleep", List.of(0)),
                Map.of("channel", "c-arch", "arch", "ppc64le"));
        await().atMost(WAIT).until(() -> state(onArm) == 2 && state(onX86) == 2);
        assertThat(info(onArm).get("host_id")).isEqualTo(arm);
        assertThat(info(onX86).get("host_id")).isEqualTo(x86);
        long runs = hub.hub().dispatch().runs();
        admin.call("freeTask", nowhere);
        await().atMost(WAIT).until(() -> hub.hub().dispatch().runs() > runs);
        assertThat(state(nowhere)).isZero();
    }

    @Test
    void aHostGetsNoMoreThanItsCapacityAndARefusedTaskGoesElsewhere() {
        channel("c-cap");
        int small = TestHosts.create(hub.jdbcUrl(), "b-cap", "x86_64", 2.0, List.of("c-cap"));
        // A host driven by hand: ready through its held call, never opening what it gets.
        KojiClient h = byHand("b-cap");
        int a = task("sleep", List.of(0), "c-cap");
        int b = task("sleep", List.of(0), "c-cap");
        int c = task("sleep", List.of(0), "c-cap");
        // Capacity 2 and weight 1: the third does not fit (Koji's capacity - load > 0 rule).
        await().atMost(WAIT).until(() -> state(a) == 4 && state(b) == 4);
        long runs = hub.hub().dispatch().runs();
        admin.call("freeTask", c);
        await().atMost(WAIT).until(() -> hub.hub().dispatch().runs() > runs);
        assertThat(state(c)).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> got = (Map<String, Object>) h.callKw("host.waitTasks", List.of(), Map.of("timeout", 0));
        assertThat((List<?>) got.get("assigned")).hasSize(2);
        // Refused by hand: the task goes back to FREE and never to this host again.
        h.call("host.refuseTask", a, false, "not today");
        await().atMost(WAIT).until(() -> state(c) == 4);
        assertThat(info(c).get("host_id")).isEqualTo(small);
        assertThat(state(a)).isZero();
        int other = TestHosts.create(hub.jdbcUrl(), "b-cap-2", "x86_64", 2.0, List.of("c-cap"));
        builders.start(hub.url(), "b-cap-2");
        await().atMost(WAIT).until(() -> state(a) == 2);
        assertThat(info(a).get("host_id")).isEqualTo(other);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHeldCallOpensWhatItHandsOverAndAHostsOwnReportIsNotALoss() {
        channel("c-open");
        int host = TestHosts.create(hub.jdbcUrl(), "b-open", "x86_64", 4.0, List.of("c-open"));
        KojiClient h = byHand("b-open");
        int sleeper = task("sleep", List.of(0), "c-open");
        int other = task("waittest", List.of(1, 0), "c-open");
        await().atMost(WAIT).until(() -> state(sleeper) == 4 && state(other) == 4);

        // Only the methods named in open are opened, with their weight and a subsession each.
        Map<String, Object> got = (Map<String, Object>) h.callKw("host.waitTasks", List.of(),
                Map.of("timeout", 0, "open", Map.of("sleep", 2.5)));
        List<Map<String, Object>> opened = (List<Map<String, Object>>) got.get("opened");
        assertThat(opened).hasSize(1);
        Map<String, Object> one = opened.getFirst();
        assertThat(one).containsEntry("id", sleeper).containsEntry("state", 1).containsEntry("host_id", host)
                .containsEntry("weight", 2.5).containsEntry("method", "sleep");
        assertThat((String) one.get("request")).contains("<int>0</int>");
        assertThat(((List<Map<String, Object>>) got.get("assigned")).stream().map(t -> t.get("id")))
                .containsExactly(other);
        assertThat(info(sleeper).get("state")).isEqualTo(1);
        assertThat(info(sleeper).get("weight")).isEqualTo(2.5);
        assertThat(info(sleeper).get("start_ts")).isNotNull();
        h.call("host.refuseTask", other, false, "not this one");

        // The subsession reports the task; a held call that still lists it does not call it lost.
        Map<?, ?> sub = (Map<?, ?>) one.get("session");
        KojiClient task = hub.client(Encoding.XML);
        task.setSession((Integer) sub.get("session-id"), (String) sub.get("session-key"));
        task.call("host.closeTask", sleeper, "<?xml version='1.0'?><methodResponse><params><param>"
                + "<value><int>0</int></value></param></params></methodResponse>");
        assertThat(state(sleeper)).isEqualTo(2);
        got = (Map<String, Object>) h.callKw("host.waitTasks", List.of(),
                Map.of("timeout", 0, "running", List.of(sleeper)));
        assertThat((List<?>) got.get("lost")).isEmpty();
        // A task canceled under it is.
        int canceled = task("sleep", List.of(0), "c-open");
        await().atMost(WAIT).until(() -> state(canceled) == 4);
        got = (Map<String, Object>) h.callKw("host.waitTasks", List.of(),
                Map.of("timeout", 0, "open", Map.of("sleep", 1.0)));
        assertThat(((List<Map<String, Object>>) got.get("opened")).getFirst()).containsEntry("id", canceled);
        admin.call("cancelTask", canceled);
        got = (Map<String, Object>) h.callKw("host.waitTasks", List.of(),
                Map.of("timeout", 0, "running", List.of(sleeper, canceled)));
        assertThat((List<Object>) got.get("lost")).containsExactly(canceled);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSchedulerRunOpensTheTaskForAHeldCallOnItsHubAndHandsItOver() throws Exception {
        channel("c-handover");
        int host = TestHosts.create(hub.jdbcUrl(), "b-handover", "x86_64", 4.0, List.of("c-handover"));
        KojiClient h = byHand("b-handover");
        Handover handover = hub.hub().dispatch().handover();
        long before = handover.handedOver();
        var held = java.util.concurrent.CompletableFuture.supplyAsync(() -> (Map<String, Object>) h.callKw(
                "host.waitTasks", List.of(), Map.of("timeout", 20, "open", Map.of("sleep", 1.5))));
        await().atMost(WAIT).until(() -> handover.offering(host));
        int t = task("sleep", List.of(0), "c-handover");

        Map<String, Object> got = held.get(30, java.util.concurrent.TimeUnit.SECONDS);
        List<Map<String, Object>> opened = (List<Map<String, Object>>) got.get("opened");
        assertThat(opened).hasSize(1);
        assertThat(opened.getFirst()).containsEntry("id", t).containsEntry("state", 1).containsEntry("host_id", host)
                .containsEntry("weight", 1.5).containsEntry("method", "sleep");
        assertThat((String) opened.getFirst().get("request")).contains("<int>0</int>");
        assertThat(handover.handedOver()).as("opened by the run, not by the call").isEqualTo(before + 1);
        assertThat(handover.offering(host)).isFalse();
        assertThat(info(t).get("state")).isEqualTo(1);
        assertThat(info(t).get("weight")).isEqualTo(1.5);
        assertThat(info(t).get("start_ts")).isNotNull();
        // The subsession made in the run's transaction is the task's own.
        Map<?, ?> sub = (Map<?, ?>) opened.getFirst().get("session");
        KojiClient task = hub.client(Encoding.XML);
        task.setSession((Integer) sub.get("session-id"), (String) sub.get("session-key"));
        task.call("host.closeTask", t, "<?xml version='1.0'?><methodResponse><params><param>"
                + "<value><int>0</int></value></param></params></methodResponse>");
        assertThat(state(t)).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOpenTaskItsBuilderDoesNotKnowIsFreedByTheNextHeldCallAndGoesOutAgain() {
        channel("c-unknown");
        TestHosts.create(hub.jdbcUrl(), "b-unknown", "x86_64", 4.0, List.of("c-unknown"));
        KojiClient h = byHand("b-unknown");
        int t = task("sleep", List.of(0), "c-unknown");
        await().atMost(WAIT).until(() -> state(t) == 4);
        Map<String, Object> got = (Map<String, Object>) h.callKw("host.waitTasks", List.of(),
                Map.of("timeout", 0, "open", Map.of("sleep", 1.0)));
        assertThat(((List<Map<String, Object>>) got.get("opened")).getFirst()).containsEntry("id", t);
        assertThat(state(t)).isEqualTo(1);
        // That answer never reached the builder: its next call does not list the task as running.
        got = (Map<String, Object>) h.callKw("host.waitTasks", List.of(),
                Map.of("timeout", 0, "open", Map.of("sleep", 1.0), "running", List.of()));
        assertThat((List<?>) got.get("opened")).isEmpty();
        assertThat(state(t)).as("freed, or assigned again").isIn(0, 4);
        await().atMost(WAIT).until(() -> state(t) == 4);
        got = (Map<String, Object>) h.callKw("host.waitTasks", List.of(),
                Map.of("timeout", 0, "open", Map.of("sleep", 1.0), "running", List.of()));
        assertThat(((List<Map<String, Object>>) got.get("opened")).getFirst()).containsEntry("id", t);
        // A builder that does not have the hub open its tasks keeps Koji's ways: nothing is freed.
        got = (Map<String, Object>) h.callKw("host.waitTasks", List.of(), Map.of("timeout", 0));
        assertThat(state(t)).isEqualTo(1);
    }

    @Test
    void aMalformedOpenArgumentIsAParameterErrorAndOpensNothing() {
        channel("c-badopen");
        TestHosts.create(hub.jdbcUrl(), "b-badopen", "x86_64", 4.0, List.of("c-badopen"));
        KojiClient h = byHand("b-badopen");
        int t = task("sleep", List.of(0), "c-badopen");
        await().atMost(WAIT).until(() -> state(t) == 4);
        assertThatThrownBy(() -> h.callKw("host.waitTasks", List.of(), Map.of("timeout", 0, "open", "sleep")))
                .isInstanceOfSatisfying(KojiFault.class, f -> {
                    assertThat(f.code()).isEqualTo(FaultCode.PARAMETER.code());
                    assertThat(f.getMessage()).isEqualTo("Invalid type for value 'sleep': expected dict");
                });
        assertThatThrownBy(() -> h.callKw("host.waitTasks", List.of(),
                Map.of("timeout", 0, "open", Map.of("sleep", -1))))
                .isInstanceOfSatisfying(KojiFault.class, f -> {
                    assertThat(f.code()).isEqualTo(FaultCode.PARAMETER.code());
                    assertThat(f.getMessage()).isEqualTo("Invalid weight for sleep: -1");
                });
        // Only a host's builder may hold the call: an admin is refused before anything is offered.
        assertThatThrownBy(() -> admin.callKw("host.waitTasks", List.of(),
                Map.of("timeout", 0, "open", Map.of("sleep", 1.0))))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.getMessage()).matches("User \\d+ is not a host"));
        // Nothing was opened, and the session goes on (the failed calls wrote nothing).
        assertThat(state(t)).isEqualTo(4);
        assertThat(h.call("host.getID")).isNotNull();
    }

    @Test
    void aHeldCallWakesForNewsOnlyNotForItsHostsOwnOpeningAndReporting() {
        Set<Integer> running = Set.of(7);
        assertThat(HostTasks.concerns(change(9, TaskState.ASSIGNED, 1), 1, running)).as("assigned to it").isTrue();
        assertThat(HostTasks.concerns(change(9, TaskState.ASSIGNED, 2), 1, running)).as("to another").isFalse();
        assertThat(HostTasks.concerns(change(7, TaskState.OPEN, 1), 1, running)).as("its own opening").isFalse();
        assertThat(HostTasks.concerns(change(7, TaskState.CLOSED, 1), 1, running)).as("its own close").isFalse();
        assertThat(HostTasks.concerns(change(7, TaskState.FAILED, 1), 1, running)).as("its own failure").isFalse();
        assertThat(HostTasks.concerns(change(7, TaskState.CANCELED, 1), 1, running)).as("canceled").isTrue();
        assertThat(HostTasks.concerns(change(7, TaskState.FREE, null), 1, running)).as("freed").isTrue();
        assertThat(HostTasks.concerns(change(7, TaskState.ASSIGNED, 2), 1, running)).as("reassigned").isTrue();
        assertThat(HostTasks.concerns(change(8, TaskState.CANCELED, 1), 1, running)).as("not running").isFalse();
    }

    private static TaskEvents.TaskChange change(int id, TaskState state, Integer host) {
        return new TaskEvents.TaskChange(id, state.code(), host, null, null, 0, false);
    }

    @Test
    void taskWaitWakesTheParentWhenItsChildrenFinish() {
        channel("c-wait");
        TestHosts.create(hub.jdbcUrl(), "b-wait", "x86_64", 4.0, List.of("c-wait"));
        builders.start(hub.url(), "b-wait");
        int parent = task("waittest", List.of(3, 0), "c-wait");
        await().atMost(WAIT).until(() -> state(parent) == 2);
        List<?> children = (List<?>) admin.call("getTaskChildren", parent);
        assertThat(children).hasSize(4);
        List<Object> states = children.stream().map(c -> (Object) ((Map<?, ?>) c).get("state")).toList();
        assertThat(states).containsExactlyInAnyOrder(2, 2, 2, 5);
    }

    @Test
    void aCanceledParentCancelsItsChildrenAndTheBuilderStopsThem() {
        channel("c-cancel");
        TestHosts.create(hub.jdbcUrl(), "b-cancel", "x86_64", 4.0, List.of("c-cancel"));
        Builder b = builders.start(hub.url(), "b-cancel");
        int parent = task("waittest", List.of(2, 600), "c-cancel");
        await().atMost(WAIT).until(() -> ((List<?>) admin.call("getTaskChildren", parent)).stream()
                .filter(c -> Integer.valueOf(1).equals(((Map<?, ?>) c).get("state"))).count() == 2);
        admin.call("cancelTask", parent);
        // The child with a bad argument may have failed already; the sleepers are canceled.
        List<Object> states = ((List<?>) admin.call("getTaskChildren", parent)).stream()
                .filter(c -> !"bad".equals(((Map<?, ?>) c).get("label")))
                .map(c -> (Object) ((Map<?, ?>) c).get("state")).toList();
        assertThat(states).containsExactly(3, 3);
        assertThat(state(parent)).isEqualTo(3);
        await().atMost(WAIT).until(() -> b.running().isEmpty());
        int stillOpen = TestHosts.db(hub.jdbcUrl(), d -> d.fetchCount(TASK, TASK.PARENT.eq(parent).and(TASK.STATE.eq(1))));
        assertThat(stillOpen).isZero();
    }

    @Test
    void aHostJoiningTheChannelTakesTheWaitingTaskAtOnce() {
        channel("c-join");
        TestHosts.create(hub.jdbcUrl(), "b-join", "x86_64", 4.0, List.of());
        builders.start(hub.url(), "b-join");
        int id = task("sleep", List.of(0), "c-join");
        long runs = hub.hub().dispatch().runs();
        admin.call("freeTask", id);
        await().atMost(WAIT).until(() -> hub.hub().dispatch().runs() > runs);
        assertThat(state(id)).isZero();
        admin.call("addHostToChannel", "b-join", "c-join");
        await().atMost(WAIT).until(() -> state(id) == 2);
    }
}
