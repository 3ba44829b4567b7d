package org.kojinext.hub.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * repo.request (Koji 1.35's deduplication and min_event rules), repo.checkRequest, the queue
 * that turns requests into newRepo tasks, and the held repo.waitRequest, with a test host
 * playing the builder through host.repoInit and host.repoDone.
 */
class RepoRequestTest {
    private static TestHub hub;
    private static KojiClient admin;
    private static KojiClient host;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        TestHosts.create(hub.jdbcUrl(), "rq-host", "x86_64", 4.0, List.of("createrepo"));
        host = hub.client(Encoding.XML);
        host.login("rq-host", TestHosts.PASSWORD);
        host.call("exclusiveSession", true);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static Map<String, Object> request(KojiClient c, String tag, Map<String, Object> kw) {
        return map(c.callKw("repo.request", List.of(tag), kw));
    }

    private static Map<String, Object> req(Map<String, Object> answer) {
        return map(answer.get("request"));
    }

    /** The task the queue made for the request. */
    private static int taskOf(int reqId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> req(map(admin.call("repo.checkRequest", reqId)))
                .get("task_id") != null);
        return (Integer) req(map(admin.call("repo.checkRequest", reqId))).get("task_id");
    }

    /** What a builder does for a newRepo task of a tag without arches: init, nothing to upload, done. */
    private static int makeRepo(String tag, int task) {
        assertThat(host.call("host.openTask", task)).isNotNull();
        int repoId = (Integer) ((List<?>) host.callKw("host.repoInit", List.of(tag), Map.of("task_id", task))).get(0);
        host.call("host.repoDone", repoId, Map.of());
        return repoId;
    }

    @Test
    void equalRequestsAreOneAndTheQueueMakesItsTask() {
        admin.call("createTag", "rq-tag");
        admin.call("packageListAdd", "rq-tag", "rq-pkg", "kojiadmin");
        int created = (Integer) admin.call("tagFirstChangeEvent", "rq-tag");
        int last = (Integer) admin.call("tagLastChangeEvent", "rq-tag");
        assertThat(last).isGreaterThan(created);

        // Without min_event, Koji allows RepoLag (an hour): this database has no event that old,
        // so the tag's first event is the base.
        Map<String, Object> first = request(admin, "rq-tag", Map.of());
        assertThat(first).containsEntry("duplicate", false).containsEntry("repo", null);
        assertThat(req(first)).containsEntry("min_event", created).containsEntry("at_event", null)
                .containsEntry("active", true).containsEntry("priority", 20).containsEntry("tag_name", "rq-tag")
                .containsEntry("owner_name", "kojiadmin").containsEntry("opts", Map.of()).containsEntry("tries", 0);
        int id = (Integer) req(first).get("id");

        Map<String, Object> again = request(admin, "rq-tag", Map.of("priority", -5));
        assertThat(again).containsEntry("duplicate", true);
        assertThat(req(again)).containsEntry("id", id).containsEntry("priority", 15);

        // "last" is the tag's last change: newer than the first request's, so not its duplicate...
        Map<String, Object> newer = request(admin, "rq-tag", Map.of("min_event", "last"));
        assertThat(newer).containsEntry("duplicate", false);
        assertThat(req(newer)).containsEntry("min_event", last);
        // ...while an older min_event is satisfied by either, and the first in queue order answers.
        assertThat(req(request(admin, "rq-tag", Map.of("min_event", created)))).containsEntry("id", id);
        // Other options are another request.
        Map<String, Object> src = request(admin, "rq-tag", Map.of("opts", Map.of("src", true)));
        assertThat(src).containsEntry("duplicate", false);
        assertThat(req(src)).containsEntry("opts", Map.of("src", true));

        assertThat(fault(() -> request(admin, "rq-tag", Map.of("min_event", created, "at_event", created))).getMessage())
                .contains("The min_event and at_event options conflict");
        assertThat(fault(() -> request(admin, "rq-tag", Map.of("min_event", 999999))).getMessage())
                .contains("Invalid event: 999999");
        assertThat(fault(() -> request(admin, "rq-tag", Map.of("opts", Map.of("bogus", true)))).getMessage())
                .contains("Invalid repo option: bogus");
        KojiClient bob = user("rq-bob");
        assertThat(fault(() -> request(bob, "rq-tag", Map.of("priority", -1))).getMessage())
                .contains("only admins may create high-priority requests");
        assertThat(fault(() -> hub.client(Encoding.JSON).call("repo.request", "rq-tag")).code()).isEqualTo(1004);
        assertThat(fault(() -> admin.call("repo.checkRequest", 987654)).getMessage()).contains("No such request");

        // The queue makes the task: newRepo for the tag, owned by kojira, priority 15, channel createrepo.
        int task = taskOf(id);
        Map<String, Object> info = map(admin.call("getTaskInfo", task));
        assertThat(info).containsEntry("method", "newRepo").containsEntry("priority", 15);
        assertThat(map(admin.call("getUser", info.get("owner"))).get("name")).isEqualTo("kojira");
        assertThat(map(admin.call("getChannel", info.get("channel_id"))).get("name")).isEqualTo("createrepo");
        assertThat(map(admin.call("repo.checkRequest", id))).containsKey("task");
        assertThat(req(map(admin.call("repo.checkRequest", id)))).containsEntry("tries", 1);

        int repoId = makeRepo("rq-tag", task);
        Map<String, Object> done = map(admin.call("repo.checkRequest", id));
        assertThat(req(done)).containsEntry("active", false).containsEntry("repo_id", repoId);
        assertThat(map(done.get("repo"))).containsEntry("id", repoId).containsEntry("state", 1);
        // The newer request is satisfied by the same repository (made after its min_event); the
        // src one is not, since the repository has default options.
        assertThat(req(map(admin.call("repo.checkRequest", req(newer).get("id"))))).containsEntry("repo_id", repoId);
        assertThat(req(map(admin.call("repo.checkRequest", req(src).get("id"))))).containsEntry("active", true);
        // And now the repository answers at once.
        Map<String, Object> answered = request(admin, "rq-tag", Map.of("min_event", "last"));
        assertThat(answered).containsEntry("request", null).containsEntry("duplicate", false);
        assertThat(map(answered.get("repo"))).containsEntry("id", repoId);
        assertThat(request(admin, "rq-tag", Map.of("min_event", "last", "force", true)).get("request")).isNotNull();
    }

    @Test
    void waitRequestAnswersWhenTheRepositoryIsDoneEvenOnAnotherHub() throws Exception {
        admin.call("createTag", "wq-tag");
        int id = (Integer) req(request(admin, "wq-tag", Map.of())).get("id");
        int task = taskOf(id);
        // Still active: it holds for its timeout, then answers with the active request.
        assertThat(req(map(admin.call("repo.waitRequest", id, 1)))).containsEntry("active", true);

        try (TestHub other = TestHub.startOn(hub.jdbcUrl(), Duration.ofMinutes(1440))) {
            KojiClient waiter = other.admin(Encoding.JSON);
            // Held far longer than the test waits for it: it can only answer in time if woken.
            CompletableFuture<Object> held = CompletableFuture.supplyAsync(() -> waiter.call("repo.waitRequest", id, 600));
            assertThat(held).isNotDone();
            int repoId = makeRepo("wq-tag", task);
            Map<String, Object> status = map(held.get(60, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(req(status)).containsEntry("active", false).containsEntry("repo_id", repoId);
            assertThat(map(status.get("repo"))).containsEntry("id", repoId);
        }
    }

    private static KojiClient user(String name) {
        admin.callKw("createUser", List.of(name), Map.of("password", "pw-" + name));
        KojiClient c = hub.client(Encoding.XML);
        c.login(name, "pw-" + name);
        return c;
    }
}
