package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.builder.Builder;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.buildroot.BuildrootFactory;
import org.kojinext.builder.scm.AllowedScms;
import org.kojinext.builder.tasks.BuildHandlers;
import org.kojinext.hub.config.DispatchConfig;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPackages;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * A builder that dies in the middle of a build: its open tasks (the build and its buildArch) are
 * freed once its heartbeat is missed, another builder takes them, the restarted build task gets
 * its finished subtasks back by label and reuses its BUILDING build, and the build completes
 * once, with nothing imported twice.
 */
class BuilderKilledMidBuildTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void anotherBuilderFinishesTheBuildOfOneThatDied() throws Exception {
        try (TestHub hub = TestHub.start(DispatchConfig.DEFAULT.withHostTimeout(Duration.ofSeconds(3)))) {
            KojiClient admin = hub.admin(Encoding.XML);
            admin.callKw("createTag", List.of("kb-build"), Map.of("arches", "x86_64"));
            admin.call("createTag", "kb-dest");
            admin.call("createBuildTarget", "kb", "kb-build", "kb-dest");
            admin.call("packageListAdd", "kb-dest", "kb-hello", "kojiadmin");
            TestHosts.create(hub.jdbcUrl(), "kb-victim", "x86_64", 4.0, List.of("default", "createrepo"));
            TestHosts.create(hub.jdbcUrl(), "kb-heir", "x86_64", 4.0, List.of("default", "createrepo"));
            BuildHandlers.Settings settings = new BuildHandlers.Settings(hub.dataDir().resolve("files"),
                    hub.url().resolve("/kojifiles"), tmp.resolve("work"), AllowedScms.parse(":" + tmp + "/*"),
                    BuildrootFactory.rpmbuild());

            // The victim builds everything but never gets past the start of buildArch.
            CountDownLatch inBuildArch = new CountDownLatch(1);
            Map<String, TaskHandler> stuck = new HashMap<>(BuildHandlers.of(settings));
            stuck.put("buildArch", new TaskHandler() {
                @Override
                public double weight() {
                    return 1.5;
                }

                @Override
                public Object run(org.kojinext.builder.TaskContext task, List<Object> args) throws Exception {
                    inBuildArch.countDown();
                    Thread.sleep(Duration.ofMinutes(10));
                    return null;
                }
            });
            Builder victim = new Builder(hub.url(), "kb-victim", TestHosts.PASSWORD, Duration.ofSeconds(5), 4, stuck);
            Thread.ofVirtual().start(victim);

            String url = TestPackages.gitRepo(tmp, "kb-hello", TestPackages.archWithNoarchData("kb-hello", ""));
            int task = (Integer) admin.call("build", url, "kb");
            assertThat(inBuildArch.await(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            Map<String, Object> building = (Map<String, Object>) admin.call("getBuild", "kb-hello-1.0-1");
            assertThat(building.get("state")).as("BUILDING").isEqualTo(0);
            victim.kill();

            Builder heir = new Builder(hub.url(), "kb-heir", TestHosts.PASSWORD, Duration.ofSeconds(5), 4,
                    BuildHandlers.of(settings));
            Thread.ofVirtual().start(heir);
            try {
                await().atMost(Duration.ofMinutes(3)).until(() -> List.of(2, 3, 5).contains(
                        ((Map<String, Object>) admin.call("getTaskInfo", task)).get("state")));
                Map<String, Object> info = (Map<String, Object>) admin.call("getTaskInfo", task);
                assertThat(info.get("state")).as("build task closed").isEqualTo(2);
                int heirId = (Integer) ((Map<String, Object>) admin.call("getHost", "kb-heir")).get("id");
                assertThat(info.get("host_id")).isEqualTo(heirId);

                Map<String, Object> build = (Map<String, Object>) admin.call("getBuild", "kb-hello-1.0-1");
                assertThat(build.get("state")).as("COMPLETE").isEqualTo(1);
                assertThat(build.get("id")).isEqualTo(building.get("id"));
                List<Map<String, Object>> rpms = (List<Map<String, Object>>) admin.call("listRPMs", build.get("id"));
                assertThat(rpms).extracting(r -> r.get("arch")).containsExactlyInAnyOrder("src", "x86_64", "noarch");
                // One buildArch subtask, rerun by the heir rather than duplicated.
                List<Map<String, Object>> children = (List<Map<String, Object>>) admin.call("getTaskChildren", task);
                assertThat(children).filteredOn(c -> c.get("method").equals("buildArch")).singleElement()
                        .satisfies(c -> assertThat(c.get("host_id")).isEqualTo(heirId));
            } finally {
                heir.kill();
            }
        }
    }
}
