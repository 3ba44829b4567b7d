package org.kojinext.hub.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.config.DispatchConfig;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPostgres;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/** Several hubs on one database, and a hub restarted under its builders. */
class HubsAndRestartsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static int state(KojiClient c, int id) {
        return (Integer) ((Map<?, ?>) c.call("getTaskInfo", id)).get("state");
    }

    @Test
    void aTaskMadeOnOneHubRunsOnABuilderOfAnother() {
        try (TestHub a = TestHub.start();
             TestHub b = TestHub.startOn(a.jdbcUrl(), Duration.ofMinutes(1440));
             TestBuilders builders = new TestBuilders()) {
            int host = TestHosts.create(a.jdbcUrl(), "b-far", "x86_64", 4.0, List.of("default"));
            builders.start(b.url(), "b-far");
            KojiClient admin = a.admin(Encoding.XML);
            int id = (Integer) admin.call("makeTask", "sleep", List.of(0));
            await().atMost(WAIT).until(() -> state(admin, id) == 2);
            assertThat(((Map<?, ?>) admin.call("getTaskInfo", id)).get("host_id")).isEqualTo(host);
        }
    }

    @Test
    void aRestartedHubDispatchesEveryPendingTaskToBuildersThatReconnect() throws IOException {
        String db = TestPostgres.newDatabase();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<Integer> tasks = new ArrayList<>();
        try (TestHub first = TestHub.startOn(db, Duration.ofMinutes(1440), DispatchConfig.DEFAULT, port)) {
            TestHosts.create(db, "b-restart", "x86_64", 4.0, List.of("default"));
            KojiClient admin = first.admin(Encoding.XML);
            for (int i = 0; i < 5; i++) {
                tasks.add((Integer) admin.call("makeTask", "sleep", List.of(0)));
            }
        }
        try (TestBuilders builders = new TestBuilders()) {
            // The builder starts while no hub answers, and keeps trying.
            builders.start(URI.create("http://127.0.0.1:" + port + "/kojihub"), "b-restart");
            try (TestHub second = TestHub.startOn(db, Duration.ofMinutes(1440), DispatchConfig.DEFAULT, port)) {
                KojiClient admin = second.admin(Encoding.XML);
                await().atMost(WAIT).until(() -> tasks.stream().allMatch(id -> state(admin, id) == 2));
            }
        }
    }
}
