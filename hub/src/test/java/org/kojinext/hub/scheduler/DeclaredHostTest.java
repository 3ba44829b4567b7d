package org.kojinext.hub.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kojinext.builder.Builder;
import org.kojinext.builder.Handlers;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * A builder declares the arches, capacity and channels it takes; the hub's configuration of the
 * host stays the limit, so the declaration narrows it and never widens it.
 */
class DeclaredHostTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aBuilderTakesOnlyWhatItDeclaresWithinWhatTheHostWasGiven() {
        try (TestHub hub = TestHub.start()) {
            KojiClient admin = hub.admin(Encoding.XML);
            admin.call("addChannel", "c-decl-other");
            int host = TestHosts.create(hub.jdbcUrl(), "b-decl", "x86_64 aarch64", 4.0,
                    List.of("c-decl-a", "c-decl-b"));
            Builder b = new Builder(hub.url(), "b-decl", TestHosts.PASSWORD, Duration.ofSeconds(1), 10,
                    Handlers.defaults());
            b.declare("x86_64 ppc64le", 2.0, List.of("c-decl-a", "c-decl-other"));
            Thread.ofVirtual().start(b);
            try {
                int taken = make(admin, "c-decl-a", "x86_64");
                await().atMost(WAIT).until(() -> state(admin, taken) == 2);
                assertThat(((Map<?, ?>) admin.call("getTaskInfo", taken)).get("host_id")).isEqualTo(host);

                long runs = hub.hub().dispatch().runs();
                int otherArch = make(admin, "c-decl-a", "aarch64");
                int otherChannel = make(admin, "c-decl-b", "x86_64");
                // Declared, but never given to the host by an admin: neither the channel nor the arch.
                int notGiven = make(admin, "c-decl-other", "x86_64");
                int notGivenArch = make(admin, "c-decl-a", "ppc64le");
                await().atMost(WAIT).until(() -> hub.hub().dispatch().runs() > runs + 1);
                int after = make(admin, "c-decl-a", "noarch");
                await().atMost(WAIT).until(() -> state(admin, after) == 2);
                for (int t : List.of(otherArch, otherChannel, notGiven, notGivenArch)) {
                    assertThat(state(admin, t)).as("task %d", t).isZero();
                }
            } finally {
                b.kill();
            }
        }
    }

    @Test
    void aDeclaredCapacityOnlyLowersTheHosts() {
        assertThat(Declared.of(Map.of("capacity", 2.0)).capacity(4.0)).isEqualTo(2.0);
        assertThat(Declared.of(Map.of("capacity", 8.0)).capacity(4.0)).isEqualTo(4.0);
        assertThat(Declared.of(Map.of()).capacity(4.0)).isEqualTo(4.0);
        assertThat(Declared.of(Map.of("arches", "x86_64")).arches(List.of("x86_64", "aarch64", "noarch")))
                .containsExactly("x86_64", "noarch");
    }

    private static int make(KojiClient admin, String channel, String arch) {
        return (Integer) admin.callKw("makeTask", List.of("sleep", List.of(0)), Map.of("channel", channel, "arch", arch));
    }

    private static int state(KojiClient admin, int task) {
        return (Integer) ((Map<?, ?>) admin.call("getTaskInfo", task)).get("state");
    }
}
