package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kojinext.hub.db.jooq.Tables.REPO_QUEUE;
import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.builder.TaskHandler;
import org.kojinext.hub.testing.Replies;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.protocol.KojiFault;

/**
 * Repositories follow their tags with no call asking for them: a target's build tag gets one,
 * a change to a tag it inherits from gets it a new one, a burst of changes one request; and a
 * request whose createrepo keeps failing is retried RepoRetries times, then given up.
 */
class RepoRegenTest {

    private static Map<String, Object> repoOf(RepoFixture f, String tag) {
        return Replies.map(f.admin.call("getRepo", tag));
    }

    private static int requests(RepoFixture f, String tag) {
        int tagId = (Integer) Replies.map(f.admin.call("getTag", tag)).get("id");
        return TestHosts.db(f.hub.jdbcUrl(), d -> d.fetchCount(REPO_QUEUE, REPO_QUEUE.TAG_ID.eq(tagId)));
    }

    @Test
    void aChangeToAnInheritedTagRegeneratesTheBuildTagsRepository(@TempDir Path tmp) throws Exception {
        try (RepoFixture f = new RepoFixture(tmp)) {
            var admin = f.admin;
            admin.call("createTag", "rg-base");
            admin.callKw("createTag", List.of("rg-build"), Map.of("parent", "rg-base", "arches", "x86_64"));
            admin.call("createTag", "rg-dest");
            admin.call("packageListAdd", "rg-base", "rg-one", "kojiadmin");
            admin.call("packageListAdd", "rg-base", "rg-two", "kojiadmin");
            f.importBuild("rg-one", true);
            f.importBuild("rg-two", true);
            admin.call("tagBuildBypass", "rg-base", "rg-one-1.0-1");
            f.startBuilder("rg-builder", null);

            admin.call("createBuildTarget", "rg-target", "rg-build", "rg-dest");
            await().atMost(Duration.ofSeconds(120)).until(() -> repoOf(f, "rg-build") != null);
            int first = (Integer) repoOf(f, "rg-build").get("id");
            assertThat(f.primary(first, "rg-build", "x86_64")).containsOnlyKeys("rg-one.noarch");

            admin.call("tagBuildBypass", "rg-base", "rg-two-1.0-1");
            int changed = (Integer) admin.call("tagLastChangeEvent", "rg-build");
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Map<String, Object> r = repoOf(f, "rg-build");
                return r != null && (Integer) r.get("create_event") >= changed;
            });
            int second = (Integer) repoOf(f, "rg-build").get("id");
            assertThat(second).isNotEqualTo(first);
            assertThat(f.primary(second, "rg-build", "x86_64")).containsOnlyKeys("rg-one.noarch", "rg-two.noarch");
            assertThat(Files.readSymbolicLink(f.topdir.resolve("repos/rg-build/latest"))).hasToString(String.valueOf(second));
            // Tags that are neither build tags nor repo.auto get nothing.
            assertThat(requests(f, "rg-base")).isZero();
            assertThat(requests(f, "rg-dest")).isZero();
        }
    }

    @Test
    void aBurstOfChangesMakesOneRequest(@TempDir Path tmp) throws Exception {
        try (RepoFixture f = new RepoFixture(tmp)) {
            var admin = f.admin;
            admin.call("createTag", "bu-tag");
            admin.callKw("editTag2", List.of("bu-tag"), Map.of("extra", Map.of("repo.auto", true)));
            for (int i = 0; i < 5; i++) {
                admin.call("packageListAdd", "bu-tag", "bu-" + i, "kojiadmin");
                admin.call("createEmptyBuild", "bu-" + i, "1", "1", null);
                admin.call("tagBuildBypass", "bu-tag", "bu-" + i + "-1-1");
            }
            int last = (Integer) admin.call("tagLastChangeEvent", "bu-tag");
            // A request of another tag after the burst: once the queue has made its task, the
            // runs that the burst asked for are done too (they come first, in one thread).
            admin.call("createTag", "bu-marker");
            int marker = (Integer) Replies.map(Replies.map(admin.call("repo.request", "bu-marker")).get("request"))
                    .get("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> Replies.map(Replies.map(
                    admin.call("repo.checkRequest", marker)).get("request")).get("task_id") != null);
            assertThat(requests(f, "bu-tag")).isEqualTo(1);

            // The one request's repository covers the whole burst.
            f.startBuilder("bu-builder", null);
            await().atMost(Duration.ofSeconds(120)).until(() -> repoOf(f, "bu-tag") != null);
            assertThat((Integer) repoOf(f, "bu-tag").get("create_event")).isGreaterThanOrEqualTo(last);
            assertThat(requests(f, "bu-tag")).isEqualTo(1);
        }
    }

    @Test
    void aFailingCreaterepoIsRetriedThenTheRequestFails(@TempDir Path tmp) throws Exception {
        try (RepoFixture f = new RepoFixture(tmp)) {
            var admin = f.admin;
            admin.callKw("createTag", List.of("rt-tag"), Map.of("arches", "x86_64"));
            TaskHandler broken = new TaskHandler() {
                @Override
                public double weight() {
                    return 1.5;
                }

                @Override
                public Object run(org.kojinext.builder.TaskContext task, List<Object> args) {
                    throw KojiFault.generic("createrepo broke");
                }
            };
            f.startBuilder("rt-builder", broken);
            int id = (Integer) Replies.map(Replies.map(admin.call("repo.request", "rt-tag")).get("request")).get("id");
            await().atMost(Duration.ofSeconds(180)).until(() -> !Boolean.TRUE.equals(Replies.map(Replies.map(
                    admin.call("repo.waitRequest", id, 30)).get("request")).get("active")));
            Map<String, Object> req = Replies.map(Replies.map(admin.call("repo.checkRequest", id)).get("request"));
            assertThat(req).containsEntry("active", false).containsEntry("repo_id", null).containsEntry("tries", 4);
            // One task and three retries, each failed by its createrepo subtask.
            int newRepoFailed = TestHosts.db(f.hub.jdbcUrl(), d -> d.fetchCount(TASK,
                    TASK.METHOD.eq("newRepo").and(TASK.STATE.eq(5))));
            assertThat(newRepoFailed).isEqualTo(4);
            assertThat(repoOf(f, "rt-tag")).isNull();
        }
    }
}
