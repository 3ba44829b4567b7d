package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.builder.Builder;
import org.kojinext.builder.Handlers;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.buildroot.BuildrootFactory;
import org.kojinext.builder.scm.AllowedScms;
import org.kojinext.builder.tasks.BuildSrpmFromScm;
import org.kojinext.hub.rpm.RpmInfo;
import org.kojinext.hub.rpm.RpmReader;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * buildSRPMFromSCM end to end: a task made on the hub runs on the shipped builder, which checks
 * the URL against allowed_scms, checks out a git commit, builds the SRPM and uploads it with its
 * logs to the task's directory; a disallowed source and a missing ref fail the task clearly.
 */
class BuildSrpmFromScmTest {
    private static final String SPEC = """
            Name: hello-scm
            Version: 1.0
            Release: 1
            Summary: test package
            License: MIT
            BuildArch: noarch
            %description
            A package built from a git commit.
            %install
            mkdir -p %{buildroot}/usr/share/hello-scm
            echo hi > %{buildroot}/usr/share/hello-scm/hi
            %files
            /usr/share/hello-scm/hi
            """;

    @Test
    @SuppressWarnings("unchecked")
    void aSourceRpmIsBuiltFromAGitCommitAndUploaded(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("hello-scm.spec"), SPEC);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "spec");
        git(repo, "tag", "v1");

        try (TestHub hub = TestHub.start()) {
            KojiClient admin = hub.admin(Encoding.XML);
            admin.call("addChannel", "c-scm");
            TestHosts.create(hub.jdbcUrl(), "b-scm", "x86_64", 4.0, List.of("c-scm"));
            Map<String, TaskHandler> handlers = new HashMap<>(Handlers.defaults());
            handlers.put("buildSRPMFromSCM", new BuildSrpmFromScm(AllowedScms.parse(":" + tmp + "/*"),
                    BuildrootFactory.rpmbuild(), tmp.resolve("builder-work"), hub.url().resolve("/kojifiles").toString()));
            Builder builder = new Builder(hub.url(), "b-scm", TestHosts.PASSWORD, Duration.ofSeconds(5), 4, handlers);
            Thread.ofVirtual().start(builder);
            try {
                int ok = make(admin, "git+file://" + repo + "#v1");
                Map<?, ?> result = (Map<?, ?>) finished(admin, ok);
                String srpm = (String) result.get("srpm");
                assertThat(srpm).isEqualTo("tasks/" + ok % 10000 + "/" + ok + "/hello-scm-1.0-1.src.rpm");
                Path stored = hub.dataDir().resolve("files/work").resolve(srpm);
                RpmInfo info = RpmReader.read(stored);
                assertThat(info.name()).isEqualTo("hello-scm");
                assertThat(info.arch()).isEqualTo("src");
                assertThat((List<Object>) result.get("logs")).contains("tasks/" + ok % 10000 + "/" + ok + "/build.log");
                assertThat(((Map<?, ?>) result.get("source")).get("url")).isEqualTo("git+file://" + repo + "#v1");
                assertThat((String) ((Map<?, ?>) result.get("source")).get("source")).startsWith("git+file://" + repo + "#");
                // The task's files are listed by the hub as Koji lists task output.
                assertThat((List<Object>) admin.call("listTaskOutput", ok)).contains("hello-scm-1.0-1.src.rpm", "build.log");

                int missingRef = make(admin, "git+file://" + repo + "#no-such-ref");
                assertThat(failure(admin, missingRef)).contains("missing git ref no-such-ref");

                int elsewhere = make(admin, "git+https://git.example.com/evil.git#main");
                assertThat(failure(admin, elsewhere)).contains("git.example.com").contains("not in the list of allowed SCMs");
            } finally {
                builder.kill();
            }
        }
    }

    private static int make(KojiClient admin, String url) {
        return (Integer) admin.callKw("makeTask", List.of("buildSRPMFromSCM", List.of(url, "dist-build", Map.of())),
                Map.of("channel", "c-scm"));
    }

    private static Object finished(KojiClient admin, int task) {
        await().atMost(Duration.ofSeconds(90)).until(() -> done(admin, task));
        assertThat(state(admin, task)).as("task %d state", task).isEqualTo(2);
        return admin.call("getTaskResult", task);
    }

    private static String failure(KojiClient admin, int task) {
        await().atMost(Duration.ofSeconds(90)).until(() -> done(admin, task));
        assertThat(state(admin, task)).as("task %d state", task).isEqualTo(5);
        try {
            admin.call("getTaskResult", task);
        } catch (org.kojinext.protocol.KojiFault f) {
            return f.getMessage();
        }
        throw new AssertionError("a failed task's result is its fault");
    }

    /** CLOSED, CANCELED or FAILED. */
    private static boolean done(KojiClient admin, int task) {
        int s = state(admin, task);
        return s == 2 || s == 3 || s == 5;
    }

    private static int state(KojiClient admin, int task) {
        return (Integer) ((Map<?, ?>) admin.call("getTaskInfo", task)).get("state");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
