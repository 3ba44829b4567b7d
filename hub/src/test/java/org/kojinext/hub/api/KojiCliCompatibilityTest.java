package org.kojinext.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    }
}
