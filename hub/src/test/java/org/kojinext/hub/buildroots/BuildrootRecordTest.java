package org.kojinext.hub.buildroots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kojinext.hub.testing.Replies.map;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kojinext.builder.Builder;
import org.kojinext.builder.Handlers;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.buildroot.BuildrootRecord;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestRepos;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * The builder's BuildrootRecord in task handlers run by the shipped builder against a hub: the
 * record is opened for the task, listed, moved to BUILDING, updated, and expired when closed,
 * whether the handler returns or fails.
 */
class BuildrootRecordTest {
    private static final String CHANNEL = "c-rec";

    /** Opens a buildroot on the repo given as the task's argument and goes through kojid's steps. */
    private static final class Recording implements TaskHandler {
        @Override
        public double weight() {
            return 1.0;
        }

        @Override
        public Object run(TaskContext task, List<Object> args) {
            int repo = (Integer) args.get(0);
            try (BuildrootRecord br = BuildrootRecord.open(task, repo, "x86_64")) {
                br.list(List.of(nvra("rec-gcc")));
                br.state("WAITING");
                br.state("BUILDING");
                br.list(List.of(nvra("rec-gcc"), nvra("rec-make")));
                if (args.size() > 1) {
                    throw KojiFault.generic("build failed in buildroot " + br.id());
                }
                return br.id();
            }
        }
    }

    private static Map<String, Object> nvra(String name) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("version", "1.0");
        r.put("release", "1");
        r.put("arch", "x86_64");
        return r;
    }

    @Test
    void aHandlersBuildrootIsRecordedAndExpiredWhenClosed() {
        try (TestHub hub = TestHub.start()) {
            KojiClient admin = hub.admin(Encoding.XML);
            admin.call("addChannel", CHANNEL);
            int hostId = TestHosts.create(hub.jdbcUrl(), "b-rec", "x86_64", 4.0, List.of(CHANNEL));
            admin.call("createTag", "rec-build");
            int repo = TestRepos.create(hub.jdbcUrl(), "rec-build");
            for (String name : List.of("rec-gcc", "rec-make")) {
                int build = (Integer) admin.call("createEmptyBuild", name, "1.0", "1", null);
                Map<String, Object> h = nvra(name);
                h.put("epoch", null);
                h.put("payloadhash", "a".repeat(32));
                h.put("size", 1);
                h.put("buildtime", 1);
                h.put("sha256", (name.equals("rec-gcc") ? "1" : "2").repeat(64));
                admin.call("importRPMInfo", build, h);
            }
            Map<String, TaskHandler> handlers = new HashMap<>(Handlers.defaults());
            handlers.put("recordBuildroot", new Recording());
            Builder builder = new Builder(hub.url(), "b-rec", TestHosts.PASSWORD, Duration.ofSeconds(5), 4, handlers);
            Thread.ofVirtual().start(builder);
            try {
                int ok = make(admin, List.of(repo));
                assertThat(finish(admin, ok)).isEqualTo(2);
                int id = (Integer) admin.call("getTaskResult", ok);
                Map<String, Object> br = map(admin.call("getBuildroot", id));
                assertThat(br).containsEntry("task_id", ok).containsEntry("host_id", hostId)
                        .containsEntry("repo_id", repo).containsEntry("arch", "x86_64").containsEntry("state", 3);
                assertThat(br.get("retire_event_id")).isNotNull();
                assertThat((List<?>) admin.call("getBuildrootListing", id)).extracting(r -> map(r).get("name") + ":"
                        + map(r).get("is_update")).containsExactly("rec-gcc:false", "rec-make:true");

                int failing = make(admin, List.of(repo, "fail"));
                assertThat(finish(admin, failing)).isEqualTo(5);
                List<?> roots = (List<?>) admin.callKw("listBuildroots", List.of(), Map.of("taskID", failing));
                assertThat(roots).hasSize(1);
                assertThat(map(roots.get(0))).containsEntry("state", 3);
            } finally {
                builder.kill();
            }
        }
    }

    private static int make(KojiClient admin, List<Object> args) {
        return (Integer) admin.callKw("makeTask", List.of("recordBuildroot", args), Map.of("channel", CHANNEL));
    }

    /** Waits for the task to finish (CLOSED, CANCELED or FAILED) and returns its state. */
    private static int finish(KojiClient admin, int task) {
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(2, 3, 5).contains(state(admin, task)));
        return state(admin, task);
    }

    private static int state(KojiClient admin, int task) {
        return (Integer) map(admin.call("getTaskInfo", task)).get("state");
    }
}
