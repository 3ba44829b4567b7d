package org.kojinext.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.db.jooq.Tables.RPMSIGS;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * What Koji's own CLI (1.35) sends and asks, found by running it against the hub: each case here
 * once failed a CLI command.
 */
class KojiCliCompatibilityTest {
    private static TestHub hub;
    private static KojiClient admin;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** add-tag-inheritance --priority 5 sends the priority as the string "5". */
    @Test
    void inheritancePriorityMayArriveAsAString() {
        admin.call("createTag", "cli-parent");
        admin.call("createTag", "cli-child");
        int parent = (Integer) ((Map<?, ?>) admin.call("getTag", "cli-parent")).get("id");
        admin.call("setInheritanceData", "cli-child", List.of(link(parent, "5")));
        List<?> links = (List<?>) admin.call("getInheritanceData", "cli-child");
        assertThat(links).singleElement().satisfies(l -> assertThat(((Map<?, ?>) l).get("priority")).isEqualTo(5));
        assertThatThrownBy(() -> admin.call("setInheritanceData", "cli-child", List.of(link(parent, "high"))))
                .hasMessageContaining("Invalid priority");
    }

    /** The link add-tag-inheritance builds: maxdepth None, empty filter. */
    private static Map<String, Object> link(int parent, String priority) {
        Map<String, Object> m = new HashMap<>();
        m.put("parent_id", parent);
        m.put("priority", priority);
        m.put("maxdepth", null);
        m.put("intransitive", false);
        m.put("noconfig", false);
        m.put("pkg_filter", "");
        return m;
    }

    /** buildinfo asks every build for its maven, Windows and image details, and maven archives. */
    @Test
    void buildinfoFindsNoTypedDetailsOnAPlainBuild() {
        int id = (Integer) admin.call("createEmptyBuild", "cli-pkg", "1", "1", null);
        for (String m : List.of("getMavenBuild", "getWinBuild", "getImageBuild")) {
            assertThat(admin.call(m, "cli-pkg-1-1")).as(m).isNull();
            assertThatThrownBy(() -> admin.call(m, "cli-pkg-1-1", true)).as(m).hasMessageContaining("no such");
        }
        assertThatThrownBy(() -> admin.call("getMavenBuild", "nope-1-1", true)).hasMessageContaining("No such build");
        assertThat(admin.callKw("listArchives", List.of(), Map.of("buildID", id, "type", "maven")))
                .isEqualTo(List.of());
        // It lists the build's rpms' signatures: none recorded, and an unknown rpm has none.
        admin.call("importRPMInfo", "cli-pkg-1-1", Map.of("name", "cli-pkg", "version", "1", "release", "1",
                "arch", "noarch", "payloadhash", "ef".repeat(16), "size", 1, "buildtime", 1700000000,
                "sha256", "ef".repeat(32)));
        assertThat(admin.callKw("queryRPMSigs", List.of(), Map.of("rpm_id", "cli-pkg-1-1.noarch")))
                .isEqualTo(List.of());
        assertThat(admin.callKw("queryRPMSigs", List.of(), Map.of("rpm_id", "nope-1-1.noarch")))
                .isEqualTo(List.of());
        assertThat(admin.callKw("queryRPMSigs", List.of(), Map.of("queryOpts", Map.of("countOnly", true))))
                .isEqualTo(0);
        // A signature an adopted Koji database holds is found by rpm and by key, whatever its case.
        int rpmId = (Integer) ((Map<?, ?>) admin.call("getRPM", "cli-pkg-1-1.noarch")).get("id");
        try (Connection c = DriverManager.getConnection(hub.jdbcUrl(), "postgres", null)) {
            DSL.using(c, SQLDialect.POSTGRES).insertInto(RPMSIGS).set(RPMSIGS.RPM_ID, rpmId)
                    .set(RPMSIGS.SIGKEY, "fd431d51").set(RPMSIGS.SIGHASH, "12".repeat(16)).execute();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertThat((List<?>) admin.callKw("queryRPMSigs", List.of(), Map.of("rpm_id", "cli-pkg-1-1.noarch")))
                .singleElement().satisfies(sig -> assertThat(((Map<?, ?>) sig).get("sigkey")).isEqualTo("fd431d51"));
        assertThat((List<?>) admin.callKw("queryRPMSigs", List.of(), Map.of("sigkey", "FD431D51"))).hasSize(1);
    }

    /**
     * latest-build with a target's name instead of a tag's: Koji looks the tag up with
     * get_tag_id, so the message is "No such entry in table tag", an id is taken as it is, and a
     * deleted tag has no latest builds rather than being unknown.
     */
    @Test
    void latestBuildsLookTheTagUpAsKojiDoes() {
        for (String m : List.of("getLatestBuilds", "getLatestRPMS")) {
            assertThatThrownBy(() -> admin.call(m, "cli-no-such-tag")).as(m)
                    .hasMessage("No such entry in table tag: cli-no-such-tag");
        }
        assertThat(admin.call("getLatestBuilds", 99999)).isEqualTo(List.of());
        assertThat(admin.call("getLatestRPMS", 99999)).isEqualTo(List.of(List.of(), List.of()));
        admin.call("createTag", "cli-gone");
        admin.call("deleteTag", "cli-gone");
        assertThat(admin.call("getLatestBuilds", "cli-gone")).isEqualTo(List.of());
    }
}
