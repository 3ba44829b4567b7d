package org.kojinext.hub.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;
import static org.kojinext.hub.tags.TagTestSupport.createTag;
import static org.kojinext.hub.tags.TagTestSupport.full;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/** createTag, editTag2, deleteTag, getTag, getTagID and listTags over the wire. */
class TagApiTest {
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
    void aCreatedTagReadsBackByNameIdAndDict(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String name = "create-" + enc;
        int parent = createTag(c, name + "-parent");
        int id = (Integer) c.callKw("createTag", List.of(name), Map.of("parent", name + "-parent",
                "arches", "x86_64  i686", "perm", "admin", "locked", true,
                "extra", Map.of("mock.new_chroot", 0, "nested", Map.of("a", List.of(1, "two", true)))));

        Map<String, Object> tag = map(c.call("getTag", name));
        assertThat(tag).containsOnlyKeys("id", "name", "perm_id", "perm", "arches", "locked", "maven_support",
                "maven_include_all", "extra");
        assertThat(tag).containsEntry("id", id).containsEntry("name", name).containsEntry("perm", "admin")
                .containsEntry("arches", "x86_64 i686").containsEntry("locked", true)
                .containsEntry("maven_support", false);
        assertThat(tag.get("perm_id")).isInstanceOf(Integer.class);
        assertThat(map(tag.get("extra"))).isEqualTo(Map.of("mock.new_chroot", 0,
                "nested", Map.of("a", List.of(1, "two", true))));
        assertThat(c.call("getTag", id)).isEqualTo(tag);
        assertThat(c.call("getTag", Map.of("name", name))).isEqualTo(tag);
        assertThat(c.call("getTagID", name)).isEqualTo(id);
        assertThat(c.call("getTagID", "nope-" + enc)).isNull();
        assertThat(fault(() -> c.call("getTagID", "nope-" + enc, true)).getMessage())
                .isEqualTo("No such entry in table tag: nope-" + enc);

        var links = full(c, id, false);
        assertThat(links).hasSize(1);
        assertThat(links.get(0)).containsEntry("parent_id", parent).containsEntry("priority", 0)
                .containsEntry("pkg_filter", "").containsEntry("maxdepth", null);

        // no arches given: Koji stores the empty string
        assertThat(map(c.call("getTag", parent))).containsEntry("arches", "").containsEntry("perm", null);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void createTagRefusesDuplicatesBadNamesAndUnknownReferences(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String name = "dupe-" + enc;
        createTag(c, name);
        var dup = fault(() -> c.call("createTag", name));
        assertThat(dup.code()).isEqualTo(1000);
        assertThat(dup.getMessage()).isEqualTo("A tag with the name '" + name + "' already exists");
        assertThat(fault(() -> c.call("createTag", "bad name " + enc)).getMessage())
                .isEqualTo("Name bad name " + enc + " does not match RegexNameInternal value");
        assertThat(fault(() -> c.call("createTag", name + "-x", "no-parent")).getMessage())
                .isEqualTo("Parent tag 'no-parent' could not be found");
        assertThat(fault(() -> c.callKw("createTag", List.of(name + "-x"), Map.of("perm", "no-perm")))
                .getMessage()).isEqualTo("No such entry in table permissions: no-perm");
        assertThat(fault(() -> c.callKw("createTag", List.of(name + "-x"), Map.of("arches", "x86_64 a/b")))
                .getMessage()).isEqualTo("Architecture can be only [a-zA-Z0-9_-]");
        assertThat(fault(() -> c.callKw("createTag", List.of(name + "-x"), Map.of("maven_support", true)))
                .getMessage()).isEqualTo("Maven support not enabled");
        assertThat(c.call("getTag", name + "-x")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void editTag2ChangesConfigExtraAndName(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String name = "edit-" + enc;
        int id = (Integer) c.callKw("createTag", List.of(name), Map.of("extra", Map.of("a", 1, "b", 2)));
        createTag(c, name + "-other");

        c.callKw("editTag2", List.of(name), Map.of("name", name + "-new", "arches", "aarch64,x86_64".replace(',', ' '),
                "locked", true, "perm", "tag", "extra", Map.of("a", "changed", "c", List.of()),
                "remove_extra", List.of("b")));
        Map<String, Object> tag = map(c.call("getTag", id));
        assertThat(tag).containsEntry("name", name + "-new").containsEntry("arches", "aarch64 x86_64")
                .containsEntry("locked", true).containsEntry("perm", "tag");
        assertThat(map(tag.get("extra"))).isEqualTo(Map.of("a", "changed", "c", List.of()));
        assertThat(c.call("getTag", name)).isNull();

        c.callKw("editTag2", List.of(id), Collections.singletonMap("perm", null));
        assertThat(map(c.call("getTag", id))).containsEntry("perm_id", null).containsEntry("perm", null);

        assertThat(fault(() -> c.callKw("editTag2", List.of(id), Map.of("name", name + "-other"))).getMessage())
                .startsWith("Name " + name + "-other already taken by tag ");
        assertThat(fault(() -> c.callKw("editTag2", List.of(id), Map.of("remove_extra", List.of("zz", "a"))))
                .getMessage()).isEqualTo("Tag: " + name + "-new doesn't have extra: zz");
        assertThat(fault(() -> c.callKw("editTag2", List.of(id), Map.of("extra", Map.of("a", 1),
                "block_extra", List.of("a")))).getMessage())
                .isEqualTo("Can not both add/update and remove tag-extra: 'a'");
        assertThat(fault(() -> c.callKw("editTag2", List.of(id), Map.of("remove_extra", "a"))).code())
                .isEqualTo(1019);
        assertThat(fault(() -> c.callKw("editTag2", List.of(id), Map.of("maven_support", false))).getMessage())
                .isEqualTo("Maven support not enabled");
        assertThat(fault(() -> c.callKw("editTag2", List.of("missing-" + enc), Map.of("locked", true)))
                .getMessage()).isEqualTo("No such tagInfo: 'missing-" + enc + "'");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void getTagReadsThePastAtAnEvent(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String name = "past-" + enc;
        int id = (Integer) c.callKw("createTag", List.of(name), Map.of("arches", "x86_64", "extra", Map.of("k", "v1")));
        int before = TagTestSupport.lastEvent(hub);
        c.callKw("editTag2", List.of(name), Map.of("arches", "s390x", "extra", Map.of("k", "v2", "n", 1)));

        assertThat(map(c.call("getTag", name))).containsEntry("arches", "s390x").doesNotContainKey("query_event");
        Map<String, Object> then = map(c.call("getTag", name, false, before));
        assertThat(then).containsEntry("arches", "x86_64").containsEntry("query_event", before);
        assertThat(map(then.get("extra"))).isEqualTo(Map.of("k", "v1"));
        assertThat(map(map(c.call("getBuildConfig", id, before)).get("extra"))).isEqualTo(Map.of("k", "v1"));
        // before the tag existed, there was no tag
        assertThat(c.call("getTag", name, false, before - 1)).isNull();
        assertThat(fault(() -> c.call("getTag", name, false, "yesterday")).getMessage())
                .isEqualTo("Invalid event: 'yesterday'");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aDeletedTagIsGoneButItsIdAndHistoryRemain(Encoding enc) {
        KojiClient c = hub.admin(enc);
        String name = "del-" + enc;
        int parent = createTag(c, name + "-parent");
        int id = (Integer) c.callKw("createTag", List.of(name, name + "-parent"), Map.of("arches", "x86_64"));
        int child = createTag(c, name + "-child");
        TagTestSupport.link(c, child, id, 1);
        c.call("createBuildTarget", name + "-target", name, name);

        c.call("deleteTag", name);
        assertThat(c.call("getTag", name)).isNull();
        assertThat(fault(() -> c.call("getTag", name, true)).getMessage()).isEqualTo("No such tagInfo: '" + name + "'");
        assertThat(c.call("getTagID", name)).isEqualTo(id);
        assertThat(full(c, child, false)).isEmpty();
        assertThat(full(c, parent, true)).isEmpty();
        assertThat(c.call("getBuildTarget", name + "-target")).isNull();
        assertThat(fault(() -> c.call("deleteTag", name)).getMessage()).isEqualTo("No such tagInfo: '" + name + "'");

        Map<String, Object> last = map(c.callKw("getTag", List.of(name), Map.of("event", "auto")));
        assertThat(last).containsEntry("id", id).containsEntry("arches", "x86_64").containsKey("revoke_event");
        assertThat(last.get("query_event")).isEqualTo((Integer) last.get("revoke_event") - 1);

        // the name can be used again, and the tag gets its old id back
        assertThat(c.call("createTag", name)).isEqualTo(id);
        assertThat(map(c.call("getTag", name))).containsEntry("arches", "");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void writesNeedTheTagPermissionAndReadsNeedNothing(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        String user = "tagger-" + enc;
        admin.callKw("createUser", List.of(user), Map.of("password", "pw"));
        int t = createTag(admin, "perm-" + enc);
        KojiClient u = hub.client(enc);
        u.login(user, "pw");

        var denied = fault(() -> u.call("createTag", "perm-" + enc + "-mine"));
        assertThat(denied.code()).isEqualTo(1004);
        assertThat(denied.getMessage()).isEqualTo("tag permission required (logged in as " + user + ")");
        assertThat(fault(() -> u.callKw("editTag2", List.of(t), Map.of("locked", true))).code()).isEqualTo(1004);
        assertThat(fault(() -> u.call("deleteTag", t)).code()).isEqualTo(1004);
        assertThat(fault(() -> u.call("setInheritanceData", t, List.of())).code()).isEqualTo(1004);
        assertThat(fault(() -> u.call("createBuildTarget", "x-" + enc, t, t)).code()).isEqualTo(1004);

        KojiClient anon = hub.client(enc);
        assertThat(map(anon.call("getTag", t))).containsEntry("id", t);
        assertThat(anon.call("getFullInheritance", t)).isEqualTo(List.of());
        assertThat(anon.call("listTags")).isInstanceOf(List.class);
        assertThat(fault(() -> anon.call("createTag", "anon-" + enc)).getMessage())
                .isEqualTo("tag permission required (user not logged in)");

        admin.call("grantPermission", user, "tag");
        assertThat(u.call("createTag", "perm-" + enc + "-mine")).isInstanceOf(Integer.class);
        // the tag permission does not cover targets
        assertThat(fault(() -> u.call("createBuildTarget", "x-" + enc, t, t)).getMessage())
                .isEqualTo("target permission required (logged in as " + user + ")");
    }

    @Test
    void listTagsFiltersByPatternBuildAndPackage() throws Exception {
        KojiClient c = hub.admin(Encoding.XML);
        int a = createTag(c, "lst-Alpha_1");
        int b = createTag(c, "lst-alphaX1");
        int g = (Integer) c.callKw("createTag", List.of("lst-gamma"), Map.of("perm", "admin"));

        assertThat(ids(c.callKw("listTags", List.of(), Map.of("pattern", "LST-alpha*")))).containsExactly(a, b);
        // _ is literal, ? is any one character
        assertThat(ids(c.callKw("listTags", List.of(), Map.of("pattern", "lst-alpha_1")))).containsExactly(a);
        assertThat(ids(c.callKw("listTags", List.of(), Map.of("pattern", "lst-alpha?1")))).containsExactly(a, b);
        Map<String, Object> gamma = map(((List<?>) c.callKw("listTags", List.of(),
                Map.of("pattern", "lst-gamma"))).get(0));
        assertThat(gamma).containsOnlyKeys("id", "name", "arches", "locked", "maven_support", "maven_include_all",
                "perm_id", "perm").containsEntry("perm", "admin");
        assertThat(map(((List<?>) c.callKw("listTags", List.of(), Map.of("pattern", "lst-gamma", "perms", false)))
                .get(0))).doesNotContainKey("perm");
        assertThat(ids(c.callKw("listTags", List.of(), Map.of("pattern", "lst-*",
                "queryOpts", Map.of("order", "-name", "limit", 2))))).containsExactly(g, b);
        assertThat(c.callKw("listTags", List.of(), Map.of("pattern", "lst-*", "queryOpts", Map.of("countOnly", true))))
                .isEqualTo(3);

        int admin = (Integer) map(c.call("getLoggedInUser")).get("id");
        int event = TagTestSupport.lastEvent(hub);
        try (Connection conn = hub.hub().database().dataSource().getConnection()) {
            var db = DSL.using(conn, SQLDialect.POSTGRES);
            int pkg = db.insertInto(PACKAGE).set(PACKAGE.NAME, "lst-pkg").returning(PACKAGE.ID).fetchSingle().getId();
            int build = db.insertInto(BUILD).set(BUILD.VOLUME_ID, 0).set(BUILD.PKG_ID, pkg)
                    .set(BUILD.VERSION, "1.0").set(BUILD.RELEASE, "1").set(BUILD.STATE, 0).set(BUILD.OWNER, admin)
                    .set(BUILD.CREATE_EVENT, event).returning(BUILD.ID).fetchSingle().getId();
            db.insertInto(TAG_LISTING).set(TAG_LISTING.BUILD_ID, build).set(TAG_LISTING.TAG_ID, b)
                    .set(TAG_LISTING.CREATE_EVENT, event).set(TAG_LISTING.CREATOR_ID, admin).execute();
            db.insertInto(TAG_PACKAGES).set(TAG_PACKAGES.PACKAGE_ID, pkg).set(TAG_PACKAGES.TAG_ID, g)
                    .set(TAG_PACKAGES.BLOCKED, true).set(TAG_PACKAGES.EXTRA_ARCHES, "noarch")
                    .set(TAG_PACKAGES.CREATE_EVENT, event).set(TAG_PACKAGES.CREATOR_ID, admin).execute();
            db.insertInto(TAG_PACKAGE_OWNERS).set(TAG_PACKAGE_OWNERS.PACKAGE_ID, pkg)
                    .set(TAG_PACKAGE_OWNERS.TAG_ID, g).set(TAG_PACKAGE_OWNERS.OWNER, admin)
                    .set(TAG_PACKAGE_OWNERS.CREATE_EVENT, event).set(TAG_PACKAGE_OWNERS.CREATOR_ID, admin).execute();
        }
        assertThat(ids(c.callKw("listTags", List.of(), Map.of("build", "lst-pkg-1.0-1")))).containsExactly(b);
        List<?> byPkg = (List<?>) c.callKw("listTags", List.of(), Map.of("package", "lst-pkg"));
        assertThat(byPkg).hasSize(1);
        assertThat(map(byPkg.get(0))).containsEntry("id", g).containsEntry("owner_id", admin)
                .containsEntry("owner_name", "kojiadmin").containsEntry("blocked", true)
                .containsEntry("extra_arches", "noarch");
        assertThat(fault(() -> c.callKw("listTags", List.of(), Map.of("build", "nope-1-1"))).getMessage())
                .isEqualTo("No such build: nope-1-1");
        assertThat(fault(() -> c.callKw("listTags", List.of(), Map.of("package", "nope"))).getMessage())
                .isEqualTo("No such package: nope");
        assertThat(fault(() -> c.callKw("listTags", List.of(), Map.of("package", "lst-pkg", "build", 1)))
                .getMessage()).isEqualTo("only one of build and package may be specified");
    }

    private static List<Object> ids(Object rows) {
        List<Object> out = new ArrayList<>();
        ((List<?>) rows).forEach(r -> out.add(map(r).get("id")));
        return out;
    }
}
