package org.kojinext.hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.RpcCall;

/**
 * The getUser cache against every way a user can change: through this hub, through another hub
 * on the same database, by plain SQL, and while the hub was not listening.
 */
class ReadCacheTest {
    private static TestHub hub;
    private static TestHub second;
    private static KojiClient admin;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        second = TestHub.startOn(hub.jdbcUrl(), Duration.ofHours(1));
        admin = hub.admin(Encoding.XML);
    }

    @AfterAll
    static void stop() {
        second.close();
        hub.close();
    }

    private static int status(KojiClient c, String user) {
        return (Integer) ((Map<?, ?>) c.call("getUser", user)).get("status");
    }

    private static void db(Consumer<DSLContext> work) {
        try (Connection c = DriverManager.getConnection(hub.jdbcUrl(), "postgres", null)) {
            work.accept(DSL.using(c, SQLDialect.POSTGRES));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void setStatus(String user, int status) {
        db(d -> d.update(USERS).set(USERS.STATUS, status).where(USERS.NAME.eq(user)).execute());
    }

    /**
     * Switches the users table's change announcements off or on. jOOQ has no statement for
     * enabling a trigger, so this one DDL statement is plain SQL; it names only our own trigger.
     */
    private static void announcements(boolean on) {
        db(d -> d.execute((on ? "ALTER TABLE users ENABLE" : "ALTER TABLE users DISABLE")
                + " TRIGGER kojinext_announce_change"));
    }

    @Test
    void aCallerReadsItsOwnWritesAtOnce() {
        admin.callKw("createUser", List.of("toggler"), Map.of("password", "x"));
        KojiClient reader = hub.client(Encoding.XML);
        // No notifications: the hub must know of its own commits without PostgreSQL's help.
        announcements(false);
        try {
            for (int i = 0; i < 100; i++) {
                admin.call(i % 2 == 0 ? "disableUser" : "enableUser", "toggler");
                assertThat(status(reader, "toggler")).as("after change %d", i).isEqualTo(i % 2 == 0 ? 1 : 0);
                assertThat(status(reader, "toggler")).isEqualTo(i % 2 == 0 ? 1 : 0);
            }
        } finally {
            announcements(true);
        }
    }

    /**
     * Waits until the hub has heard every notification committed so far: PostgreSQL delivers one
     * listener's notifications in commit order, so once a marker change is heard, so is all before.
     */
    private static void heardEverything() {
        CountDownLatch heard = new CountDownLatch(1);
        ChangeFeed feed = hub.hub().changes();
        try (AutoCloseable w = feed.watch(t -> {
            if ("test_marker".equals(t)) {
                heard.countDown();
            }
        })) {
            db(d -> d.select(DSL.function("pg_notify", Object.class, DSL.val(ChangeFeed.CHANNEL),
                    DSL.val("test_marker"))).fetch());
            assertThat(heard.await(5, TimeUnit.SECONDS)).as("marker heard").isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theCacheIsUsedAndATriggerIsWhatInvalidatesIt() {
        admin.callKw("createUser", List.of("quiet"), Map.of("password", "x"));
        // createUser's own notification, arriving late, would empty the cache this test relies on.
        heardEverything();
        KojiClient reader = hub.client(Encoding.JSON);
        assertThat(status(reader, "quiet")).isZero();
        // Without the trigger's notification the hub cannot know: the cached answer stays.
        announcements(false);
        try {
            setStatus("quiet", 1);
        } finally {
            announcements(true);
        }
        assertThat(status(reader, "quiet")).isZero();
        // With it, an edit made outside any hub reaches the cache.
        db(d -> d.update(USERS).set(USERS.USERTYPE, USERS.USERTYPE).where(USERS.NAME.eq("quiet")).execute());
        await().atMost(Duration.ofSeconds(5)).until(() -> status(reader, "quiet") == 1);
    }

    @Test
    void aChangeThroughAnotherHubReachesThisHubsCache() {
        admin.callKw("createUser", List.of("roamer"), Map.of("password", "x"));
        KojiClient onSecond = second.client(Encoding.XML);
        assertThat(status(onSecond, "roamer")).isZero();
        assertThat(status(onSecond, "roamer")).isZero();
        admin.call("disableUser", "roamer");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> status(onSecond, "roamer") == 1);
    }

    @Test
    void changesMissedWhileNotListeningAreNotServedFromTheCache() throws Exception {
        admin.callKw("createUser", List.of("missed"), Map.of("password", "x"));
        KojiClient reader = hub.client(Encoding.XML);
        assertThat(status(reader, "missed")).isZero();
        announcements(false);
        try {
            // Cut the listening connection, then change the user with no notification at all.
            Field<Integer> pid = DSL.field(DSL.name("pid"), Integer.class);
            db(d -> d.select(DSL.function("pg_terminate_backend", Boolean.class, pid))
                    .from(DSL.table(DSL.name("pg_stat_activity")))
                    .where(DSL.field(DSL.name("application_name"), String.class).eq(org.kojinext.hub.events.PgListener.APPLICATION_NAME))
                    .fetch());
            setStatus("missed", 1);
        } finally {
            announcements(true);
        }
        // Both hubs lost their listener; both come back by themselves and trust nothing older.
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().changes().live()
                && second.hub().changes().live());
        assertThat(status(reader, "missed")).isEqualTo(1);
        assertThat(status(second.client(Encoding.XML), "missed")).isEqualTo(1);
    }

    @Test
    void aMulticallReadsWhatItsEarlierStepWrote() {
        admin.callKw("createUser", List.of("stepper"), Map.of("password", "x"));
        assertThat(status(admin, "stepper")).isZero();
        List<Object> results = admin.multicall(List.of(
                new RpcCall("disableUser", List.of("stepper"), Map.of()),
                new RpcCall("getUser", List.of("stepper"), Map.of())));
        assertThat(((Map<?, ?>) ((List<?>) results.get(1)).get(0)).get("status")).isEqualTo(1);
        assertThat(status(admin, "stepper")).isEqualTo(1);
    }
}
