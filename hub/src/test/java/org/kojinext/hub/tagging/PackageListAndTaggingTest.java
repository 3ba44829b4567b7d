package org.kojinext.hub.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.testing.Replies.fault;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * Package lists through inheritance and tagging, with Koji's corner cases. Each test builds its
 * own three-level chain (top <- mid <- leaf), named after the test and encoding.
 */
class PackageListAndTaggingTest {
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private record Chain(String top, String mid, String leaf) {
    }

    private static Chain chain(KojiClient admin, String prefix) {
        Chain c = new Chain(prefix + "-top", prefix + "-mid", prefix + "-leaf");
        admin.call("createTag", c.top());
        admin.callKw("createTag", List.of(c.mid()), Map.of("parent", c.top()));
        admin.callKw("createTag", List.of(c.leaf()), Map.of("parent", c.mid()));
        return c;
    }

    private static void add(KojiClient admin, String tag, String pkg) {
        admin.callKw("packageListAdd", List.of(tag, pkg), Map.of("owner", "kojiadmin"));
    }

    private static int build(KojiClient admin, String name, String version, String release) {
        return (Integer) admin.call("createEmptyBuild", name, version, release, null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static List<String> nvrs(Object builds) {
        return maps(builds).stream().map(b -> (String) b.get("nvr")).toList();
    }

    private static Map<String, Object> entry(KojiClient c, String tag, String pkg) {
        return maps(c.callKw("listPackages", List.of(), Map.of("tagID", tag, "inherited", true))).stream()
                .filter(p -> pkg.equals(p.get("package_name"))).findFirst().orElse(null);
    }

    private static int faultCode(Runnable r) {
        return fault(r).code();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void packagesAreInheritedAndTheNearestEntryDecides(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "inh-" + enc);
        String foo = "foo-" + enc;
        String bar = "bar-" + enc;
        add(admin, c.top(), foo);
        add(admin, c.top(), bar);
        assertThat(entry(admin, c.leaf(), foo)).containsEntry("tag_name", c.top()).containsEntry("blocked", false)
                .containsEntry("owner_name", "kojiadmin");
        assertThat(admin.callKw("listPackages", List.of(), Map.of("tagID", c.leaf()))).isEqualTo(List.of());
        // queryOpts on an assembled list: order, limit, countOnly; a bad field is Koji's ParameterError.
        assertThat(maps(admin.callKw("listPackages", List.of(), Map.of("tagID", c.leaf(), "inherited", true,
                "queryOpts", Map.of("order", "-package_name", "limit", 1))))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("package_name", foo));
        assertThat(admin.callKw("listPackages", List.of(), Map.of("tagID", c.leaf(), "inherited", true,
                "queryOpts", Map.of("countOnly", true)))).isEqualTo(2);
        assertThat(faultCode(() -> admin.callKw("listPackages", List.of(), Map.of("tagID", c.leaf(),
                "inherited", true, "queryOpts", Map.of("order", "nope"))))).isEqualTo(1019);

        // Blocked in the middle: hidden in mid and leaf, still listed at the top.
        admin.call("packageListBlock", c.mid(), bar);
        assertThat(entry(admin, c.leaf(), bar)).containsEntry("blocked", true).containsEntry("tag_name", c.mid());
        assertThat(admin.call("checkTagPackage", c.leaf(), bar)).isEqualTo(false);
        assertThat(admin.call("checkTagPackage", c.top(), bar)).isEqualTo(true);

        // Unblocked below the block: the leaf gets its own unblocked entry, mid stays blocked.
        admin.call("packageListUnblock", c.leaf(), bar);
        assertThat(admin.call("checkTagPackage", c.leaf(), bar)).isEqualTo(true);
        assertThat(admin.call("checkTagPackage", c.mid(), bar)).isEqualTo(false);
        assertThat(entry(admin, c.leaf(), bar)).containsEntry("tag_name", c.leaf());

        // Unblocking where the block was made removes it, and the top's entry shows through.
        admin.call("packageListUnblock", c.mid(), bar);
        assertThat(entry(admin, c.mid(), bar)).containsEntry("tag_name", c.top()).containsEntry("blocked", false);
        assertThatThrownBy(() -> admin.call("packageListUnblock", c.mid(), bar))
                .hasMessageContaining("NOT blocked in tag " + c.mid());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void ownersArchesAndRemovalAreVersioned(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        admin.callKw("createUser", List.of("owner-" + enc), Map.of("password", "x"));
        Chain c = chain(admin, "own-" + enc);
        String pkg = "qux-" + enc;
        add(admin, c.top(), pkg);
        int before = (Integer) ((Map<?, ?>) admin.call("getLastEvent")).get("id");
        admin.call("packageListSetOwner", c.top(), pkg, "owner-" + enc);
        admin.call("packageListSetArches", c.top(), pkg, "x86_64 aarch64");
        assertThat(entry(admin, c.top(), pkg)).containsEntry("owner_name", "owner-" + enc)
                .containsEntry("extra_arches", "x86_64 aarch64");
        // Read back at the event before the change: the first owner.
        List<Map<String, Object>> then = maps(admin.callKw("listPackages", List.of(),
                Map.of("tagID", c.top(), "event", before)));
        assertThat(then).singleElement().satisfies(p -> assertThat(p).containsEntry("owner_name", "kojiadmin"));
        assertThatThrownBy(() -> admin.callKw("packageListAdd", List.of(c.top(), "nobody-" + enc), Map.of()))
                .hasMessageContaining("owner not specified");
        admin.call("packageListRemove", c.top(), pkg);
        assertThat(entry(admin, c.leaf(), pkg)).isNull();
        assertThat((List<?>) admin.callKw("listPackages", List.of(), Map.of("tagID", c.top(), "event", before)))
                .hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void latestMeansMostRecentlyTaggedNotHighestVersion(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "lat-" + enc);
        String pkg = "lat-" + enc;
        add(admin, c.top(), pkg);
        build(admin, pkg, "2.0", "1");
        build(admin, pkg, "1.0", "1");
        admin.call("tagBuildBypass", c.top(), pkg + "-2.0-1");
        admin.call("tagBuildBypass", c.top(), pkg + "-1.0-1");
        assertThat(nvrs(admin.call("getLatestBuilds", c.top()))).containsExactly(pkg + "-1.0-1");
        assertThat(nvrs(admin.call("listTagged", c.top()))).containsExactly(pkg + "-1.0-1", pkg + "-2.0-1");

        // Retagging needs force, and makes the build the latest again.
        assertThat(faultCode(() -> admin.call("tagBuildBypass", c.top(), pkg + "-2.0-1"))).isEqualTo(1003);
        admin.call("tagBuildBypass", c.top(), pkg + "-2.0-1", true);
        assertThat(nvrs(admin.call("getLatestBuilds", c.top()))).containsExactly(pkg + "-2.0-1");

        // A child's own tagging shadows its parents', whatever the version.
        build(admin, pkg, "0.5", "1");
        admin.call("tagBuildBypass", c.mid(), pkg + "-0.5-1");
        assertThat(nvrs(admin.call("getLatestBuilds", c.leaf()))).containsExactly(pkg + "-0.5-1");
        assertThat(nvrs(admin.callKw("listTagged", List.of(c.leaf()), Map.of("inherit", true, "latest", 2))))
                .containsExactly(pkg + "-0.5-1", pkg + "-2.0-1");
        assertThat(admin.callKw("listTagged", List.of(c.leaf()), Map.of("inherit", true, "prefix", "NOPE")))
                .isEqualTo(List.of());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void untagAndRetagLeaveAHistoryThatCanBeReadBack(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "hist-" + enc);
        String pkg = "hist-" + enc;
        add(admin, c.top(), pkg);
        build(admin, pkg, "1", "1");
        admin.call("tagBuildBypass", c.top(), pkg + "-1-1");
        int tagged = (Integer) admin.call("tagLastChangeEvent", c.top());
        admin.call("untagBuild", c.top(), pkg + "-1-1");
        int untagged = (Integer) admin.call("tagLastChangeEvent", c.top());
        assertThat(untagged).isGreaterThan(tagged);
        assertThat(admin.call("listTagged", c.top())).isEqualTo(List.of());
        assertThat(nvrs(admin.callKw("listTagged", List.of(c.top()), Map.of("event", tagged))))
                .containsExactly(pkg + "-1-1");
        assertThat(admin.call("tagChangedSinceEvent", tagged, List.of(c.top()))).isEqualTo(true);
        assertThat(admin.call("tagChangedSinceEvent", untagged, List.of(c.top()))).isEqualTo(false);
        // The leaf inherits the change.
        assertThat((Integer) admin.call("tagLastChangeEvent", c.leaf())).isEqualTo(untagged);
        assertThat(admin.callKw("tagLastChangeEvent", List.of(c.leaf()), Map.of("inherit", false)))
                .isNotEqualTo(untagged);
        assertThat(faultCode(() -> admin.call("untagBuild", c.top(), pkg + "-1-1"))).isEqualTo(1003);
        admin.callKw("untagBuild", List.of(c.top(), pkg + "-1-1"), Map.of("strict", false));
        admin.call("tagBuildBypass", c.top(), pkg + "-1-1");
        assertThat(nvrs(admin.call("listTagged", c.top()))).containsExactly(pkg + "-1-1");
        Map<?, ?> history = (Map<?, ?>) admin.callKw("queryHistory", List.of(),
                Map.of("tables", List.of("tag_listing"), "tag", c.top()));
        assertThat((List<?>) history.get("tag_listing")).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aBlockedPackageHidesItsTaggedBuilds(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "blk-" + enc);
        String pkg = "blk-" + enc;
        add(admin, c.top(), pkg);
        build(admin, pkg, "1", "1");
        admin.call("tagBuildBypass", c.top(), pkg + "-1-1");
        admin.call("packageListBlock", c.mid(), pkg);
        assertThat(admin.callKw("listTagged", List.of(c.leaf()), Map.of("inherit", true))).isEqualTo(List.of());
        assertThat(nvrs(admin.call("listTagged", c.top()))).containsExactly(pkg + "-1-1");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void lockedTagsAndTheTagPermissionAreRespected(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "lock-" + enc);
        String pkg = "lock-" + enc;
        add(admin, c.top(), pkg);
        build(admin, pkg, "1", "1");
        String tagger = "tagger-" + enc;
        admin.callKw("createUser", List.of(tagger), Map.of("password", "pw"));
        admin.call("grantPermission", tagger, "tag");
        KojiClient user = hub.client(enc);
        user.login(tagger, "pw");
        KojiClient nobody = hub.client(enc);
        admin.callKw("createUser", List.of("plain-" + enc), Map.of("password", "pw"));
        nobody.login("plain-" + enc, "pw");

        assertThat(faultCode(() -> nobody.call("tagBuildBypass", c.top(), pkg + "-1-1"))).isEqualTo(1004);
        assertThat(faultCode(() -> nobody.call("untagBuildBypass", c.top(), pkg + "-1-1"))).isEqualTo(1004);
        assertThat(faultCode(() -> nobody.call("massTag", c.top(), List.of(pkg + "-1-1")))).isEqualTo(1004);
        assertThat(faultCode(() -> nobody.call("snapshotTag", c.top(), "stolen-" + enc))).isEqualTo(1004);
        assertThatThrownBy(() -> hub.client(enc).call("untagBuild", c.top(), pkg + "-1-1"))
                .hasMessageContaining("you must be logged in");
        assertThat(faultCode(() -> nobody.callKw("packageListAdd", List.of(c.top(), "x-" + enc),
                Map.of("owner", "kojiadmin")))).isEqualTo(1004);
        admin.callKw("editTag2", List.of(c.top()), Map.of("locked", true));
        assertThat(faultCode(() -> user.call("tagBuildBypass", c.top(), pkg + "-1-1"))).isEqualTo(1004);
        assertThat(faultCode(() -> admin.call("tagBuildBypass", c.top(), pkg + "-1-1"))).isEqualTo(1004);
        admin.call("tagBuildBypass", c.top(), pkg + "-1-1", true);
        assertThat(nvrs(admin.call("listTagged", c.top()))).containsExactly(pkg + "-1-1");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void massTagGivesEachBuildItsOwnEventInOrderAndRpmsFollowTheirBuilds(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "mass-" + enc);
        String pkg = "mass-" + enc;
        add(admin, c.top(), pkg);
        for (int i = 1; i <= 3; i++) {
            build(admin, pkg, "1", String.valueOf(i));
        }
        admin.call("massTag", c.top(), List.of(pkg + "-1-3", pkg + "-1-1", pkg + "-1-2"));
        List<Map<String, Object>> tagged = maps(admin.call("listTagged", c.top()));
        assertThat(nvrs(tagged)).containsExactly(pkg + "-1-2", pkg + "-1-1", pkg + "-1-3");
        assertThat(tagged.stream().map(b -> b.get("create_event")).distinct()).hasSize(3);

        // Checksums are unique across all rpms, as in Koji: one per encoding's run.
        String sha = (enc == Encoding.XML ? "ab" : "ac").repeat(32);
        admin.call("importRPMInfo", pkg + "-1-2", Map.of("name", pkg, "version", "1", "release", "2",
                "arch", "x86_64", "payloadhash", "cd".repeat(16), "size", 1234, "buildtime", 1700000000,
                "sha256", sha));
        List<?> pair = (List<?>) admin.call("getLatestRPMS", c.leaf());
        assertThat(maps(pair.get(0))).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("arch", "x86_64").containsEntry("name", pkg));
        assertThat(nvrs(pair.get(1))).containsExactly(pkg + "-1-2");
        assertThat(maps(((List<?>) admin.callKw("listTaggedRPMS", List.of(c.top()), Map.of("arch", "noarch")))
                .get(0))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void snapshotTagCopiesTheEffectiveListAndTheLatestBuildsButNotInheritance(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "snap-" + enc);
        String foo = "sfoo-" + enc;
        String bar = "sbar-" + enc;
        add(admin, c.top(), foo);
        add(admin, c.top(), bar);
        admin.call("packageListBlock", c.mid(), bar);
        build(admin, foo, "1", "1");
        build(admin, foo, "1", "2");
        admin.call("tagBuildBypass", c.top(), foo + "-1-2");
        admin.call("tagBuildBypass", c.mid(), foo + "-1-1");
        String snap = "snap-copy-" + enc;
        admin.call("snapshotTag", c.leaf(), snap);

        assertThat(admin.call("getInheritanceData", snap)).isEqualTo(List.of());
        assertThat(entry(admin, snap, foo)).containsEntry("tag_name", snap).containsEntry("blocked", false);
        assertThat(entry(admin, snap, bar)).containsEntry("blocked", true);
        assertThat(nvrs(admin.call("listTagged", snap))).containsExactly(foo + "-1-1");
        assertThatThrownBy(() -> admin.call("snapshotTag", c.leaf(), snap)).hasMessageContaining("Target tag already exists");
        assertThat(faultCode(() -> admin.callKw("snapshotTag", List.of(c.leaf(), snap + "-x"),
                Map.of("pkgs", false)))).isEqualTo(1019);
    }
}
