package org.kojinext.hub.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kojinext.builder.Builder;
import org.kojinext.builder.Handlers;
import org.kojinext.hub.testing.ForwardProxy;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * The held calls that carry work to a builder are plain HTTP requests, so a builder behind an
 * ordinary forward proxy, one that opens a connection per request and knows nothing of Koji,
 * still receives its tasks as they are made.
 */
class BuilderThroughProxyTest {
    @Test
    void aBuilderBehindAnHttpProxyGetsAndFinishesItsTasks() throws Exception {
        try (TestHub hub = TestHub.start(); ForwardProxy proxy = new ForwardProxy()) {
            KojiClient admin = hub.admin(Encoding.XML);
            admin.call("addChannel", "c-proxy");
            TestHosts.create(hub.jdbcUrl(), "b-proxy", "x86_64", 4.0, List.of("c-proxy"));
            Builder builder = new Builder(hub.url(), "b-proxy", TestHosts.PASSWORD, Duration.ofSeconds(2), 4,
                    Handlers.defaults()).proxy(proxy.address());
            Thread.ofVirtual().name("builder-b-proxy").start(builder);
            try {
                // First one task while the builder is idle in a held call, then a second after it.
                int first = (Integer) admin.callKw("makeTask", List.of("sleep", List.of(0)),
                        Map.of("channel", "c-proxy"));
                await().atMost(Duration.ofSeconds(30)).until(() -> state(admin, first) == 2);
                Thread.sleep(2500);
                int second = (Integer) admin.callKw("makeTask", List.of("sleep", List.of(0)),
                        Map.of("channel", "c-proxy"));
                await().atMost(Duration.ofSeconds(30)).until(() -> state(admin, second) == 2);

                assertThat(proxy.requestLines()).allSatisfy(l ->
                        assertThat(l).startsWith("POST " + hub.url()));
                assertThat(proxy.requestLines().size()).isGreaterThanOrEqualTo(4);
            } finally {
                builder.kill();
            }
        }
    }

    private static int state(KojiClient admin, int task) {
        return (Integer) ((Map<?, ?>) admin.call("getTaskInfo", task)).get("state");
    }
}
