package org.kojinext.hub.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.testing.Replies.fault;
import static org.kojinext.hub.testing.Replies.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.Uploader;

/**
 * Who may make repositories: newRepo needs repo or regen-repo; host.repoInit and host.repoDone
 * need a host holding the repository's task, and repoDone takes files only from that task's (or
 * its subtasks') upload directories.
 */
class RepoAccessTest {
    @TempDir
    static Path tmp;
    private static TestHub hub;
    private static KojiClient admin;
    private static KojiClient host;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        admin.callKw("createTag", List.of("ac-tag"), Map.of("arches", "x86_64"));
        TestHosts.create(hub.jdbcUrl(), "ac-host", "x86_64", 4.0, List.of("createrepo"));
        TestHosts.create(hub.jdbcUrl(), "ac-other", "x86_64", 4.0, List.of("createrepo"));
        host = login("ac-host");
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static KojiClient login(String name) {
        KojiClient c = hub.client(Encoding.XML);
        c.login(name, TestHosts.PASSWORD);
        c.call("exclusiveSession", true);
        return c;
    }

    private static KojiClient user(String name) {
        admin.callKw("createUser", List.of(name), Map.of("password", "pw"));
        KojiClient c = hub.client(Encoding.JSON);
        c.login(name, "pw");
        return c;
    }

    @Test
    void newRepoNeedsRepoOrRegenRepo() {
        KojiClient carol = user("ac-carol");
        KojiFault denied = fault(() -> carol.call("newRepo", "ac-tag"));
        assertThat(denied.code()).isEqualTo(1004);
        assertThat(denied.getMessage()).contains("regen-repo permission required");
        assertThat(fault(() -> hub.client(Encoding.XML).call("newRepo", "ac-tag")).code()).isEqualTo(1004);

        admin.callKw("grantPermission", List.of("ac-carol", "regen-repo"), Map.of("create", true));
        int task = (Integer) carol.call("newRepo", "ac-tag");
        Map<String, Object> info = map(admin.call("getTaskInfo", task));
        assertThat(info).containsEntry("method", "newRepo").containsEntry("priority", 15);
        assertThat(map(admin.call("getChannel", info.get("channel_id"))).get("name")).isEqualTo("createrepo");

        KojiClient dave = user("ac-dave");
        admin.call("grantPermission", "ac-dave", "repo");
        assertThat(dave.callKw("newRepo", List.of("ac-tag"), Map.of("src", true))).isInstanceOf(Integer.class);
        assertThat(fault(() -> dave.call("newRepo", "ac-no-such-tag")).getMessage()).contains("ac-no-such-tag");
    }

    @Test
    void onlyTheHostHoldingTheTaskMakesTheRepository() throws Exception {
        int task = (Integer) admin.call("newRepo", "ac-tag");
        // Not a host at all.
        assertThat(fault(() -> admin.callKw("host.repoInit", List.of("ac-tag"), Map.of("task_id", task))).getMessage())
                .contains("is not a host");
        // A host, but the task is not open on it.
        assertThat(fault(() -> host.callKw("host.repoInit", List.of("ac-tag"), Map.of("task_id", task))).getMessage())
                .contains("does not own task " + task);
        assertThat(host.call("host.openTask", task)).isNotNull();
        assertThat(fault(() -> host.call("host.repoInit", "ac-tag")).getMessage()).contains("task_id is required");
        List<?> init = (List<?>) host.callKw("host.repoInit", List.of("ac-tag"), Map.of("task_id", task));
        int repoId = (Integer) init.get(0);
        assertThat(map(admin.call("repoInfo", repoId))).containsEntry("state", 0).containsEntry("task_id", task);

        KojiClient other = login("ac-other");
        assertThat(fault(() -> other.call("host.repoDone", repoId, Map.of())).getMessage())
                .contains("does not own task " + task);
        assertThat(fault(() -> admin.call("host.repoDone", repoId, Map.of())).getMessage()).contains("is not a host");

        // Files from outside the task's directory are refused, whatever the path says.
        int elsewhere = (Integer) admin.callKw("makeTask", List.of("sleep", List.of(0)), Map.of());
        Path file = Files.writeString(tmp.resolve("repomd.xml"), "<repomd/>");
        String own = "tasks/" + (task % 10000) + "/" + task;
        new Uploader(host).upload(file, own, "repomd.xml");
        for (String bad : List.of("tasks/" + (elsewhere % 10000) + "/" + elsewhere, own + "/../../" + elsewhere,
                "/etc", "../../etc")) {
            KojiFault refused = fault(() -> host.call("host.repoDone", repoId,
                    Map.of("x86_64", List.of(bad, List.of("repomd.xml")))));
            assertThat(refused.getMessage()).as(bad).contains("not a file under the work directory of task " + task);
        }
        assertThat(fault(() -> host.call("host.repoDone", repoId, Map.of("x86_64", List.of(own, List.of("../x")))))
                .getMessage()).contains("Invalid path component");
        assertThat(map(admin.call("repoInfo", repoId))).containsEntry("state", 0);

        host.call("host.repoDone", repoId, Map.of("x86_64", List.of(own, List.of("repomd.xml"))));
        Path moved = hub.dataDir().resolve("files/repos/ac-tag/" + repoId + "/x86_64/repodata/repomd.xml");
        assertThat(moved).hasContent("<repomd/>");
        assertThat(map(admin.call("repoInfo", repoId))).containsEntry("state", 1);
        assertThat(fault(() -> host.call("host.repoDone", repoId, Map.of())).getMessage())
                .contains("not in INIT state");
    }
}
