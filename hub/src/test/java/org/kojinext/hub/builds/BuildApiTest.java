package org.kojinext.hub.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.builds.BuildFixtures.args;
import static org.kojinext.hub.builds.BuildFixtures.rows;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

import java.util.HashMap;
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
import org.kojinext.protocol.KojiFault;

/** createEmptyBuild, getBuild, findBuildID, NVR identity and recycling, over HTTP. */
class BuildApiTest {
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

    private static int create(String name, String version, String release) {
        return (Integer) admin.call("createEmptyBuild", name, version, release, null);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anEmptyBuildIsCompleteAndFoundByIdNvrAndStruct(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String name = "hello-" + enc.name().toLowerCase();
        int id = (Integer) c.call("createEmptyBuild", name, "2.1", "3.fc40", 7);

        Map<String, Object> b = map(c.call("getBuild", id));
        assertThat(b.keySet()).containsExactly("id", "version", "release", "build_id", "epoch", "draft", "state",
                "completion_time", "promotion_time", "start_time", "task_id", "creation_event_id", "creation_time",
                "package_id", "package_name", "name", "volume_id", "volume_name", "nvr", "creation_ts", "start_ts",
                "completion_ts", "promotion_ts", "owner_id", "owner_name", "promoter_id", "promoter_name", "cg_id",
                "source", "extra", "cg_name");
        assertThat(b).containsEntry("id", id).containsEntry("build_id", id).containsEntry("name", name)
                .containsEntry("package_name", name).containsEntry("version", "2.1").containsEntry("release", "3.fc40")
                .containsEntry("epoch", 7).containsEntry("nvr", name + "-2.1-3.fc40").containsEntry("state", 1)
                .containsEntry("draft", false).containsEntry("owner_name", "kojiadmin")
                .containsEntry("volume_id", 0).containsEntry("volume_name", "DEFAULT")
                .containsEntry("task_id", null).containsEntry("extra", null).containsEntry("cg_name", null)
                .containsEntry("promotion_time", null).containsEntry("promotion_ts", null);
        assertThat((String) b.get("creation_time")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00");
        assertThat((String) b.get("completion_time")).endsWith("+00:00");
        assertThat(b.get("creation_ts")).isInstanceOf(Double.class);
        assertThat((Double) b.get("completion_ts")).isGreaterThan(1.7e9);

        assertThat(c.call("getBuild", name + "-2.1-3.fc40")).isEqualTo(b);
        assertThat(c.call("getBuild", Map.of("name", name, "version", "2.1", "release", "3.fc40"))).isEqualTo(b);
        assertThat(c.call("findBuildID", name + "-2.1-3.fc40")).isEqualTo(id);
        assertThat(c.call("getPackageID", name)).isEqualTo(b.get("package_id"));
        assertThat(map(c.call("getPackage", name))).containsExactly(
                Map.entry("id", b.get("package_id")), Map.entry("name", name));
    }

    @Test
    void aMissingBuildIsNoneOrWithStrictAnError() {
        assertThat(admin.call("getBuild", "nope-1-1")).isNull();
        assertThat(admin.call("getBuild", 999_999)).isNull();
        assertThat(admin.call("findBuildID", "nope-1-1")).isNull();
        assertThat(fault(() -> admin.call("getBuild", "nope-1-1", true)).getMessage())
                .isEqualTo("No such build: 'nope-1-1'");
        assertThat(fault(() -> admin.call("getBuild", 999_999, true)).getMessage())
                .isEqualTo("No such build: 999999");
        assertThat(fault(() -> admin.call("getBuild", "nodashes")).getMessage())
                .isEqualTo("invalid format: nodashes");
        assertThat(fault(() -> admin.call("getBuild", Map.of("name", "x"))).getMessage())
                .isEqualTo("did not provide name, version, and release");
        assertThat(fault(() -> admin.call("getPackage", "no-such-pkg", true)).getMessage())
                .isEqualTo("No such entry in table package: no-such-pkg");
        assertThat(fault(() -> admin.call("getPackageID", "no-such-pkg", true)).getMessage())
                .isEqualTo("No such package name: no-such-pkg");
    }

    @Test
    void listVolumesHasTheDefaultVolume() {
        assertThat((List<?>) hub.client(Encoding.XML).call("listVolumes"))
                .isEqualTo(List.of(Map.of("id", 0, "name", "DEFAULT")));
    }

    @Test
    void getPackageCreatesOnlyForAnAdmin() {
        KojiClient anon = hub.client(Encoding.JSON);
        assertThat(anon.callKw("getPackage", List.of("made-here"), Map.of())).isNull();
        assertThat(fault(() -> anon.callKw("getPackage", List.of("made-here"), Map.of("create", true))).code())
                .isEqualTo(1004);
        Map<String, Object> p = map(admin.callKw("getPackage", List.of("made-here"), Map.of("create", true)));
        assertThat(p.get("name")).isEqualTo("made-here");
        assertThat(anon.call("getPackage", p.get("id"))).isEqualTo(p);
        assertThat(anon.call("getPackage", Map.of("name", "made-here"))).isEqualTo(p);
    }

    @Test
    void theNvrIsUniqueWhateverTheEpoch() {
        int id = create("uniq", "1", "1");
        KojiFault f = fault(() -> admin.call("createEmptyBuild", "uniq", "1", "1", 3));
        assertThat(f.code()).isEqualTo(1000);
        assertThat(f.getMessage()).startsWith("Build already exists (id=" + id + ", state=COMPLETE): {'name': 'uniq'");
        assertThat(rows(admin.callKw("listBuilds", List.of(), Map.of("prefix", "uniq")))).hasSize(1);
    }

    @Test
    void aFailedBuildWithoutHistoryIsRecycledUnderItsId() {
        int id = create("recycle", "1", "1");
        Map<String, Object> before = map(admin.call("getBuild", id));
        BuildFixtures.setState(hub, id, BuildState.FAILED);

        assertThat(create("recycle", "1", "1")).isEqualTo(id);
        Map<String, Object> after = map(admin.call("getBuild", id));
        assertThat(after.get("state")).isEqualTo(1);
        assertThat((Integer) after.get("creation_event_id")).isGreaterThan((Integer) before.get("creation_event_id"));
    }

    @Test
    void aFailedBuildThatWasTaggedOrHasRpmsIsNotRecycled() {
        int tagged = create("recycle-tagged", "1", "1");
        BuildFixtures.tag(hub, tagged, "recycle-tag");
        BuildFixtures.setState(hub, tagged, BuildState.CANCELED);
        assertThat(fault(() -> create("recycle-tagged", "1", "1")).getMessage())
                .isEqualTo("Build already exists. Unable to recycle, has tag history");

        int withRpm = create("recycle-rpm", "1", "1");
        admin.call("importRPMInfo", withRpm, RpmApiTest.header("recycle-rpm", "1", "1", "noarch", 'e'));
        BuildFixtures.setState(hub, withRpm, BuildState.FAILED);
        assertThat(fault(() -> create("recycle-rpm", "1", "1")).getMessage())
                .isEqualTo("Build already exists. Unable to recycle, has rpm data");
    }

    @Test
    void aDraftCarriesItsIdInTheRelease() {
        int id = (Integer) admin.callKw("createEmptyBuild", args("drafty", "1", "2", null), Map.of("draft", true));
        Map<String, Object> b = map(admin.call("getBuild", id));
        assertThat(b).containsEntry("release", "2,draft_" + id).containsEntry("draft", true)
                .containsEntry("nvr", "drafty-1-2,draft_" + id);
        // Two drafts of the same target N-V-R coexist.
        int second = (Integer) admin.callKw("createEmptyBuild", args("drafty", "1", "2", null), Map.of("draft", true));
        assertThat(second).isNotEqualTo(id);

        create("drafty", "1", "3");
        assertThat(fault(() -> admin.callKw("createEmptyBuild", args("drafty", "1", "3", null), Map.of("draft", true)))
                .getMessage()).startsWith("Target build already exists: drafty-1-3 (id=");
        assertThat(rows(admin.callKw("listBuilds", List.of(), Map.of("prefix", "drafty", "draft", true)))).hasSize(2);
        assertThat(rows(admin.callKw("listBuilds", List.of(), Map.of("prefix", "drafty", "draft", false)))).hasSize(1);
    }

    @Test
    void onlyAnAdminCreatesDeletesOrReassigns() {
        admin.callKw("createUser", List.of("builder-bob"), Map.of("password", "pw"));
        KojiClient bob = hub.client(Encoding.JSON);
        bob.login("builder-bob", "pw");
        int id = create("guarded", "1", "1");
        assertThat(fault(() -> bob.call("createEmptyBuild", "guarded", "1", "2", null)).code()).isEqualTo(1004);
        assertThat(fault(() -> bob.call("deleteBuild", id)).code()).isEqualTo(1004);
        assertThat(fault(() -> bob.call("setBuildOwner", id, "builder-bob")).code()).isEqualTo(1004);
        assertThat(fault(() -> hub.client(Encoding.XML).call("createEmptyBuild", "guarded", "1", "3", null)).code())
                .isIn(1002, 1004);
        assertThat(map(bob.call("getBuild", id))).containsEntry("owner_name", "kojiadmin");

        assertThat(admin.call("setBuildOwner", id, "builder-bob")).isNull();
        assertThat(map(bob.call("getBuild", id))).containsEntry("owner_name", "builder-bob");
        assertThat(fault(() -> admin.call("setBuildOwner", id, "nobody-here")).getMessage())
                .isEqualTo("No such user: 'nobody-here'");
    }

    @Test
    void deletingIsRefusedWhileTaggedAndNeverFreesTheNvr() {
        int id = create("doomed", "1", "1");
        BuildFixtures.tag(hub, id, "doomed-tag");
        KojiFault f = fault(() -> admin.call("deleteBuild", id));
        assertThat(f.getMessage()).matches("Cannot delete build, tagged: \\[\\{'tag_id': \\d+, 'name': 'doomed-tag'\\}\\]");
        assertThat(admin.callKw("deleteBuild", List.of(id), Map.of("strict", false))).isEqualTo(false);
        assertThat(map(admin.call("getBuild", id))).containsEntry("state", 1);

        int free = create("doomed", "1", "2");
        admin.call("importRPMInfo", free, RpmApiTest.header("doomed", "1", "2", "x86_64", 'd'));
        assertThat(admin.call("deleteBuild", "doomed-1-2")).isEqualTo(true);
        assertThat(map(admin.call("getBuild", free))).containsEntry("state", 2);
        assertThat(admin.call("deleteBuild", free)).isNull();
        // The rpm row stays; its checksums go, as in Koji.
        assertThat(rows(admin.call("listBuildRPMs", free))).hasSize(1);
        int rpmId = (Integer) rows(admin.call("listBuildRPMs", free)).get(0).get("id");
        assertThat(map(admin.call("getRPMChecksums", rpmId))).isEmpty();
        assertThat(fault(() -> create("doomed", "1", "2")).getMessage())
                .startsWith("Build already exists (id=" + free + ", state=DELETED)");
    }

    @Test
    void nextReleaseFollowsTheNewestCountedBuild() {
        Map<String, Object> info = new HashMap<>(Map.of("name", "nr", "version", "1"));
        assertThat(admin.call("getNextRelease", info)).isEqualTo("1");
        assertThat(admin.call("getNextRelease", info, 3)).isEqualTo("3");
        create("nr", "1", "1");
        assertThat(admin.call("getNextRelease", info)).isEqualTo("2");
        create("nr", "1", "1.fc40");
        assertThat(admin.call("getNextRelease", info)).isEqualTo("2.fc40");
        create("nr", "1", "1.2");
        assertThat(admin.call("getNextRelease", info)).isEqualTo("2.2");
        assertThat(admin.call("getNextRelease", info, 5)).isEqualTo("6.2");
        create("nr", "1", "20240101.nightly.9");
        assertThat(admin.call("getNextRelease", info)).isEqualTo("20240101.nightly.10");

        // Failed builds and drafts do not count.
        int failed = create("nr", "1", "99");
        BuildFixtures.setState(hub, failed, BuildState.FAILED);
        admin.callKw("createEmptyBuild", args("nr", "1", "77", null), Map.of("draft", true));
        assertThat(admin.call("getNextRelease", info)).isEqualTo("20240101.nightly.10");

        create("nr", "1", "1.fc40.x");
        KojiFault f = fault(() -> admin.call("getNextRelease", info));
        assertThat(f.code()).isEqualTo(1005);
        assertThat(f.getMessage()).isEqualTo("Unable to increment release value: 1.fc40.x");
        assertThat(admin.call("getNextRelease", Map.of("name", "nr", "version", "2"))).isEqualTo("1");
    }
}
