package org.kojinext.hub.comps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.testing.Replies.fault;

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

/**
 * Comps groups of tags over the wire, with Koji's inheritance rules and corner cases. Each test
 * builds its own chain top <- mid <- leaf, named after the test and encoding.
 */
class TagGroupsTest {
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

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> groups(KojiClient c, String tag, Map<String, Object> kw) {
        return (List<Map<String, Object>>) c.callKw("getTagGroups", List.of(tag), kw);
    }

    private static List<Map<String, Object>> groups(KojiClient c, String tag) {
        return groups(c, tag, Map.of());
    }

    private static Map<String, Object> group(List<Map<String, Object>> groups, String name) {
        return groups.stream().filter(g -> name.equals(g.get("name"))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> group, String key) {
        return (List<Map<String, Object>>) group.get(key);
    }

    private static List<Object> names(List<Map<String, Object>> rows, String key) {
        return rows.stream().map(r -> r.get(key)).toList();
    }

    private static int tagId(KojiClient c, String tag) {
        return (Integer) ((Map<?, ?>) c.call("getTag", tag)).get("id");
    }

    private static int lastEvent(KojiClient c) {
        return (Integer) ((Map<?, ?>) c.call("getLastEvent")).get("id");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aGroupHasKojisShapeAndDefaults(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        String tag = "shape-" + enc;
        String grp = "build-" + enc;
        String core = "core-" + enc;
        admin.call("createTag", tag);
        admin.call("groupListAdd", tag, grp);
        admin.call("groupListAdd", tag, core);
        admin.call("groupPackageListAdd", tag, grp, "bash");
        admin.call("groupReqListAdd", tag, grp, core);

        Map<String, Object> g = group(groups(admin, tag), grp);
        assertThat(g).containsOnlyKeys("name", "group_id", "tag_id", "blocked", "exported", "display_name",
                "is_default", "uservisible", "description", "langonly", "biarchonly", "packagelist", "grouplist");
        assertThat(g).containsEntry("tag_id", tagId(admin, tag)).containsEntry("blocked", false)
                .containsEntry("exported", true).containsEntry("display_name", grp).containsEntry("is_default", null)
                .containsEntry("uservisible", true).containsEntry("description", null)
                .containsEntry("langonly", null).containsEntry("biarchonly", false);
        assertThat(list(g, "packagelist")).singleElement().satisfies(p -> assertThat(p)
                .containsOnlyKeys("group_id", "tag_id", "package", "blocked", "type", "basearchonly", "requires")
                .containsEntry("group_id", g.get("group_id")).containsEntry("package", "bash")
                .containsEntry("type", "mandatory").containsEntry("blocked", false)
                .containsEntry("basearchonly", null).containsEntry("requires", null));
        int coreId = (Integer) group(groups(admin, tag), core).get("group_id");
        assertThat(list(g, "grouplist")).singleElement().satisfies(r -> assertThat(r)
                .containsOnlyKeys("group_id", "tag_id", "req_id", "blocked", "type", "is_metapkg", "name")
                .containsEntry("req_id", coreId).containsEntry("name", core).containsEntry("type", "mandatory")
                .containsEntry("is_metapkg", false));

        // Without packages or requirements the keys are absent, not empty.
        Map<String, Object> bare = group(groups(admin, tag, Map.of("incl_pkgs", false, "incl_reqs", false)), grp);
        assertThat(bare).doesNotContainKeys("packagelist", "grouplist");
        // Options are kept; unknown ones are ignored, as Koji's dslice drops them.
        admin.callKw("groupListAdd", List.of(tag, grp), Map.of("description", "Build tools", "is_default", true,
                "display_name", "Build", "not_an_option", 5));
        assertThat(group(groups(admin, tag), grp)).containsEntry("description", "Build tools")
                .containsEntry("is_default", true).containsEntry("display_name", "Build");
        admin.callKw("groupPackageListAdd", List.of(tag, grp, "rpm-build"), Map.of("type", "optional",
                "basearchonly", true, "requires", "bash"));
        assertThat(list(group(groups(admin, tag), grp), "packagelist")).filteredOn(p -> "rpm-build".equals(p.get("package")))
                .singleElement().satisfies(p -> assertThat(p).containsEntry("type", "optional")
                        .containsEntry("basearchonly", true).containsEntry("requires", "bash"));
        KojiFault bad = fault(() -> admin.callKw("groupListAdd", List.of(tag, grp), Map.of("exported", "yes")));
        assertThat(bad.code()).isEqualTo(1019);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aGroupBlockedAboveCanBeOverriddenBelowOnlyByForce(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "blk-" + enc);
        String grp = "web-" + enc;
        admin.call("groupListAdd", c.top(), grp);
        admin.call("groupPackageListAdd", c.top(), grp, "httpd");
        assertThat(group(groups(admin, c.leaf()), grp)).containsEntry("tag_id", tagId(admin, c.top()));

        admin.call("groupListBlock", c.mid(), grp);
        assertThat(group(groups(admin, c.leaf()), grp)).isNull();
        assertThat(group(groups(admin, c.top()), grp)).isNotNull();
        // incl_blocked shows the block where it was made, with no packages: a blocked group gets none.
        Map<String, Object> blocked = group(groups(admin, c.leaf(), Map.of("incl_blocked", true)), grp);
        assertThat(blocked).containsEntry("blocked", true).containsEntry("tag_id", tagId(admin, c.mid()));
        assertThat(list(blocked, "packagelist")).isEmpty();

        // The leaf cannot add it back without force, nor unblock a block it did not make.
        assertThatThrownBy(() -> admin.call("groupListAdd", c.leaf(), grp))
                .hasMessage("group " + grp + " is blocked in tag " + c.leaf());
        assertThatThrownBy(() -> admin.call("groupListUnblock", c.leaf(), grp))
                .hasMessage("group " + grp + " is NOT blocked in tag " + c.leaf());
        assertThatThrownBy(() -> admin.call("groupPackageListAdd", c.leaf(), grp, "nginx"))
                .hasMessage("group " + grp + " is blocked in tag " + c.leaf());
        admin.callKw("groupListAdd", List.of(c.leaf(), grp), Map.of("force", true));
        Map<String, Object> below = group(groups(admin, c.leaf()), grp);
        assertThat(below).containsEntry("tag_id", tagId(admin, c.leaf())).containsEntry("blocked", false);
        // The top's packages flow again through the leaf's own entry; mid stays blocked.
        assertThat(names(list(below, "packagelist"), "package")).containsExactly("httpd");
        assertThat(group(groups(admin, c.mid()), grp)).isNull();

        // Unblocking where the block was made: the top's entry shows through mid again.
        admin.call("groupListUnblock", c.mid(), grp);
        assertThat(group(groups(admin, c.mid()), grp)).containsEntry("tag_id", tagId(admin, c.top()));
        assertThatThrownBy(() -> admin.call("groupListUnblock", c.mid(), grp))
                .hasMessage("group " + grp + " is NOT blocked in tag " + c.mid());
        // Without inheritance a tag shows only its own entries.
        assertThat(group(groups(admin, c.mid(), Map.of("inherit", false)), grp)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void packagesAddedBelowJoinTheInheritedGroup(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "pkg-" + enc);
        String grp = "base-" + enc;
        admin.call("groupListAdd", c.top(), grp);
        admin.call("groupPackageListAdd", c.top(), grp, "bash");
        admin.call("groupPackageListAdd", c.top(), grp, "coreutils");
        admin.call("groupPackageListAdd", c.leaf(), grp, "vim");

        List<Map<String, Object>> leafPkgs = list(group(groups(admin, c.leaf()), grp), "packagelist");
        assertThat(names(leafPkgs, "package")).containsExactlyInAnyOrder("bash", "coreutils", "vim");
        assertThat(leafPkgs).filteredOn(p -> "vim".equals(p.get("package"))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("tag_id", tagId(admin, c.leaf())));
        // The group itself is still the top's.
        assertThat(group(groups(admin, c.leaf()), grp)).containsEntry("tag_id", tagId(admin, c.top()));
        assertThat(names(list(group(groups(admin, c.top()), grp), "packagelist"), "package"))
                .containsExactlyInAnyOrder("bash", "coreutils");

        // A package blocked in the middle is gone below it, shown blocked with incl_blocked.
        admin.call("groupPackageListBlock", c.mid(), grp, "bash");
        assertThat(names(list(group(groups(admin, c.leaf()), grp), "packagelist"), "package"))
                .containsExactlyInAnyOrder("coreutils", "vim");
        assertThat(list(group(groups(admin, c.leaf(), Map.of("incl_blocked", true)), grp), "packagelist"))
                .filteredOn(p -> "bash".equals(p.get("package"))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("blocked", true)
                        .containsEntry("tag_id", tagId(admin, c.mid())));
        assertThatThrownBy(() -> admin.call("groupPackageListAdd", c.leaf(), grp, "bash"))
                .hasMessage("package bash blocked in group " + grp + ", tag " + c.leaf());
        // Koji names the group and tag by id in this one message.
        int grpId = (Integer) group(groups(admin, c.top()), grp).get("group_id");
        assertThatThrownBy(() -> admin.call("groupPackageListUnblock", c.leaf(), grp, "bash"))
                .hasMessage("package bash is NOT blocked in group " + grpId + ", tag " + tagId(admin, c.leaf()));
        admin.call("groupPackageListUnblock", c.mid(), grp, "bash");
        assertThat(names(list(group(groups(admin, c.leaf()), grp), "packagelist"), "package"))
                .containsExactlyInAnyOrder("bash", "coreutils", "vim");

        // Removing the leaf's own entry; removing what is not there is quietly nothing.
        admin.call("groupPackageListRemove", c.leaf(), grp, "vim");
        admin.call("groupPackageListRemove", c.leaf(), grp, "vim");
        assertThat(names(list(group(groups(admin, c.leaf()), grp), "packagelist"), "package"))
                .containsExactlyInAnyOrder("bash", "coreutils");
        assertThatThrownBy(() -> admin.call("groupPackageListAdd", c.leaf(), "absent-" + enc, "x"))
                .hasMessage("No such entry in table groups: absent-" + enc);
        admin.call("groupListAdd", c.top(), "other-" + enc);
        admin.call("groupListRemove", c.top(), "other-" + enc);
        assertThatThrownBy(() -> admin.call("groupPackageListAdd", c.leaf(), "other-" + enc, "x"))
                .hasMessage("group other-" + enc + " not present in tag " + c.leaf());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void requirementsFollowTheGroupsTheyName(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        Chain c = chain(admin, "req-" + enc);
        String build = "build-" + enc;
        String core = "core-" + enc;
        String extra = "extra-" + enc;
        admin.call("groupListAdd", c.top(), build);
        admin.call("groupListAdd", c.top(), core);
        admin.call("groupListAdd", c.leaf(), extra);
        admin.call("groupReqListAdd", c.top(), build, core);
        // A requirement on a group the top does not have: listed only where that group is present.
        admin.call("groupReqListAdd", c.top(), build, extra);
        assertThat(names(list(group(groups(admin, c.top()), build), "grouplist"), "name")).containsExactly(core);
        assertThat(names(list(group(groups(admin, c.leaf()), build), "grouplist"), "name"))
                .containsExactlyInAnyOrder(core, extra);

        // Blocking the required group in mid drops the requirement below, blocked or not.
        admin.call("groupListBlock", c.mid(), core);
        assertThat(names(list(group(groups(admin, c.leaf()), build), "grouplist"), "name")).containsExactly(extra);
        assertThat(names(list(group(groups(admin, c.leaf(), Map.of("incl_blocked", true)), build), "grouplist"),
                "name")).containsExactly(extra);
        admin.call("groupListUnblock", c.mid(), core);

        // Blocking the requirement itself in mid.
        admin.call("groupReqListBlock", c.mid(), build, core);
        assertThat(names(list(group(groups(admin, c.leaf()), build), "grouplist"), "name")).containsExactly(extra);
        assertThat(list(group(groups(admin, c.leaf(), Map.of("incl_blocked", true)), build), "grouplist"))
                .filteredOn(r -> core.equals(r.get("name"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("blocked", true));
        assertThatThrownBy(() -> admin.call("groupReqListAdd", c.leaf(), build, core))
                .hasMessage("requirement on group " + core + " blocked in group " + build + ", tag " + c.leaf());
        int buildId = (Integer) group(groups(admin, c.top()), build).get("group_id");
        int coreId = (Integer) group(groups(admin, c.top()), core).get("group_id");
        assertThatThrownBy(() -> admin.call("groupReqListUnblock", c.leaf(), build, core))
                .hasMessage("group req " + coreId + " is NOT blocked in group " + buildId + ", tag "
                        + tagId(admin, c.leaf()));
        admin.call("groupReqListUnblock", c.mid(), build, core);
        assertThat(names(list(group(groups(admin, c.leaf()), build), "grouplist"), "name"))
                .containsExactlyInAnyOrder(core, extra);

        // Options: is_metapkg and type, kept when the entry is rewritten.
        admin.callKw("groupReqListAdd", List.of(c.leaf(), build, core), Map.of("is_metapkg", true));
        assertThat(list(group(groups(admin, c.leaf()), build), "grouplist"))
                .filteredOn(r -> core.equals(r.get("name"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("is_metapkg", true).containsEntry("type", "mandatory")
                        .containsEntry("tag_id", tagId(admin, c.leaf())));
        // groupReqListRemove takes a deprecated force and ignores it.
        admin.callKw("groupReqListRemove", List.of(c.leaf(), build, core), Map.of("force", true));
        assertThat(list(group(groups(admin, c.leaf()), build), "grouplist"))
                .filteredOn(r -> core.equals(r.get("name"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("is_metapkg", false));
        assertThatThrownBy(() -> admin.call("groupReqListAdd", c.leaf(), build, "nope-" + enc))
                .hasMessage("No such entry in table groups: nope-" + enc);
    }

    @Test
    void unchangedAddsWriteNothingAndThePastCanBeRead() {
        KojiClient admin = hub.admin(Encoding.XML);
        Chain c = chain(admin, "time");
        admin.call("groupListAdd", c.top(), "t-grp");
        admin.call("groupPackageListAdd", c.top(), "t-grp", "one");
        int before = lastEvent(admin);
        // Same data, possibly inherited: no change, no event.
        admin.call("groupListAdd", c.top(), "t-grp");
        admin.call("groupListAdd", c.leaf(), "t-grp");
        admin.call("groupPackageListAdd", c.leaf(), "t-grp", "one");
        admin.call("groupReqListAdd", c.top(), "t-grp", "t-grp");
        int afterReq = lastEvent(admin);
        admin.call("groupReqListAdd", c.top(), "t-grp", "t-grp");
        assertThat(lastEvent(admin)).isEqualTo(afterReq).isGreaterThan(before);
        // force rewrites an unchanged package entry (Koji), but not an unchanged requirement.
        admin.callKw("groupPackageListAdd", List.of(c.top(), "t-grp", "one"), Map.of("force", true));
        assertThat(lastEvent(admin)).isGreaterThan(afterReq);
        int afterForce = lastEvent(admin);
        admin.callKw("groupReqListAdd", List.of(c.top(), "t-grp", "t-grp"), Map.of("force", true));
        assertThat(lastEvent(admin)).isEqualTo(afterForce);

        admin.call("groupPackageListAdd", c.top(), "t-grp", "two");
        admin.call("groupListBlock", c.mid(), "t-grp");
        assertThat(group(groups(admin, c.leaf()), "t-grp")).isNull();
        Map<String, Object> then = group(groups(admin, c.leaf(), Map.of("event", afterForce)), "t-grp");
        assertThat(names(list(then, "packagelist"), "package")).containsExactly("one");
        assertThat(group(groups(admin, c.leaf(), Map.of("event", before)), "t-grp")).satisfies(g ->
                assertThat(list(g, "grouplist")).isEmpty());
        assertThatThrownBy(() -> admin.callKw("getTagGroups", List.of(c.leaf()), Map.of("event", "yesterday")))
                .hasMessage("Invalid event: 'yesterday'");
        assertThatThrownBy(() -> admin.call("getTagGroups", "no-such-tag"))
                .hasMessage("No such entry in table tag: no-such-tag");
    }

    @Test
    void removalNeedsAnEntryUnlessForcedAndNewGroupsNeedAName() {
        KojiClient admin = hub.admin(Encoding.JSON);
        admin.call("createTag", "rm-tag");
        assertThatThrownBy(() -> admin.call("groupListRemove", "rm-tag", "never"))
                .hasMessage("No such entry in table groups: never");
        admin.call("groupListAdd", "rm-tag", "rm-grp");
        admin.call("groupListRemove", "rm-tag", "rm-grp");
        assertThatThrownBy(() -> admin.call("groupListRemove", "rm-tag", "rm-grp"))
                .hasMessage("No group: rm-grp found for tag: rm-tag");
        admin.call("groupListRemove", "rm-tag", "rm-grp", true);
        assertThat(groups(admin, "rm-tag")).isEmpty();
        assertThatThrownBy(() -> admin.call("groupListAdd", "rm-tag", 999999)).hasMessage("Name must be a string");
        assertThatThrownBy(() -> admin.call("groupListAdd", "no-tag", "x")).hasMessage("No such tagInfo: 'no-tag'");
        // Group changes name the group by id as well as by name.
        admin.call("groupListAdd", "rm-tag", "by-id");
        int id = (Integer) group(groups(admin, "rm-tag"), "by-id").get("group_id");
        admin.call("groupListBlock", "rm-tag", id);
        assertThat(groups(admin, "rm-tag")).isEmpty();
        admin.call("groupListUnblock", "rm-tag", Map.of("name", "by-id"));
        assertThat(groups(admin, "rm-tag")).isEmpty();
    }

    @Test
    void changesNeedTheTagPermissionAndIgnoreTheTagLockAsInKoji() {
        KojiClient admin = hub.admin(Encoding.XML);
        admin.call("createTag", "perm-tag");
        admin.call("groupListAdd", "perm-tag", "perm-grp");
        admin.callKw("createUser", List.of("grouper"), Map.of("password", "pw"));
        KojiClient user = hub.client(Encoding.XML);
        user.login("grouper", "pw");
        KojiClient anon = hub.client(Encoding.XML);
        List<List<Object>> calls = List.of(
                List.of("groupListAdd", "perm-tag", "g2"), List.of("groupListRemove", "perm-tag", "perm-grp"),
                List.of("groupListBlock", "perm-tag", "perm-grp"), List.of("groupListUnblock", "perm-tag", "perm-grp"),
                List.of("groupPackageListAdd", "perm-tag", "perm-grp", "p"),
                List.of("groupPackageListRemove", "perm-tag", "perm-grp", "p"),
                List.of("groupPackageListBlock", "perm-tag", "perm-grp", "p"),
                List.of("groupPackageListUnblock", "perm-tag", "perm-grp", "p"),
                List.of("groupReqListAdd", "perm-tag", "perm-grp", "perm-grp"),
                List.of("groupReqListRemove", "perm-tag", "perm-grp", "perm-grp"),
                List.of("groupReqListBlock", "perm-tag", "perm-grp", "perm-grp"),
                List.of("groupReqListUnblock", "perm-tag", "perm-grp", "perm-grp"));
        for (List<Object> call : calls) {
            String method = (String) call.getFirst();
            Object[] args = call.subList(1, call.size()).toArray();
            KojiFault denied = fault(() -> user.call(method, args));
            assertThat(denied.code()).as(method).isEqualTo(1004);
            assertThat(denied.getMessage()).as(method).isEqualTo("tag permission required (logged in as grouper)");
            assertThat(fault(() -> anon.call(method, args)).getMessage()).as(method)
                    .isEqualTo("tag permission required (user not logged in)");
        }
        assertThat(group(groups(anon, "perm-tag"), "perm-grp")).isNotNull();

        admin.call("grantPermission", "grouper", "tag");
        user.call("groupPackageListAdd", "perm-tag", "perm-grp", "p");
        // Koji checks no lock for comps changes (nor for package lists): a locked tag takes them.
        admin.callKw("editTag2", List.of("perm-tag"), Map.of("locked", true));
        user.call("groupPackageListBlock", "perm-tag", "perm-grp", "p");
        user.call("groupListAdd", "perm-tag", "locked-grp");
        assertThat(names(groups(anon, "perm-tag"), "name")).containsExactlyInAnyOrder("perm-grp", "locked-grp");
    }

    /** Koji's deleteTag revokes a tag's groups and external repos with the rest of it. */
    @Test
    void deletingATagRevokesItsGroupsAndExternalRepos() {
        KojiClient admin = hub.admin(Encoding.XML);
        admin.call("createTag", "del-tag");
        admin.call("groupListAdd", "del-tag", "del-grp");
        admin.call("groupPackageListAdd", "del-tag", "del-grp", "del-pkg");
        admin.call("groupReqListAdd", "del-tag", "del-grp", "del-grp");
        admin.call("createExternalRepo", "del-repo", "https://example.org/del/");
        admin.call("addExternalRepoToTag", "del-tag", "del-repo", 1);
        int before = lastEvent(admin);
        admin.call("deleteTag", "del-tag");

        assertThat((List<?>) admin.callKw("getTagExternalRepos", List.of(), Map.of("repo_info", "del-repo")))
                .isEmpty();
        // The tag row stays, so its groups can still be asked for: none now, all of them before.
        assertThat(groups(admin, "del-tag")).isEmpty();
        assertThat(list(group(groups(admin, "del-tag", Map.of("event", before)), "del-grp"), "packagelist"))
                .hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, List<?>> live = (Map<String, List<?>>) admin.callKw("queryHistory", List.of(List.of(
                "group_config", "group_req_listing", "group_package_listing", "tag_external_repos")),
                Map.of("tag", "del-tag", "active", true));
        assertThat(live.values()).allSatisfy(rows -> assertThat(rows).isEmpty());
    }

    @Test
    void queryHistoryKnowsTheCompsTables() {
        KojiClient admin = hub.admin(Encoding.XML);
        admin.call("createTag", "hist-tag");
        admin.call("groupListAdd", "hist-tag", "hist-a");
        admin.call("groupListAdd", "hist-tag", "hist-b");
        admin.call("groupReqListAdd", "hist-tag", "hist-a", "hist-b");
        admin.call("groupPackageListAdd", "hist-tag", "hist-a", "hist-pkg");
        admin.call("groupListBlock", "hist-tag", "hist-b");
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> h = (Map<String, List<Map<String, Object>>>) admin.callKw(
                "queryHistory", List.of(), Map.of("tag", "hist-tag"));
        assertThat(h).containsKeys("group_config", "group_req_listing", "group_package_listing");
        assertThat(h.get("group_config")).hasSize(3).first().satisfies(r -> assertThat(r)
                .containsEntry("group.name", "hist-a").containsEntry("tag.name", "hist-tag")
                .containsEntry("display_name", "hist-a").containsEntry("creator_name", "kojiadmin"));
        assertThat(h.get("group_config").get(1)).containsEntry("group.name", "hist-b").containsEntry("active", null)
                .containsEntry("revoker_name", "kojiadmin");
        assertThat(h.get("group_req_listing")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("group.name", "hist-a").containsEntry("req.name", "hist-b"));
        assertThat(h.get("group_package_listing")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("package", "hist-pkg").containsEntry("group.name", "hist-a"));
        // As in Koji, the group filter of group_req_listing matches the required group.
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> byGroup = (Map<String, List<Map<String, Object>>>) admin.callKw(
                "queryHistory", List.of(), Map.of("group", "hist-b"));
        assertThat(byGroup.keySet()).containsExactly("group_config", "group_package_listing", "group_req_listing");
        assertThat(byGroup.get("group_req_listing")).hasSize(1);
        assertThat(byGroup.get("group_package_listing")).isEmpty();
        // The package filter compares the comps entry's name as text.
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> byPkg = (Map<String, List<Map<String, Object>>>) admin.callKw(
                "queryHistory", List.of(List.of("group_package_listing")), Map.of("package", "hist-pkg"));
        assertThat(byPkg.get("group_package_listing")).hasSize(1);
        assertThatThrownBy(() -> admin.callKw("queryHistory", List.of(), Map.of("group", "nope")))
                .hasMessage("No such entry in table groups: nope");
    }
}
