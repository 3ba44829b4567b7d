package org.kojinext.hub.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.REPO;
import static org.kojinext.hub.testing.Replies.fault;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSON;
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
 * What koji taginfo asks beyond tags: getRepo (None while nothing makes repositories, and Koji's
 * fields for a repository row as an adopted database holds it), external repositories of tags,
 * and mavenEnabled.
 */
class RepoAndExternalRepoTest {
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static int tagId(KojiClient c, String tag) {
        return (Integer) ((Map<?, ?>) c.call("getTag", tag)).get("id");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aTagWithoutRepositoriesHasNoRepo(Encoding enc) {
        KojiClient anon = hub.client(enc);
        hub.admin(enc).call("createTag", "norepo-" + enc);
        assertThat(anon.call("getRepo", "norepo-" + enc)).isNull();
        assertThat(anon.callKw("getRepo", List.of("norepo-" + enc), Map.of("state", 2, "dist", true))).isNull();
        assertThat(anon.call("repoInfo", 12345)).isNull();
        assertThat(anon.call("mavenEnabled")).isEqualTo(false);
        assertThat(anon.call("winEnabled")).isEqualTo(false);
        assertThatThrownBy(() -> anon.call("getRepo", "nope-" + enc))
                .hasMessage("No such entry in table tag: nope-" + enc);
        assertThatThrownBy(() -> anon.callKw("getRepo", List.of("norepo-" + enc), Map.of("state", "ready")))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1019));
        assertThatThrownBy(() -> anon.call("repoInfo", 12345, true)).hasMessage("query returned no rows");
    }

    @Test
    void anAdoptedRepositoryRowReadsAsKojisDoes() throws SQLException {
        KojiClient anon = hub.client(Encoding.XML);
        hub.admin(Encoding.XML).call("createTag", "withrepo");
        int tag = tagId(anon, "withrepo");
        int early;
        int ready;
        int expired;
        try (Connection conn = DriverManager.getConnection(hub.jdbcUrl(), "postgres", null)) {
            DSLContext db = DSL.using(conn, SQLDialect.POSTGRES);
            early = db.insertInto(EVENTS).defaultValues().returning(EVENTS.ID).fetchSingle().getId();
            expired = db.insertInto(REPO).set(REPO.TAG_ID, tag).set(REPO.CREATE_EVENT, early).set(REPO.STATE, 2)
                    .set(REPO.BEGIN_EVENT, early).returning(REPO.ID).fetchSingle().getId();
            int later = db.insertInto(EVENTS).defaultValues().returning(EVENTS.ID).fetchSingle().getId();
            ready = db.insertInto(REPO).set(REPO.TAG_ID, tag).set(REPO.CREATE_EVENT, later).set(REPO.STATE, 1)
                    .set(REPO.OPTS, JSON.valueOf("{\"src\": false, \"debuginfo\": false}"))
                    .set(REPO.CUSTOM_OPTS, JSON.valueOf("{}"))
                    .returning(REPO.ID).fetchSingle().getId();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> repo = (Map<String, Object>) anon.call("getRepo", "withrepo");
        assertThat(repo.keySet()).containsExactlyInAnyOrder("id", "tag_id", "creation_time", "creation_ts",
                "state_time", "state_ts", "create_event", "create_ts", "begin_event", "begin_ts", "end_event",
                "end_ts", "state", "dist", "opts", "custom_opts", "task_id", "task_state", "tag_name");
        assertThat(repo.get("id")).isEqualTo(ready);
        assertThat(repo.get("tag_name")).isEqualTo("withrepo");
        assertThat(repo.get("dist")).isEqualTo(false);
        assertThat(repo.get("opts")).isEqualTo(Map.of("src", false, "debuginfo", false));
        assertThat(repo.get("custom_opts")).isEqualTo(Map.of());
        assertThat(repo.get("creation_time")).isInstanceOf(String.class);
        assertThat(repo.get("create_ts")).isInstanceOf(Double.class);
        // With an event: the newest made at or before it, whatever its state; min_event bounds it below.
        assertThat(((Map<?, ?>) anon.callKw("getRepo", List.of(tag), Map.of("event", early))).get("id"))
                .isEqualTo(expired);
        assertThat(((Map<?, ?>) anon.callKw("getRepo", List.of(tag), Map.of("state", 2))).get("id"))
                .isEqualTo(expired);
        assertThat(anon.callKw("getRepo", List.of(tag), Map.of("state", 2, "min_event", early + 1))).isNull();
        assertThat(anon.callKw("getRepo", List.of(tag), Map.of("dist", true))).isNull();
        assertThat(((Map<?, ?>) anon.call("repoInfo", expired)).get("begin_event")).isEqualTo(early);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void externalReposOfATagComeByPriority(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        String tag = "ext-" + enc;
        admin.call("createTag", tag);
        Map<?, ?> fedora = (Map<?, ?>) admin.call("createExternalRepo", "fedora-" + enc,
                "https://example.org/fedora/$arch");
        assertThat(fedora.get("url")).isEqualTo("https://example.org/fedora/$arch/");
        admin.call("createExternalRepo", "epel-" + enc, "https://example.org/epel/");
        assertThatThrownBy(() -> admin.call("createExternalRepo", "epel-" + enc, "https://x/"))
                .hasMessage("An external repo named \"epel-" + enc + "\" already exists");
        int before = (Integer) ((Map<?, ?>) admin.call("getLastEvent")).get("id");
        admin.call("addExternalRepoToTag", tag, "epel-" + enc, 20);
        admin.callKw("addExternalRepoToTag", List.of(tag, "fedora-" + enc, 10),
                Map.of("merge_mode", "bare", "arches", "x86_64  aarch64"));

        List<Map<String, Object>> repos = maps(hub.client(enc).callKw("getTagExternalRepos", List.of(),
                Map.of("tag_info", tag)));
        assertThat(repos).extracting(r -> r.get("external_repo_name")).containsExactly("fedora-" + enc, "epel-" + enc);
        assertThat(repos.get(0)).containsOnlyKeys("external_repo_id", "external_repo_name", "priority", "tag_id",
                "tag_name", "url", "merge_mode", "arches")
                .containsEntry("priority", 10).containsEntry("merge_mode", "bare")
                .containsEntry("arches", "x86_64 aarch64").containsEntry("tag_name", tag)
                .containsEntry("tag_id", tagId(admin, tag)).containsEntry("url", "https://example.org/fedora/$arch/");
        assertThat(repos.get(1)).containsEntry("merge_mode", "koji").containsEntry("arches", null);
        assertThat(maps(admin.callKw("getTagExternalRepos", List.of(), Map.of("tag_info", tag, "repo_info",
                "epel-" + enc)))).singleElement().satisfies(r -> assertThat(r).containsEntry("priority", 20));
        assertThat(maps(admin.callKw("getTagExternalRepos", List.of(), Map.of("tag_info", tag, "event", before))))
                .isEmpty();

        assertThatThrownBy(() -> admin.call("addExternalRepoToTag", tag, "epel-" + enc, 30))
                .hasMessage("tag " + tag + " already associated with external repo epel-" + enc);
        admin.call("createExternalRepo", "third-" + enc, "https://example.org/third/");
        assertThatThrownBy(() -> admin.call("addExternalRepoToTag", tag, "third-" + enc, 10))
                .hasMessage("tag " + tag + " already associated with an external repo at priority 10");
        assertThatThrownBy(() -> admin.callKw("addExternalRepoToTag", List.of(tag, "third-" + enc, 30),
                Map.of("merge_mode", "fancy"))).hasMessage("No such merge mode: fancy");
        assertThatThrownBy(() -> admin.call("addExternalRepoToTag", tag, "nope-" + enc, 30))
                .hasMessage("No such repo: nope-" + enc);
        assertThatThrownBy(() -> admin.callKw("getTagExternalRepos", List.of(), Map.of("tag_info", "nope-" + enc)))
                .hasMessage("No such entry in table tag: nope-" + enc);

        admin.call("removeExternalRepoFromTag", tag, "fedora-" + enc);
        assertThat(maps(admin.callKw("getTagExternalRepos", List.of(), Map.of("tag_info", tag))))
                .extracting(r -> r.get("external_repo_name")).containsExactly("epel-" + enc);
        assertThatThrownBy(() -> admin.call("removeExternalRepoFromTag", tag, "fedora-" + enc))
                .hasMessage("external repo fedora-" + enc + " not associated with tag " + tag);
        assertThat(((Map<?, ?>) admin.call("getExternalRepo", "epel-" + enc)).get("url"))
                .isEqualTo("https://example.org/epel/");
        assertThat(admin.call("getExternalRepo", "nope-" + enc)).isNull();
        assertThat(maps(admin.callKw("listExternalRepos", List.of(), Map.of("url", "https://example.org/epel/"))))
                .extracting(r -> r.get("name")).contains("epel-" + enc).doesNotContain("fedora-" + enc);
    }

    @Test
    void externalRepoChangesNeedAdminOrTagAndShowInHistory() {
        KojiClient admin = hub.admin(Encoding.XML);
        admin.call("createTag", "ext-perm");
        admin.callKw("createUser", List.of("tagger"), Map.of("password", "pw"));
        admin.call("grantPermission", "tagger", "tag");
        KojiClient tagger = hub.client(Encoding.XML);
        tagger.login("tagger", "pw");
        KojiFault denied = fault(() -> tagger.call("createExternalRepo", "mine", "https://x/"));
        assertThat(denied.code()).isEqualTo(1004);
        assertThat(denied.getMessage()).isEqualTo("admin permission required (logged in as tagger)");
        admin.call("createExternalRepo", "shared", "https://example.org/shared");
        tagger.call("addExternalRepoToTag", "ext-perm", "shared", 5);
        assertThat(fault(() -> hub.client(Encoding.XML).call("addExternalRepoToTag", "ext-perm", "shared", 6))
                .code()).isEqualTo(1004);

        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> h = (Map<String, List<Map<String, Object>>>) admin.callKw(
                "queryHistory", List.of(List.of("tag_external_repos", "external_repo_config")),
                Map.of("external_repo", "shared"));
        assertThat(h.get("external_repo_config")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("url", "https://example.org/shared/").containsEntry("external_repo.name", "shared"));
        assertThat(h.get("tag_external_repos")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("tag.name", "ext-perm").containsEntry("priority", 5).containsEntry("merge_mode", "koji")
                .containsEntry("creator_name", "tagger").doesNotContainKey("arches"));
    }
}
