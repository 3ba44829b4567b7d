package org.kojinext.hub.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTRA;
import static org.kojinext.hub.db.jooq.Tables.TAG_INHERITANCE;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;
import static org.kojinext.hub.testing.Replies.map;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
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
import org.kojinext.protocol.KojiFault;

/**
 * getEvent, getLastEvent and queryHistory over the wire. Tag and build history is written
 * straight into the versioned tables, as Koji's own methods would leave it.
 */
class HistoryTest {
    private static TestHub hub;
    private static int admin;
    private static int alice;
    private static int devs;
    private static int f40;
    private static int f40Build;
    private static int buildId;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
        KojiClient c = hub.admin(Encoding.XML);
        admin = (Integer) ((Map<?, ?>) c.call("getUser", "kojiadmin")).get("id");
        alice = (Integer) c.call("createUser", "alice");
        devs = (Integer) c.call("newGroup", "devs");
        c.call("addGroupMember", "devs", "alice");
        c.call("grantPermission", "alice", "tag");
        c.call("revokePermission", "alice", "tag");
        c.call("grantPermission", "alice", "repo");
        try (Connection conn = DriverManager.getConnection(hub.jdbcUrl(), "postgres", null)) {
            DSLContext db = DSL.using(conn, SQLDialect.POSTGRES);
            int ev = event(db);
            int pkg = db.insertInto(PACKAGE).set(PACKAGE.NAME, "foo").returning(PACKAGE.ID).fetchSingle().getId();
            f40 = db.insertInto(TAG).set(TAG.NAME, "f40").returning(TAG.ID).fetchSingle().getId();
            f40Build = db.insertInto(TAG).set(TAG.NAME, "f40-build").returning(TAG.ID).fetchSingle().getId();
            for (int tag : List.of(f40, f40Build)) {
                db.insertInto(TAG_CONFIG).set(TAG_CONFIG.TAG_ID, tag).set(TAG_CONFIG.ARCHES, "x86_64")
                        .set(TAG_CONFIG.CREATE_EVENT, ev).set(TAG_CONFIG.CREATOR_ID, admin).execute();
            }
            db.insertInto(TAG_EXTRA).set(TAG_EXTRA.TAG_ID, f40).set(TAG_EXTRA.KEY, "mock.new_chroot")
                    .set(TAG_EXTRA.VALUE, "1").set(TAG_EXTRA.CREATE_EVENT, ev).set(TAG_EXTRA.CREATOR_ID, admin).execute();
            db.insertInto(TAG_INHERITANCE).set(TAG_INHERITANCE.TAG_ID, f40Build).set(TAG_INHERITANCE.PARENT_ID, f40)
                    .set(TAG_INHERITANCE.PRIORITY, 0).set(TAG_INHERITANCE.CREATE_EVENT, ev)
                    .set(TAG_INHERITANCE.CREATOR_ID, admin).execute();
            int target = db.insertInto(BUILD_TARGET).set(BUILD_TARGET.NAME, "f40-candidate")
                    .returning(BUILD_TARGET.ID).fetchSingle().getId();
            db.insertInto(BUILD_TARGET_CONFIG).set(BUILD_TARGET_CONFIG.BUILD_TARGET_ID, target)
                    .set(BUILD_TARGET_CONFIG.BUILD_TAG, f40Build).set(BUILD_TARGET_CONFIG.DEST_TAG, f40)
                    .set(BUILD_TARGET_CONFIG.CREATE_EVENT, ev).set(BUILD_TARGET_CONFIG.CREATOR_ID, admin).execute();
            ev = event(db);
            db.insertInto(TAG_PACKAGES).set(TAG_PACKAGES.PACKAGE_ID, pkg).set(TAG_PACKAGES.TAG_ID, f40)
                    .set(TAG_PACKAGES.CREATE_EVENT, ev).set(TAG_PACKAGES.CREATOR_ID, admin).execute();
            db.insertInto(TAG_PACKAGE_OWNERS).set(TAG_PACKAGE_OWNERS.PACKAGE_ID, pkg).set(TAG_PACKAGE_OWNERS.TAG_ID, f40)
                    .set(TAG_PACKAGE_OWNERS.OWNER, alice)
                    .set(TAG_PACKAGE_OWNERS.CREATE_EVENT, ev).set(TAG_PACKAGE_OWNERS.CREATOR_ID, admin).execute();
            ev = event(db);
            buildId = db.insertInto(BUILD).set(BUILD.VOLUME_ID, 0).set(BUILD.PKG_ID, pkg)
                    .set(BUILD.VERSION, "1.0").set(BUILD.RELEASE, "1.fc40").set(BUILD.EPOCH, 2)
                    .set(BUILD.STATE, 1).set(BUILD.COMPLETION_TIME, OffsetDateTime.now())
                    .set(BUILD.OWNER, alice).set(BUILD.CREATE_EVENT, ev)
                    .returning(BUILD.ID).fetchSingle().getId();
            db.insertInto(TAG_LISTING).set(TAG_LISTING.BUILD_ID, buildId).set(TAG_LISTING.TAG_ID, f40)
                    .set(TAG_LISTING.CREATE_EVENT, ev).set(TAG_LISTING.CREATOR_ID, alice).execute();
            int untag = event(db);
            db.update(TAG_LISTING).set(TAG_LISTING.ACTIVE, (Boolean) null).set(TAG_LISTING.REVOKE_EVENT, untag)
                    .set(TAG_LISTING.REVOKER_ID, admin).where(TAG_LISTING.ACTIVE.isTrue()).execute();
            db.insertInto(TAG_LISTING).set(TAG_LISTING.BUILD_ID, buildId).set(TAG_LISTING.TAG_ID, f40)
                    .set(TAG_LISTING.CREATE_EVENT, event(db)).set(TAG_LISTING.CREATOR_ID, admin).execute();
        }
    }

    private static int event(DSLContext db) {
        return db.insertInto(EVENTS).defaultValues().returning(EVENTS.ID).fetchSingle().getId();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object result, String table) {
        return (List<Map<String, Object>>) map(result).get(table);
    }

    private static Object history(KojiClient c, Map<String, ?> kwargs) {
        return c.callKw("queryHistory", List.of(), kwargs);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void eventsHaveAnIdAndAFloatTimestamp(Encoding enc) {
        KojiClient c = hub.client(enc);
        Map<String, Object> last = map(c.call("getLastEvent"));
        int id = (Integer) last.get("id");
        assertThat(last.get("ts")).isInstanceOf(Double.class);
        assertThat(c.call("getEvent", id)).isEqualTo(last);
        double ts = (Double) last.get("ts");
        Map<String, Object> earlier = map(c.callKw("getLastEvent", List.of(), Map.of("before", ts)));
        assertThat((Integer) earlier.get("id")).isLessThan(id);
        assertThat((Double) earlier.get("ts")).isLessThan(ts);

        assertThatThrownBy(() -> c.call("getEvent", id + 1000))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1000))
                .hasMessage("query returned no rows");
        assertThat(c.call("getEvent", id + 1000, false)).isNull();
        assertThatThrownBy(() -> c.call("getLastEvent", 0))
                .hasMessage("query returned no rows");
        assertThat(c.call("getLastEvent", 0.5, false)).isNull();
        assertThatThrownBy(() -> c.call("getLastEvent", "yesterday"))
                .hasMessage("Invalid type for before: <class 'str'>");
        assertThatThrownBy(() -> c.call("getEvent", "abc"))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1019))
                .hasMessage("Invalid type for value 'abc': <class 'str'>, expected type <class 'int'>");
        assertThat(map(c.call("getEvent", String.valueOf(id))).get("id")).isEqualTo(id);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void permissionHistoryShowsGrantsAndRevocationsWithNames(Encoding enc) {
        KojiClient c = hub.client(enc);
        List<Map<String, Object>> perms = rows(c.callKw("queryHistory", List.of(List.of("user_perms")),
                Map.of("user", "alice")), "user_perms");
        assertThat(perms).hasSize(2);
        Map<String, Object> revoked = perms.get(0);
        assertThat(revoked).containsEntry("permission.name", "tag").containsEntry("user.name", "alice")
                .containsEntry("user_id", alice).containsEntry("active", null)
                .containsEntry("creator_name", "kojiadmin").containsEntry("revoker_name", "kojiadmin")
                .containsEntry("creator_id", admin).containsEntry("revoker_id", admin);
        assertThat(revoked.keySet()).containsExactlyInAnyOrder("active", "create_event", "revoke_event",
                "creator_id", "revoker_id", "creator_name", "revoker_name", "create_ts", "revoke_ts",
                "user_id", "perm_id", "user.name", "permission.name");
        assertThat((Integer) revoked.get("revoke_event")).isGreaterThan((Integer) revoked.get("create_event"));
        assertThat((Double) revoked.get("revoke_ts")).isGreaterThanOrEqualTo((Double) revoked.get("create_ts"));
        Map<String, Object> live = perms.get(1);
        assertThat(live).containsEntry("permission.name", "repo").containsEntry("active", true)
                .containsEntry("revoke_event", null).containsEntry("revoke_ts", null).containsEntry("revoker_name", null);

        Map<String, Object> onlyLive = map(c.callKw("queryHistory", List.of(List.of("user_perms")),
                Map.of("user", "alice", "active", true)));
        assertThat(rows(onlyLive, "user_perms")).extracting(r -> r.get("permission.name")).containsExactly("repo");
        Map<String, Object> onlyRevoked = map(c.callKw("queryHistory", List.of(List.of("user_perms")),
                Map.of("user", "alice", "active", false)));
        assertThat(rows(onlyRevoked, "user_perms")).extracting(r -> r.get("permission.name")).containsExactly("tag");
    }

    @Test
    void theUserFilterOnGroupsMatchesTheGroupAsInKoji() {
        KojiClient c = hub.client(Encoding.XML);
        Map<String, Object> byGroup = map(history(c, Map.of("user", "devs")));
        // user_perms and tag_package_owners also join users; the group holds no permission or package.
        assertThat(byGroup.keySet()).containsExactly("tag_package_owners", "user_groups", "user_perms");
        assertThat(rows(byGroup, "user_groups")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("user_id", alice).containsEntry("group_id", devs)
                .containsEntry("user.name", "alice").containsEntry("group.name", "devs"));
        assertThat(rows(history(c, Map.of("user", "alice")), "user_groups")).isEmpty();
        assertThat(rows(history(c, Map.of("user", "alice")), "tag_package_owners")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("owner.name", "alice").containsEntry("package.name", "foo"));
    }

    @Test
    void aBuildFilterSearchesTagListingWithTheBuildsNvr() {
        KojiClient c = hub.client(Encoding.JSON);
        for (Object build : List.of(buildId, "foo-1.0-1.fc40", Map.of("name", "foo", "version", "1.0", "release", "1.fc40"))) {
            Map<String, Object> h = map(history(c, Map.of("build", build)));
            assertThat(h.keySet()).containsExactly("tag_listing");
            List<Map<String, Object>> listing = rows(h, "tag_listing");
            assertThat(listing).hasSize(2);
            assertThat(listing.get(0)).containsEntry("name", "foo").containsEntry("version", "1.0")
                    .containsEntry("release", "1.fc40").containsEntry("epoch", 2).containsEntry("build.state", 1)
                    .containsEntry("tag.name", "f40").containsEntry("tag_id", f40).containsEntry("build_id", buildId)
                    .containsEntry("creator_name", "alice").containsEntry("revoker_name", "kojiadmin");
            assertThat(listing.get(1)).containsEntry("active", true);
        }
        assertThatThrownBy(() -> history(c, Map.of("build", "foo-9-9")))
                .hasMessage("No such build: 'foo-9-9'");
        assertThatThrownBy(() -> history(c, Map.of("build", 99999))).hasMessage("No such build: 99999");
        assertThatThrownBy(() -> history(c, Map.of("build", "nodashes"))).hasMessage("invalid format: nodashes");
    }

    @Test
    void aTagFilterFollowsKojisJoins() {
        KojiClient c = hub.client(Encoding.XML);
        Map<String, Object> h = map(history(c, Map.of("tag", "f40")));
        assertThat(h.keySet()).containsExactly("build_target_config", "group_config", "group_package_listing",
                "group_req_listing", "tag_config", "tag_external_repos", "tag_extra", "tag_inheritance",
                "tag_listing", "tag_package_owners", "tag_packages");
        // Either end of an inheritance link; of a target, the destination tag only.
        assertThat(rows(h, "tag_inheritance")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("tag.name", "f40-build").containsEntry("parent.name", "f40")
                .containsEntry("priority", 0).containsEntry("intransitive", false));
        assertThat(rows(h, "build_target_config")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("build_target.name", "f40-candidate").containsEntry("build_tag.name", "f40-build")
                .containsEntry("dest_tag.name", "f40"));
        assertThat(rows(history(c, Map.of("tag", "f40-build")), "build_target_config")).isEmpty();
        assertThat(rows(h, "tag_config")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("arches", "x86_64").containsEntry("perm_id", null).containsEntry("locked", false)
                .containsEntry("maven_support", false).containsEntry("tag.name", "f40"));
        assertThat(rows(history(c, Map.of("tag", f40Build, "build_target", "f40-candidate")), "build_target_config"))
                .isEmpty();
        assertThat(map(history(c, Map.of("xkey", "mock.new_chroot"))).keySet()).containsExactly("tag_extra");

        Map<String, Object> byPackage = map(history(c, Map.of("tag", "f40", "package", "foo")));
        // Comps package lists name packages by text, so the package filter applies to them too.
        assertThat(byPackage.keySet()).containsExactly("group_package_listing", "tag_listing", "tag_package_owners",
                "tag_packages");
        assertThatThrownBy(() -> history(c, Map.of("tag", "nope")))
                .hasMessage("No such entry in table tag: nope");
        assertThatThrownBy(() -> history(c, Map.of("permission", "nope")))
                .hasMessage("No such entry in table permissions: nope");
        assertThatThrownBy(() -> history(c, Map.of("user", "nobody")))
                .hasMessage("No such user: 'nobody'");
    }

    @Test
    void eventAndTimeFiltersSayWhichSideMatched() {
        KojiClient c = hub.client(Encoding.XML);
        List<Map<String, Object>> all = rows(c.callKw("queryHistory", List.of(List.of("tag_listing")), Map.of()),
                "tag_listing");
        Map<String, Object> first = all.get(0);
        int created = (Integer) first.get("create_event");
        int revoked = (Integer) first.get("revoke_event");

        List<Map<String, Object>> after = rows(c.callKw("queryHistory", List.of(List.of("tag_listing")),
                Map.of("afterEvent", created)), "tag_listing");
        assertThat(after).hasSize(2);
        assertThat(after.get(0)).containsEntry("_created_after_event", false).containsEntry("_revoked_after_event", true);
        assertThat(after.get(1)).containsEntry("_created_after_event", true).containsEntry("_revoked_after_event", null);

        List<Map<String, Object>> before = rows(c.callKw("queryHistory", List.of(List.of("tag_listing")),
                Map.of("beforeEvent", revoked)), "tag_listing");
        assertThat(before).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("_created_before_event", true).containsEntry("_revoked_before_event", false));

        double createdTs = (Double) first.get("create_ts");
        List<Map<String, Object>> afterTime = rows(c.callKw("queryHistory", List.of(List.of("tag_listing")),
                Map.of("after", createdTs)), "tag_listing");
        assertThat(afterTime).hasSize(2);
        assertThat(afterTime.get(0)).containsEntry("_created_after", false).containsEntry("_revoked_after", true);
        List<Map<String, Object>> beforeTime = rows(c.callKw("queryHistory", List.of(List.of("tag_listing")),
                Map.of("before", "1990-01-01 00:00:00+00:00")), "tag_listing");
        assertThat(beforeTime).isEmpty();
        List<Map<String, Object>> afterIso = rows(c.callKw("queryHistory", List.of(List.of("tag_listing")),
                Map.of("after", "2000-01-01T00:00:00Z")), "tag_listing");
        assertThat(afterIso).hasSize(2);
        assertThatThrownBy(() -> history(c, Map.of("after", "not a time")))
                .hasMessage("Invalid time for after: not a time");

        List<Map<String, Object>> byEditor = rows(c.callKw("queryHistory", List.of(List.of("tag_listing")),
                Map.of("editor", "alice")), "tag_listing");
        assertThat(byEditor).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("_created_by", true).containsEntry("_revoked_by", false));
    }

    @Test
    void queryOptsApplyToEachTable() {
        KojiClient c = hub.client(Encoding.XML);
        Map<String, Object> counts = map(c.callKw("queryHistory", List.of(List.of("tag_listing", "user_groups")),
                Map.of("queryOpts", Map.of("countOnly", true))));
        assertThat(counts).containsExactly(Map.entry("tag_listing", 2), Map.entry("user_groups", 1));
        List<Map<String, Object>> newest = rows(c.callKw("queryHistory", List.of(List.of("tag_listing")),
                Map.of("queryOpts", Map.of("order", "-create_event", "limit", 1))), "tag_listing");
        assertThat(newest).singleElement().satisfies(r -> assertThat(r).containsEntry("active", true));
        List<Map<String, Object>> second = rows(c.callKw("queryHistory", List.of(List.of("tag_listing")),
                Map.of("queryOpts", Map.of("order", "-create_event", "offset", 1))), "tag_listing");
        assertThat(second).singleElement().satisfies(r -> assertThat(r).containsEntry("active", null));
    }

    @Test
    void everyTableByDefaultAndUnknownTablesRefused() {
        KojiClient c = hub.client(Encoding.XML);
        Map<String, Object> all = map(c.call("queryHistory"));
        assertThat(all.keySet()).containsExactly("build_target_config", "external_repo_config", "group_config",
                "group_package_listing", "group_req_listing", "tag_config", "tag_external_repos", "tag_extra",
                "tag_inheritance", "tag_listing", "tag_package_owners", "tag_packages", "user_groups", "user_perms");
        assertThatThrownBy(() -> c.call("queryHistory", List.of("tag_listing", "nope")))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1000))
                .hasMessage("No such history table: nope");
        // Koji ignores keywords it does not know; the CLI sends utc.
        assertThat(map(c.callKw("queryHistory", List.of(List.of("user_groups")), Map.of("utc", true))))
                .containsOnlyKeys("user_groups");
    }
}
