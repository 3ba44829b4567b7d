package org.kojinext.hub.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.kojinext.hub.db.jooq.Tables.HOST;
import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.events.TaskEvents;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

class HostIdentityTest {
    private static TestHub hub;
    private static int hostId;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        hostId = TestHosts.create(hub.jdbcUrl(), "builder-a", "x86_64", 4.0, List.of("default"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static KojiClient host(Encoding enc) {
        return host("builder-a", enc);
    }

    private static KojiClient host(String name, Encoding enc) {
        KojiClient c = hub.client(enc);
        c.login(name, TestHosts.PASSWORD);
        return c;
    }

    @Test
    void heldCallsRefreshTheHeartbeatOnlyWhenItIsStaleOrReadyChanges() throws Exception {
        TestHosts.create(hub.jdbcUrl(), "builder-hb", "x86_64", 2.0, List.of("default"));
        KojiClient c = host("builder-hb", Encoding.XML);
        c.call("exclusiveSession", true);
        Map<String, Object> now = Map.of("timeout", 0.0);
        c.callKw("host.waitTasks", List.of(), now);
        Object first = ((Map<?, ?>) c.call("getHost", "builder-hb")).get("update_ts");
        assertThat(first).isNotNull();
        // Within the default heartbeat interval (5 s): a second held call writes nothing.
        c.callKw("host.waitTasks", List.of(), now);
        assertThat(((Map<?, ?>) c.call("getHost", "builder-hb")).get("update_ts")).isEqualTo(first);
        // A change of ready is written at once, whatever the age of the heartbeat.
        c.callKw("host.waitTasks", List.of(), Map.of("timeout", 0.0, "ready", false));
        Map<?, ?> h = (Map<?, ?>) c.call("getHost", "builder-hb");
        assertThat(h.get("ready")).isEqualTo(false);
        assertThat((Double) h.get("update_ts")).isGreaterThan((Double) first);
    }

    @Test
    void hostCallsNeedAHostUserWithAnExclusiveSession() {
        assertThatThrownBy(() -> hub.client(Encoding.XML).call("host.getID"))
                .isInstanceOfSatisfying(KojiFault.class, f -> {
                    assertThat(f.code()).isEqualTo(1002);
                    assertThat(f.getMessage()).isEqualTo("Not logged-in");
                });
        KojiClient admin = hub.admin(Encoding.XML);
        assertThatThrownBy(() -> admin.call("host.getID"))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.getMessage()).matches("User \\d+ is not a host"));
        int other = TestHosts.create(hub.jdbcUrl(), "builder-x", "x86_64", 2.0, List.of("default"));
        KojiClient shared = host("builder-x", Encoding.XML);
        assertThatThrownBy(() -> shared.call("host.getID"))
                .isInstanceOfSatisfying(KojiFault.class, f -> {
                    assertThat(f.code()).isEqualTo(1002);
                    assertThat(f.getMessage()).isEqualTo("This method requires an exclusive session");
                });
        shared.call("exclusiveSession", true);
        assertThat(shared.call("host.getID")).isEqualTo(other);
        // A subsession of the exclusive session acts for the host too, as kojid's task processes do.
        Map<?, ?> sub = (Map<?, ?>) shared.call("subsession");
        KojiClient child = hub.client(Encoding.JSON);
        child.setSession((Integer) sub.get("session-id"), (String) sub.get("session-key"));
        assertThat(child.call("host.getID")).isEqualTo(other);
    }

    @Test
    void updateHostRecordsLoadReadinessAndData() {
        KojiClient c = host(Encoding.JSON);
        c.call("exclusiveSession", true);
        c.call("host.updateHost", 1.5, true, Map.of("methods", List.of("sleep"), "maxjobs", 3));
        var row = TestHosts.db(hub.jdbcUrl(), d -> d.selectFrom(HOST).where(HOST.ID.eq(hostId)).fetchOne());
        assertThat(row.getTaskLoad()).isEqualTo(1.5);
        assertThat(row.getReady()).isTrue();
        assertThat(row.getUpdateTime()).isNotNull();
        assertThat(data())
                .containsEntry("maxjobs", 3).containsEntry("methods", List.of("sleep"));
        c.call("host.setHostData", "{\"maxjobs\": 5}");
        assertThat(data()).isEqualTo(Map.of("maxjobs", 5));
    }

    private static Map<String, Object> data() {
        return TestHosts.<Map<String, Object>>db(hub.jdbcUrl(), d -> HostReports.data(d, hostId));
    }

    @Test
    void everyTaskRowChangeIsAnnouncedWhoeverWritesIt() {
        List<TaskEvents.TaskChange> seen = new CopyOnWriteArrayList<>();
        hub.hub().dispatch().waits().register(seen::add);
        int task = TestHosts.db(hub.jdbcUrl(), d -> d.insertInto(TASK).set(TASK.STATE, 0).set(TASK.CHANNEL_ID, 1)
                .set(TASK.OWNER, 1).set(TASK.METHOD, "sleep").set(TASK.ARCH, "noarch").set(TASK.PRIORITY, 20)
                .returning(TASK.ID).fetchOne().getId());
        TestHosts.db(hub.jdbcUrl(), d -> d.update(TASK).set(TASK.STATE, 4).set(TASK.HOST_ID, hostId)
                .where(TASK.ID.eq(task)).execute());
        TestHosts.db(hub.jdbcUrl(), d -> d.update(TASK).set(TASK.WEIGHT, 2.0).where(TASK.ID.eq(task)).execute());
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 2);
        assertThat(seen.get(0)).isEqualTo(new TaskEvents.TaskChange(task, 0, null, null, null, 20, true));
        assertThat(seen.get(1)).isEqualTo(new TaskEvents.TaskChange(task, 4, hostId, null, null, 20, false));
        // A weight change alone is not announced.
        assertThat(seen).hasSize(2);
    }
}
