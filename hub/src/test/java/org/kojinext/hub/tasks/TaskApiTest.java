package org.kojinext.hub.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.testing.Replies.fault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kojinext.hub.db.Tx;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/** The task methods over the wire, with Koji's permission rules and errors. */
class TaskApiTest {
    private static TestHub hub;
    private static KojiClient admin;
    private static KojiClient alice;
    private static int aliceId;
    private static int host;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        aliceId = (Integer) admin.callKw("createUser", List.of("alice"), Map.of("password", "pw"));
        alice = hub.client(Encoding.XML);
        alice.login("alice", "pw");
        host = (Integer) admin.call("addHost", "builder.example", List.of("x86_64"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** Runs a host's side of the task life cycle straight on the database, as host.* would. */
    private static void asHost(Consumer<DSLContext> work) {
        try (Tx tx = hub.hub().database().begin()) {
            work.accept(tx.dsl());
            tx.finish();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void makeTaskAndReadItBack(Encoding enc) {
        KojiClient c = hub.admin(enc);
        int id = (Integer) c.callKw("makeTask", List.of("sleep", List.of(5, Map.of("k", "v"))),
                Map.of("arch", "x86_64", "priority", 10));
        Map<String, Object> info = map(c.call("getTaskInfo", id));
        assertThat(info).containsEntry("id", id).containsEntry("method", "sleep").containsEntry("state", 0)
                .containsEntry("arch", "x86_64").containsEntry("priority", 10).containsEntry("parent", null)
                .doesNotContainKey("request");
        assertThat(info.get("create_ts")).isInstanceOf(Double.class);
        assertThat(map(c.call("getTaskInfo", id, true)).get("request")).isEqualTo(List.of(5, Map.of("k", "v")));
        assertThat(c.call("getTaskRequest", id)).isEqualTo(List.of(5, Map.of("k", "v")));
        assertThat((List<?>) c.call("getTaskInfo", List.of(id, 999999))).hasSize(2).element(1).isNull();
        assertThat(c.call("getTaskInfo", 999999)).isNull();
        assertThat(fault(() -> c.callKw("getTaskInfo", List.of(999999), Map.of("strict", true))).code())
                .isEqualTo(1000);
        assertThat(c.call("taskFinished", id)).isEqualTo(false);
        assertThat(fault(() -> c.call("getTaskResult", id)).getMessage()).isEqualTo("Task " + id + " is not finished");
        assertThat(fault(() -> c.callKw("makeTask", List.of("x", List.of()), Map.of("owner", "alice")))
                .getMessage()).isEqualTo("The owner option is not allowed here");
    }

    @Test
    void onlyAdminsMakeTasks() {
        KojiFault f = fault(() -> alice.call("makeTask", "sleep", List.of()));
        assertThat(f.code()).isEqualTo(1004);
        assertThat(f.getMessage()).startsWith("admin permission required");
    }

    @Test
    void resultsAndFaultsComeBack() {
        int ok = (Integer) admin.call("makeTask", "sleep", List.of());
        int bad = (Integer) admin.call("makeTask", "sleep", List.of());
        asHost(db -> {
            TaskWriter.open(db, ok, host);
            TaskWriter.close(db, ok, host, Map.of("logs", List.of("build.log")));
            TaskWriter.open(db, bad, host);
            TaskWriter.fail(db, bad, host, new KojiFault(1005, "boom"));
        });
        assertThat(admin.call("getTaskResult", ok)).isEqualTo(Map.of("logs", List.of("build.log")));
        KojiFault f = fault(() -> admin.call("getTaskResult", bad));
        assertThat(f.code()).isEqualTo(1005);
        assertThat(f.getMessage()).isEqualTo("boom");
        assertThat(admin.call("getTaskResult", bad, false)).isEqualTo(Map.of("faultCode", 1005, "faultString", "boom"));
        assertThat(admin.call("taskFinished", ok)).isEqualTo(true);
    }

    @Test
    void cancelingAParentCancelsItsChildrenAndOnlyOwnersOrAdminsMayCancel() {
        int parent = (Integer) admin.call("makeTask", "build", List.of());
        asHost(db -> TaskWriter.open(db, parent, host));
        int child = (Integer) admin.callKw("makeTask", List.of("buildArch", List.of()), Map.of("parent", parent));
        int grandchild;
        asHost(db -> TaskWriter.open(db, child, host));
        grandchild = (Integer) admin.callKw("makeTask", List.of("rebuild", List.of()), Map.of("parent", child));
        Map<String, Object> childInfo = map(admin.call("getTaskInfo", child));
        assertThat(childInfo).containsEntry("priority", 19).containsEntry("parent", parent);
        assertThat((List<?>) admin.call("getTaskChildren", parent)).hasSize(1);
        Map<String, Object> tree = map(admin.call("getTaskDescendents", parent));
        assertThat(tree.keySet()).containsExactly(Integer.toString(parent), Integer.toString(child),
                Integer.toString(grandchild));
        assertThat((List<?>) tree.get(Integer.toString(grandchild))).isEmpty();

        KojiFault denied = fault(() -> alice.call("cancelTask", parent));
        assertThat(denied.code()).isEqualTo(1004);
        assertThat(denied.getMessage()).isEqualTo("Cannot cancel task, not owner");
        assertThat(fault(() -> hub.client(Encoding.XML).call("cancelTask", parent)).code()).isEqualTo(1004);

        admin.call("cancelTask", parent);
        for (int id : List.of(parent, child, grandchild)) {
            assertThat(map(admin.call("getTaskInfo", id))).containsEntry("state", TaskState.CANCELED.code());
        }
        assertThat(fault(() -> admin.call("getTaskResult", parent)).getMessage())
                .isEqualTo("Task " + parent + " is canceled");
    }

    @Test
    void theOwnerMayCancelAndResubmit() {
        int id;
        try (Tx tx = hub.hub().database().begin()) {
            var ctx = new org.kojinext.hub.rpc.CallContext(tx, "127.0.0.1", (d, u) -> java.util.Set.of());
            id = TaskWriter.create(ctx, "build", List.of("git://x", "f40"), TaskOptions.none().owner(aliceId)
                    .channel("createrepo").priority(7));
            tx.finish();
        }
        assertThat(fault(() -> alice.call("resubmitTask", id)).getMessage())
                .isEqualTo("only canceled or failed tasks may be resubmitted");
        alice.call("cancelTask", id);
        int copy = (Integer) alice.call("resubmitTask", id);
        assertThat(map(admin.call("getTaskInfo", copy, true))).containsEntry("method", "build")
                .containsEntry("owner", aliceId).containsEntry("priority", 7)
                .containsEntry("request", List.of("git://x", "f40"))
                .containsEntry("channel_id", map(admin.call("getChannel", "createrepo")).get("id"));
        int adminTask = (Integer) admin.call("makeTask", "build", List.of());
        admin.call("cancelTask", adminTask);
        assertThat(fault(() -> alice.call("resubmitTask", adminTask)).getMessage())
                .isEqualTo("only the task owner or an admin may resubmit a task");
    }

    @Test
    void adminOnlyTransitions() {
        int id = (Integer) admin.call("makeTask", "sleep", List.of());
        for (List<Object> call : List.<List<Object>>of(List.of("freeTask", id), List.of("cancelTaskFull", id),
                List.of("assignTask", id, "builder.example"), List.of("setTaskPriority", id, 3))) {
            KojiFault f = fault(() -> alice.call((String) call.get(0), call.subList(1, call.size()).toArray()));
            assertThat(f.code()).as(call.get(0).toString()).isEqualTo(1004);
        }
        assertThat(admin.call("assignTask", id, "builder.example")).isEqualTo(true);
        assertThat(map(admin.call("getTaskInfo", id))).containsEntry("state", TaskState.ASSIGNED.code())
                .containsEntry("host_id", host);
        admin.call("freeTask", id);
        assertThat(map(admin.call("getTaskInfo", id))).containsEntry("state", 0).containsEntry("host_id", null);
        admin.call("setTaskPriority", id, 3);
        assertThat(map(admin.call("getTaskInfo", id))).containsEntry("priority", 3);
        assertThat(fault(() -> admin.call("assignTask", id, "nohost")).getMessage())
                .isEqualTo("Invalid hostInfo: nohost");
        admin.call("cancelTaskFull", id);
        assertThat(fault(() -> admin.call("setTaskPriority", id, 1)).getMessage())
                .isEqualTo("Finished task's priority can't be updated");
        assertThat(fault(() -> admin.call("freeTask", id)).getMessage())
                .isEqualTo("Cannot free task " + id + ", state is CANCELED");
    }

    @Test
    void listTasksFilters() {
        int a = (Integer) admin.callKw("makeTask", List.of("listme", List.of(1)), Map.of("arch", "ppc64le"));
        int b = (Integer) admin.callKw("makeTask", List.of("listme", List.of(2)), Map.of("arch", "s390x"));
        admin.call("cancelTask", b);
        List<?> all = (List<?>) admin.call("listTasks", Map.of("method", "listme"));
        assertThat(all).extracting(t -> map(t).get("id")).containsExactly(a, b);
        assertThat(map(all.get(0))).containsEntry("owner_name", "kojiadmin").containsKey("request")
                .containsKey("result");
        assertThat(map(all.get(0)).get("request")).asString().startsWith("<?xml");
        List<?> decoded = (List<?>) admin.call("listTasks", Map.of("method", "listme", "decode", true,
                "state", List.of(0)));
        assertThat(decoded).hasSize(1);
        assertThat(map(decoded.get(0))).containsEntry("id", a).containsEntry("request", List.of(1));
        assertThat((List<?>) admin.call("listTasks", Map.of("method", "listme", "not_state", List.of(0))))
                .extracting(t -> map(t).get("id")).containsExactly(b);
        assertThat((List<?>) admin.call("listTasks", Map.of("arch", List.of("s390x"), "method", "listme")))
                .extracting(t -> map(t).get("id")).containsExactly(b);
        assertThat(admin.call("listTasks", Map.of("method", "listme"), Map.of("countOnly", true))).isEqualTo(2);
        assertThat((List<?>) admin.call("listTasks", Map.of("method", "listme"),
                Map.of("order", "-id", "limit", 1))).extracting(t -> map(t).get("id")).containsExactly(b);
        assertThat((List<?>) admin.call("listTasks", Map.of("method", "listme", "createdAfter", 4102444800.0)))
                .isEmpty();
        assertThat((List<?>) admin.call("listTasks", Map.of("method", "listme", "completeBefore",
                "2100-01-01 00:00:00"))).extracting(t -> map(t).get("id")).containsExactly(b);
        Map<String, Object> parentNone = new java.util.HashMap<>(Map.of("method", "listme"));
        parentNone.put("parent", null);
        assertThat((List<?>) admin.call("listTasks", parentNone)).hasSize(2);
    }

    @Test
    void taskOutputStaysInsideTheTaskDirectory() throws Exception {
        int id = (Integer) admin.call("makeTask", "sleep", List.of());
        // Task output lives in the default volume, where uploads land: storage.topdir, <data-dir>/files by default.
        Path dir = hub.dataDir().resolve("files/work/tasks/" + (id % 10000) + "/" + id);
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("build.log"), "hello world");
        Files.writeString(dir.resolve("sub/x.txt"), "x");
        Path secret = hub.dataDir().resolve("secret.txt");
        Files.writeString(secret, "top secret");
        Files.createSymbolicLink(dir.resolve("escape.log"), secret);

        assertThat(admin.call("listTaskOutput", id)).isEqualTo(List.of("build.log", "sub/x.txt"));
        Map<String, Object> stat = map(admin.call("listTaskOutput", id, true));
        assertThat(map(stat.get("build.log"))).containsEntry("st_size", "11").containsKey("st_mtime");
        assertThat(map(admin.callKw("listTaskOutput", List.of(id), Map.of("all_volumes", true))))
                .containsEntry("build.log", List.of("DEFAULT"));
        assertThat((List<?>) admin.call("listTaskOutput", 999999)).isEmpty();
        assertThat(fault(() -> admin.callKw("listTaskOutput", List.of(999999), Map.of("strict", true)))
                .getMessage()).isEqualTo("Task doesn't exist");

        assertThat(text(admin.call("downloadTaskOutput", id, "build.log"))).isEqualTo("hello world");
        assertThat(text(admin.call("downloadTaskOutput", id, "build.log", 6, 3))).isEqualTo("wor");
        assertThat(text(admin.call("downloadTaskOutput", id, "build.log", -5))).isEqualTo("world");
        assertThat(fault(() -> admin.call("downloadTaskOutput", id, "../../secret.txt")).getMessage())
                .isEqualTo("Invalid file name: ../../secret.txt");
        assertThat(fault(() -> admin.call("downloadTaskOutput", id, secret.toString())).getMessage())
                .startsWith("Invalid file name");
        assertThat(fault(() -> admin.call("downloadTaskOutput", id, "escape.log")).getMessage())
                .isEqualTo("Invalid file name: escape.log");
        assertThat(fault(() -> admin.call("downloadTaskOutput", id, "nope.log")).getMessage())
                .isEqualTo("no file \"nope.log\" output by task " + id);
    }

    private static String text(Object o) {
        byte[] b = o instanceof byte[] bytes ? bytes : Base64.getDecoder().decode((String) o);
        return new String(b, StandardCharsets.UTF_8);
    }
}
