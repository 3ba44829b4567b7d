package org.kojinext.hub.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.testing.Replies.map;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * getBuild answers from a cache, so it must never answer what is no longer true: not after this
 * hub's own change, nor another hub's, nor an administrator's SQL.
 */
class BuildCacheTest {
    @Test
    void getBuildSeesEveryChangeWhereverItWasMade() throws Exception {
        try (TestHub a = TestHub.start();
             TestHub b = TestHub.startOn(a.jdbcUrl(), Duration.ofMinutes(1440))) {
            KojiClient adminA = a.admin(Encoding.XML);
            KojiClient adminB = b.admin(Encoding.XML);
            adminA.call("createUser", "alice", null, null);
            adminA.call("createUser", "bob", null, null);
            String nvr = "cached-1.0-1";
            assertThat(adminA.call("getBuild", nvr)).isNull();
            int id = (Integer) adminA.call("createEmptyBuild", "cached", "1.0", "1", null);
            // A miss was cached a moment ago; the build made since is seen at once on the same hub.
            assertThat(map(adminA.call("getBuild", nvr))).containsEntry("id", id).containsEntry("owner_name", "kojiadmin");
            assertThat(map(adminA.call("getBuild", id))).containsEntry("owner_name", "kojiadmin");

            // This hub's own write: read back at once, no waiting for a notification.
            adminA.call("setBuildOwner", nvr, "alice");
            assertThat(map(adminA.call("getBuild", nvr))).containsEntry("owner_name", "alice");

            // Another hub's write reaches this hub's cache through PostgreSQL.
            adminB.call("setBuildOwner", id, "bob");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(map(adminA.call("getBuild", nvr))).containsEntry("owner_name", "bob"));

            // So does a change no hub made.
            try (Connection c = DriverManager.getConnection(a.jdbcUrl(), "postgres", null)) {
                DSL.using(c).update(BUILD).set(BUILD.STATE, BuildState.DELETED.code()).where(BUILD.ID.eq(id)).execute();
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(map(adminA.call("getBuild", id))).containsEntry("state", BuildState.DELETED.code()));
        }
    }
}
