package org.kojinext.hub.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.db.jooq.Tables.CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST;
import static org.kojinext.hub.db.jooq.Tables.TASK;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.Tx;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.testing.TestPostgres;
import org.kojinext.protocol.KojiFault;

/** TaskWriter against a real database: make_task's defaults and each transition's preconditions. */
class TaskWriterTest {
    private static Database database;
    private static int owner;
    private static int otherUser;
    private static int host;
    private static int otherHost;
    private Tx tx;
    private CallContext ctx;
    private DSLContext db;

    @BeforeAll
    static void open() {
        database = Database.open(TestPostgres.newDatabase(), "postgres", null, 4);
        try (Tx t = database.begin()) {
            owner = user(t.dsl(), "task-owner");
            otherUser = user(t.dsl(), "other-user");
            host = host(t.dsl(), "builder-1");
            otherHost = host(t.dsl(), "builder-2");
            t.dsl().insertInto(CHANNELS).set(CHANNELS.NAME, "off").set(CHANNELS.ENABLED, false).execute();
            t.finish();
        }
    }

    private static int user(DSLContext d, String name) {
        return d.insertInto(USERS).set(USERS.NAME, name).set(USERS.STATUS, 0).set(USERS.USERTYPE, 0)
                .returning(USERS.ID).fetchSingle().getId();
    }

    private static int host(DSLContext d, String name) {
        int uid = d.insertInto(USERS).set(USERS.NAME, name).set(USERS.STATUS, 0).set(USERS.USERTYPE, 1)
                .returning(USERS.ID).fetchSingle().getId();
        return d.insertInto(HOST).set(HOST.NAME, name).set(HOST.USER_ID, uid).returning(HOST.ID).fetchSingle()
                .getId();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void begin() {
        tx = database.begin();
        ctx = new CallContext(tx, "127.0.0.1", (d, u) -> Set.of());
        db = tx.dsl();
    }

    @AfterEach
    void end() {
        // Each test's changes are undone, so tests do not see each other's tasks.
        tx.rollback();
        tx.close();
    }

    private int channel(String name) {
        return db.select(CHANNELS.ID).from(CHANNELS).where(CHANNELS.NAME.eq(name)).fetchSingle().value1();
    }

    private int top(String method) {
        return TaskWriter.create(ctx, method, List.of("a", 1), TaskOptions.none().owner(owner));
    }

    private int openTop() {
        int id = top("build");
        assertThat(TaskWriter.open(db, id, host)).isNotNull();
        return id;
    }

    private static String faultOf(Runnable r) {
        try {
            r.run();
        } catch (KojiFault f) {
            return f.code() + ": " + f.getMessage();
        }
        throw new AssertionError("no fault");
    }

    @Test
    void aTopLevelTaskTakesKojisDefaults() {
        int id = TaskWriter.create(ctx, "build", List.of("src", "target", Map.of("scratch", true)),
                TaskOptions.none().owner("task-owner"));
        Map<String, Object> info = TaskStore.info(db, id, true);
        assertThat(info).containsEntry("state", TaskState.FREE.code()).containsEntry("owner", owner)
                .containsEntry("arch", "noarch").containsEntry("priority", 20)
                .containsEntry("channel_id", channel("default")).containsEntry("parent", null)
                .containsEntry("label", null).containsEntry("host_id", null).containsEntry("method", "build")
                .containsEntry("weight", 1.0);
        assertThat(info.get("request")).isEqualTo(List.of("src", "target", Map.of("scratch", true)));
        assertThat(TaskStore.request(db, id)).isEqualTo(List.of("src", "target", Map.of("scratch", true)));
        assertThat(info.get("create_ts")).isInstanceOf(Double.class);
        assertThat(db.select(TASK.REQUEST).from(TASK).where(TASK.ID.eq(id)).fetchSingle().value1())
                .startsWith("<?xml").contains("<methodName>build</methodName>");
    }

    @Test
    void aTopLevelTaskNeedsAnOwner() {
        assertThat(faultOf(() -> TaskWriter.create(ctx, "build", List.of(), TaskOptions.none())))
                .isEqualTo("1000: task must have an owner");
    }

    @Test
    void requestedOptionsWin() {
        int id = TaskWriter.create(ctx, "createrepo", List.of(), TaskOptions.none().owner(owner)
                .channel("createrepo").arch("x86_64").priority(5).assign(null));
        assertThat(TaskStore.info(db, id, false)).containsEntry("channel_id", channel("createrepo"))
                .containsEntry("arch", "x86_64").containsEntry("priority", 5);
    }

    @Test
    void aMissingOrDisabledChannelIsRefused() {
        assertThat(faultOf(() -> TaskWriter.create(ctx, "x", List.of(), TaskOptions.none().owner(owner)
                .channel("nope")))).isEqualTo("1000: No such channel: nope");
        assertThat(faultOf(() -> TaskWriter.create(ctx, "x", List.of(), TaskOptions.none().owner(owner)
                .channel("off")))).isEqualTo("1000: Channel off is disabled.");
    }

    @Test
    void aSubtaskInheritsFromItsOpenParent() {
        int parent = TaskWriter.create(ctx, "build", List.of(), TaskOptions.none().owner(owner)
                .channel("createrepo").arch("x86_64").priority(15));
        assertThat(faultOf(() -> TaskWriter.create(ctx, "buildArch", List.of(), TaskOptions.none().parent(parent))))
                .isEqualTo("1000: Parent task (id " + parent + ") is not open");
        assertThat(faultOf(() -> TaskWriter.create(ctx, "buildArch", List.of(), TaskOptions.none().parent(999999))))
                .isEqualTo("1000: Invalid parent task: 999999");
        TaskWriter.open(db, parent, host);

        int child = TaskWriter.create(ctx, "buildArch", List.of("x"), TaskOptions.none().parent(parent)
                .label("x86_64"));
        assertThat(TaskStore.info(db, child, false)).containsEntry("parent", parent).containsEntry("owner", owner)
                .containsEntry("arch", "x86_64").containsEntry("priority", 14)
                .containsEntry("channel_id", channel("createrepo")).containsEntry("label", "x86_64");
        // the same label again is the same subtask: a restarted parent gets it back
        assertThat(TaskWriter.create(ctx, "buildArch", List.of("y"), TaskOptions.none().parent(parent)
                .label("x86_64"))).isEqualTo(child);
        // a requested channel beats the parent's
        int other = TaskWriter.create(ctx, "tagBuild", List.of(), TaskOptions.none().parent(parent)
                .channel("default").owner(otherUser).priority(3));
        assertThat(TaskStore.info(db, other, false)).containsEntry("channel_id", channel("default"))
                .containsEntry("owner", otherUser).containsEntry("priority", 3);
        assertThat(TaskStore.children(db, parent)).extracting(m -> m.get("id")).containsExactly(child, other);
    }

    @Test
    void assignTakesOnlyAFreeTaskOrOneAlreadyAssignedToTheSameHost() {
        int id = top("build");
        assertThat(TaskWriter.assign(db, id, host, false)).isTrue();
        assertThat(TaskStore.info(db, id, false)).containsEntry("state", TaskState.ASSIGNED.code())
                .containsEntry("host_id", host);
        assertThat(TaskWriter.assign(db, id, host, false)).isTrue();
        assertThat(TaskWriter.assign(db, id, otherHost, false)).isFalse();
        assertThat(TaskWriter.open(db, id, otherHost)).isNull();
        assertThat(TaskWriter.assign(db, id, otherHost, true)).isTrue();
        assertThat(TaskStore.info(db, id, false)).containsEntry("host_id", otherHost);
        assertThat(faultOf(() -> TaskWriter.assign(db, 999999, host, false))).isEqualTo("1000: No such task: 999999");
    }

    @Test
    void openNeedsAFreeTaskOrOneAssignedToThisHost() {
        int id = top("build");
        TaskWriter.assign(db, id, host, false);
        Map<String, Object> opened = TaskWriter.open(db, id, host);
        assertThat(opened).containsEntry("state", TaskState.OPEN.code()).containsEntry("host_id", host);
        assertThat((String) opened.get("request")).startsWith("<?xml");
        assertThat(opened.get("start_ts")).isNotNull();
        // already open: a second open, even by the same host, gets nothing
        assertThat(TaskWriter.open(db, id, host)).isNull();
        assertThat(TaskWriter.assign(db, id, host, false)).isFalse();
        int free = top("build");
        assertThat(TaskWriter.open(db, free, otherHost)).containsEntry("host_id", otherHost);
    }

    @Test
    void closeAndFailNeedTheHostThatHoldsTheTaskOpen() {
        int id = top("build");
        assertThat(faultOf(() -> TaskWriter.close(db, id, host, "x")))
                .isEqualTo("1004: host " + host + " does not own task " + id);
        TaskWriter.open(db, id, host);
        assertThat(faultOf(() -> TaskWriter.close(db, id, otherHost, "x")))
                .isEqualTo("1004: host " + otherHost + " does not own task " + id);
        assertThat(faultOf(() -> TaskStore.result(db, id, true))).isEqualTo("1000: Task " + id + " is not finished");
        TaskWriter.close(db, id, host, Map.of("rpms", List.of("a.rpm")));
        assertThat(TaskStore.info(db, id, false)).containsEntry("state", TaskState.CLOSED.code());
        assertThat(TaskStore.info(db, id, false).get("completion_ts")).isNotNull();
        assertThat(TaskStore.result(db, id, true)).isEqualTo(Map.of("rpms", List.of("a.rpm")));
        assertThat(faultOf(() -> TaskWriter.close(db, id, host, "again")))
                .isEqualTo("1004: host " + host + " does not own task " + id);

        int failing = openTop();
        TaskWriter.fail(db, failing, host, new KojiFault(1005, "rpmbuild failed"));
        assertThat(TaskStore.info(db, failing, false)).containsEntry("state", TaskState.FAILED.code());
        assertThat(faultOf(() -> TaskStore.result(db, failing, true))).isEqualTo("1005: rpmbuild failed");
        assertThat(TaskStore.result(db, failing, false))
                .isEqualTo(Map.of("faultCode", 1005, "faultString", "rpmbuild failed"));
    }

    @Test
    void freeRefusesAFinishedTask() {
        int id = openTop();
        assertThat(TaskWriter.free(db, id)).isTrue();
        assertThat(TaskStore.info(db, id, false)).containsEntry("state", 0).containsEntry("host_id", null);
        TaskWriter.cancel(db, id, true);
        assertThat(faultOf(() -> TaskWriter.free(db, id))).isEqualTo("1000: Cannot free task " + id
                + ", state is CANCELED");
    }

    @Test
    void cancelStopsAtFinishedTasksAndCancelsTheSubtree() {
        int parent = openTop();
        int a = TaskWriter.create(ctx, "a", List.of(), TaskOptions.none().parent(parent));
        int b = TaskWriter.create(ctx, "b", List.of(), TaskOptions.none().parent(parent));
        TaskWriter.open(db, b, host);
        int grandchild = TaskWriter.create(ctx, "c", List.of(), TaskOptions.none().parent(b));
        int done = TaskWriter.create(ctx, "d", List.of(), TaskOptions.none().parent(parent));
        TaskWriter.open(db, done, host);
        TaskWriter.close(db, done, host, true);

        assertThat(TaskWriter.cancel(db, parent, true)).isTrue();
        Function<Integer, Object> state = id -> TaskStore.info(db, id, false).get("state");
        assertThat(List.of(parent, a, b, grandchild).stream().map(state))
                .containsOnly(TaskState.CANCELED.code());
        assertThat(state.apply(done)).isEqualTo(TaskState.CLOSED.code());
        assertThat(TaskWriter.cancel(db, parent, true)).isTrue();
        assertThat(TaskWriter.cancel(db, done, true)).isFalse();
    }

    @Test
    void cancelWithoutRecurseLeavesChildren() {
        int parent = openTop();
        int child = TaskWriter.create(ctx, "a", List.of(), TaskOptions.none().parent(parent));
        TaskWriter.cancel(db, parent, false);
        assertThat(TaskStore.state(db, child)).isEqualTo(TaskState.FREE);
        TaskWriter.cancelChildren(db, parent);
        assertThat(TaskStore.state(db, child)).isEqualTo(TaskState.CANCELED);
    }

    @Test
    void cancelFullWalksFromTheTop() {
        int parent = openTop();
        int child = TaskWriter.create(ctx, "a", List.of(), TaskOptions.none().parent(parent));
        TaskWriter.open(db, child, host);
        int grandchild = TaskWriter.create(ctx, "c", List.of(), TaskOptions.none().parent(child));
        assertThat(faultOf(() -> TaskWriter.cancelFull(db, child, true)))
                .isEqualTo("1000: Task " + child + " is not top-level (parent=" + parent + ")");
        TaskWriter.cancelFull(db, grandchild, false);
        assertThat(List.of(parent, child, grandchild)).allMatch(id -> TaskStore.state(db, id) == TaskState.CANCELED);
    }

    @Test
    void priorityAndWeight() {
        int parent = openTop();
        int child = TaskWriter.create(ctx, "a", List.of(), TaskOptions.none().parent(parent));
        TaskWriter.setPriority(db, parent, 7, false);
        assertThat(TaskStore.info(db, child, false)).containsEntry("priority", 19);
        TaskWriter.setPriority(db, parent, 7, true);
        assertThat(TaskStore.info(db, child, false)).containsEntry("priority", 7);
        TaskWriter.setWeight(db, child, 2.5);
        assertThat(TaskStore.info(db, child, false)).containsEntry("weight", 2.5);
        assertThat(faultOf(() -> TaskWriter.setWeight(db, 999999, 1))).isEqualTo("1000: No such task: 999999");
    }

    @Test
    void waitingOnSubtasks() {
        int parent = openTop();
        int a = TaskWriter.create(ctx, "a", List.of(), TaskOptions.none().parent(parent));
        int b = TaskWriter.create(ctx, "b", List.of(), TaskOptions.none().parent(parent));
        TaskWriter.setWait(db, parent, null);
        assertThat(TaskStore.info(db, parent, false)).containsEntry("waiting", true);
        assertThat(TaskWriter.waitState(db, parent, null)).isEqualTo(List.of(List.of(), List.of(a, b)));
        TaskWriter.open(db, a, host);
        TaskWriter.close(db, a, host, "ok");
        assertThat(TaskWriter.waitState(db, parent, null)).isEqualTo(List.of(List.of(a), List.of(b)));
        // a finished subtask is no longer awaited once reported
        assertThat(TaskWriter.waitState(db, parent, null)).isEqualTo(List.of(List.of(), List.of(b)));
        TaskWriter.setWait(db, parent, List.of(a));
        assertThat(TaskStore.info(db, b, false)).containsEntry("awaited", false);
        assertThat(TaskWriter.waitResults(db, parent, List.of(a), null)).isEqualTo(List.of(List.of(a, "ok")));
        assertThat(TaskStore.info(db, parent, false)).containsEntry("waiting", false);
        TaskWriter.cancel(db, b, true);
        assertThat(faultOf(() -> TaskWriter.waitResults(db, parent, List.of(b), null)))
                .isEqualTo("1000: Task " + b + " is canceled");
        assertThat(TaskWriter.waitResults(db, parent, List.of(b), List.of(b))).isEqualTo(List.of(List.of(b,
                Map.of("faultCode", 1000, "faultString", "Task " + b + " is canceled"))));
    }
}
