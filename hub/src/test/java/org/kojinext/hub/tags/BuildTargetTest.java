package org.kojinext.hub.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.tags.TagTestSupport.createTag;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/** createBuildTarget, editBuildTarget, deleteBuildTarget, getBuildTarget and getBuildTargets. */
class BuildTargetTest {
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aTargetIsCreatedEditedReadInThePastAndDeleted(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String p = "tgt-" + enc + "-";
        int build = createTag(c, p + "build");
        int dest = createTag(c, p + "dest");
        int other = createTag(c, p + "other");
        assertThat(c.call("createBuildTarget", p + "t", p + "build", dest)).isNull();

        Map<String, Object> t = map(c.call("getBuildTarget", p + "t"));
        assertThat(t).containsOnlyKeys("id", "name", "build_tag", "build_tag_name", "dest_tag", "dest_tag_name");
        assertThat(t).containsEntry("name", p + "t").containsEntry("build_tag", build)
                .containsEntry("build_tag_name", p + "build").containsEntry("dest_tag", dest)
                .containsEntry("dest_tag_name", p + "dest");
        int id = (Integer) t.get("id");
        assertThat(c.call("getBuildTarget", id)).isEqualTo(t);
        assertThat(c.callKw("getBuildTargets", List.of(), Map.of("buildTagID", p + "build"))).isEqualTo(List.of(t));
        assertThat(c.callKw("getBuildTargets", List.of(), Map.of("destTagID", dest))).isEqualTo(List.of(t));
        assertThat(c.callKw("getBuildTargets", List.of(), Map.of("destTagID", build))).isEqualTo(List.of());
        assertThat(c.callKw("getBuildTargets", List.of(), Map.of("buildTagID", "no-such-tag"))).isEqualTo(List.of());

        var dup = fault(() -> c.call("createBuildTarget", p + "t", build, dest));
        assertThat(dup.getMessage()).isEqualTo("A build target with the name '" + p + "t' already exists");
        assertThat(fault(() -> c.call("createBuildTarget", p + "u", "nope", dest)).getMessage())
                .isEqualTo("build tag 'nope' does not exist");
        assertThat(fault(() -> c.call("createBuildTarget", p + "u", build, "nope")).getMessage())
                .isEqualTo("destination tag 'nope' does not exist");

        int before = TagTestSupport.lastEvent(hub);
        c.call("editBuildTarget", id, p + "renamed", build, other);
        assertThat(map(c.call("getBuildTarget", id))).containsEntry("name", p + "renamed")
                .containsEntry("dest_tag", other);
        // the name is not versioned (as in Koji), the tags are
        assertThat(map(c.call("getBuildTarget", id, before))).containsEntry("dest_tag", dest);
        c.call("createBuildTarget", p + "second", build, dest);
        assertThat(fault(() -> c.call("editBuildTarget", id, p + "second", build, dest)).getMessage())
                .startsWith("name \"" + p + "second\" is already taken by build target ");
        assertThat(c.callKw("getBuildTargets", List.of(), Map.of("buildTagID", build, "queryOpts",
                Map.of("countOnly", true)))).isEqualTo(2);

        c.call("deleteBuildTarget", p + "renamed");
        assertThat(c.call("getBuildTarget", id)).isNull();
        assertThat(fault(() -> c.call("getBuildTarget", p + "renamed", null, true)).getMessage())
                .isEqualTo("No such build target: " + p + "renamed");
        assertThat(fault(() -> c.call("deleteBuildTarget", p + "never")).getMessage())
                .isEqualTo("No such build target: " + p + "never");
        // a deleted target's name can be used again
        c.call("createBuildTarget", p + "renamed", build, dest);
        assertThat(map(c.call("getBuildTarget", p + "renamed"))).containsEntry("id", id);
    }
}
