package org.kojinext.hub.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.builds.BuildFixtures.rows;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/** listBuilds' filters and queryOpts on a fixed set of builds. */
class ListBuildsTest {
    private static TestHub hub;
    private static KojiClient admin;
    private static int a1;
    private static int a2;
    private static int b1;
    private static int failed;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        admin.callKw("createUser", List.of("lister"), Map.of("password", "pw"));
        a1 = (Integer) admin.call("createEmptyBuild", "alpha", "1", "1", null);
        a2 = (Integer) admin.call("createEmptyBuild", "alpha", "1", "2", null);
        b1 = (Integer) admin.callKw("createEmptyBuild", BuildFixtures.args("beta_x", "2", "1", null), Map.of("owner", "lister"));
        failed = (Integer) admin.call("createEmptyBuild", "betaYx", "3", "1", null);
        BuildFixtures.setState(hub, failed, BuildState.FAILED);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static List<Object> ids(Map<String, ?> kwargs) {
        return rows(admin.callKw("listBuilds", List.of(), kwargs)).stream().map(r -> r.get("build_id")).toList();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void rowsHaveKojisListShape(Encoding enc) {
        List<Map<String, Object>> all = rows(hub.client(enc).call("listBuilds"));
        assertThat(all).extracting(r -> r.get("build_id")).containsExactly(a1, a2, b1, failed);
        Map<String, Object> row = all.get(2);
        assertThat(row.keySet()).containsExactly("build_id", "version", "release", "epoch", "draft", "state",
                "completion_time", "promotion_time", "start_time", "source", "extra", "creation_event_id",
                "creation_time", "task_id", "creation_ts", "start_ts", "completion_ts", "promotion_ts", "package_id",
                "package_name", "name", "volume_id", "volume_name", "nvr", "owner_id", "owner_name", "promoter_id",
                "promoter_name");
        assertThat(row).containsEntry("nvr", "beta_x-2-1").containsEntry("owner_name", "lister");
        Map<String, Object> full = map(hub.client(enc).call("getBuild", b1));
        for (String k : row.keySet()) {
            assertThat(row.get(k)).as(k).isEqualTo(full.get(k));
        }
    }

    @Test
    void filtersNarrowTheList() {
        assertThat(ids(Map.of("packageID", "alpha"))).containsExactly(a1, a2);
        int alphaId = (Integer) admin.call("getPackageID", "alpha");
        assertThat(ids(Map.of("packageID", alphaId))).containsExactly(a1, a2);
        assertThat(ids(Map.of("packageID", "no-such-package"))).isEmpty();
        assertThat(ids(Map.of("userID", "lister"))).containsExactly(b1);
        assertThat(ids(Map.of("userID", "no-such-user"))).isEmpty();
        assertThat(ids(Map.of("state", 3))).containsExactly(failed);
        assertThat(ids(Map.of("state", 1, "prefix", "BETA"))).containsExactly(b1);
        // Koji hands the prefix to ILIKE as it is, so its _ matches any character.
        assertThat(ids(Map.of("prefix", "beta_"))).containsExactly(b1, failed);
        // In a pattern, _ is literal and ? is any one character.
        assertThat(ids(Map.of("pattern", "beta_*"))).containsExactly(b1);
        assertThat(ids(Map.of("pattern", "beta?x-*"))).containsExactly(b1, failed);
        assertThat(ids(Map.of("pattern", "alpha-1-?"))).containsExactly(a1, a2);
        assertThat(ids(Map.of("taskID", -1))).isEmpty();
        assertThat(ids(Map.of("volumeID", 0))).hasSize(4);
        assertThat(ids(Map.of("type", "rpm"))).isEmpty();
        assertThat(ids(Map.of("draft", false))).hasSize(4);
        assertThat(ids(Map.of("draft", true))).isEmpty();
        assertThat(fault(() -> admin.callKw("listBuilds", List.of(), Map.of("type", "nope"))).getMessage())
                .isEqualTo("unsupported build type: nope");
    }

    @Test
    void timeBoundsTakeSecondsOrTimestampStrings() {
        double created = (Double) map(admin.call("getBuild", b1)).get("creation_ts");
        assertThat(ids(Map.of("createdAfter", created - 0.000001))).contains(b1).doesNotContain(a1);
        assertThat(ids(Map.of("createdBefore", created))).containsExactly(a1, a2);
        assertThat(ids(Map.of("createdAfter", "2000-01-01 00:00:00"))).hasSize(4);
        assertThat(ids(Map.of("completeBefore", "2000-01-01"))).isEmpty();
        assertThat(ids(Map.of("completeAfter", 946684800))).hasSize(4);
    }

    @Test
    void queryOptsOrderPageAndCount() {
        assertThat(ids(Map.of("queryOpts", Map.of("order", "-build_id")))).containsExactly(failed, b1, a2, a1);
        assertThat(ids(Map.of("packageID", "alpha", "queryOpts", Map.of("order", "-nvr")))).containsExactly(a2, a1);
        assertThat(ids(Map.of("queryOpts", Map.of("order", "-build_id", "limit", 2)))).containsExactly(failed, b1);
        assertThat(ids(Map.of("queryOpts", Map.of("order", "-build_id", "limit", 2, "offset", 1))))
                .containsExactly(b1, a2);
        assertThat(ids(Map.of("queryOpts", Map.of("offset", 3)))).containsExactly(failed);
        assertThat(admin.callKw("listBuilds", List.of(), Map.of("packageID", "alpha",
                "queryOpts", Map.of("countOnly", true)))).isEqualTo(2);
        assertThat(fault(() -> admin.callKw("listBuilds", List.of(), Map.of("queryOpts", Map.of("order", "bogus"))))
                .code()).isEqualTo(1019);
    }
}
