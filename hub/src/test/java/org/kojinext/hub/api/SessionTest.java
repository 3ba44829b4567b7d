package org.kojinext.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.db.jooq.Tables.SESSIONS;
import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.testing.Replies.fault;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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
import org.kojinext.protocol.RpcCall;

/** Koji's session rules over the wire: login, callnums, expiry, exclusivity and subsessions. */
class SessionTest {
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static void sql(java.util.function.Consumer<org.jooq.DSLContext> work) {
        try (var c = hub.hub().database().dataSource().getConnection()) {
            c.setAutoCommit(true);
            work.accept(DSL.using(c, SQLDialect.POSTGRES));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newUser(String name) {
        hub.admin(Encoding.XML).callKw("createUser", List.of(name), Map.of("password", "pw"));
        return name;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void loginReturnsKojisSessionStruct(Encoding enc) {
        KojiClient c = hub.client(enc);
        Map<?, ?> info = (Map<?, ?>) c.call("login", "kojiadmin", TestHub.ADMIN_PASSWORD);
        assertThat(info.get("session-id")).isInstanceOf(Integer.class);
        assertThat((String) info.get("session-key")).matches("\\d+-[A-Za-z0-9]{19}");
        assertThat(info.get("header-auth")).isEqualTo(true);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aWrongPasswordIsAnAuthError(Encoding enc) {
        KojiFault f = fault(() -> hub.client(enc).login("kojiadmin", "nope"));
        assertThat(f.code()).isEqualTo(1002);
        assertThat(f.getMessage()).isEqualTo("invalid username or password");
        assertThat(fault(() -> hub.client(enc).login("nobody", "x")).code()).isEqualTo(1002);
        assertThat(fault(() -> hub.client(enc).call("login", "kojiadmin", "")).code()).isEqualTo(1002);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aForgedOrClosedSessionIsRefused(Encoding enc) {
        KojiClient c = hub.admin(enc);
        KojiClient forger = hub.client(enc);
        forger.setSession(c.sessionId(), TestHub.forgedKey(c.sessionKey()));
        KojiFault f = fault(() -> forger.call("getLoggedInUser"));
        assertThat(f.code()).isEqualTo(1002);
        assertThat(f.getMessage()).isEqualTo("Invalid session or bad credentials");

        KojiClient stale = hub.client(enc);
        stale.setSession(c.sessionId(), c.sessionKey());
        c.logout();
        assertThat(fault(() -> stale.call("getLoggedInUser")).code()).isEqualTo(1002);
    }

    @Test
    void aReplayedCallnumOfAWriteIsARetryErrorAndAnOlderOneASequenceError() {
        newUser("callnum-user");
        KojiClient c = hub.admin(Encoding.XML);
        c.callWithCallnum(5, "grantPermission", "callnum-user", "sign");
        KojiFault retry = fault(() -> c.callWithCallnum(5, "revokePermission", "callnum-user", "sign"));
        assertThat(retry.code()).isEqualTo(1009);
        assertThat(retry.getMessage()).contains("unable to retry call 5");
        KojiFault seq = fault(() -> c.callWithCallnum(4, "getLoggedInUser"));
        assertThat(seq.code()).isEqualTo(1008);
        assertThat(seq.getMessage()).startsWith("5 > 4");
        // The refused retry changed nothing.
        assertThat(c.callWithCallnum(6, "getUserPerms", "callnum-user")).isEqualTo(List.of("sign"));
    }

    @Test
    void aReadOnlyCallMayRepeatItsCallnum() {
        KojiClient c = hub.admin(Encoding.XML);
        assertThat(c.callWithCallnum(3, "getAPIVersion")).isEqualTo(1);
        assertThat(c.callWithCallnum(3, "getLoggedInUser")).isNotNull();
    }

    @Test
    void anExpiredSessionGetsAuthExpiredAndCanBeRenewedUnderTheSameId() {
        KojiClient c = hub.admin(Encoding.XML);
        int id = c.sessionId();
        sql(db -> db.update(SESSIONS).set(SESSIONS.START_TIME, OffsetDateTime.now().minusDays(2))
                .where(SESSIONS.ID.eq(id)).execute());
        KojiFault f = fault(() -> c.call("getLoggedInUser"));
        assertThat(f.code()).isEqualTo(1007);
        assertThat(f.getMessage()).isEqualTo("session \"" + id + "\" has expired");

        Map<?, ?> renewed = (Map<?, ?>) c.callKw("login", List.of("kojiadmin", TestHub.ADMIN_PASSWORD),
                Map.of("renew", true));
        assertThat(renewed.get("session-id")).isEqualTo(id);
        c.setSession(id, (String) renewed.get("session-key"));
        assertThat(((Map<?, ?>) c.call("getLoggedInUser")).get("name")).isEqualTo("kojiadmin");
    }

    @Test
    void anExclusiveSessionLocksOutTheUsersOtherSessionsUntilForced() {
        newUser("builder-like");
        KojiClient a = hub.client(Encoding.XML);
        a.login("builder-like", "pw");
        KojiClient b = hub.client(Encoding.JSON);
        b.login("builder-like", "pw");
        a.call("exclusiveSession");
        KojiFault locked = fault(() -> b.call("getLoggedInUser"));
        assertThat(locked.code()).isEqualTo(1006);
        assertThat(locked.getMessage()).isEqualTo("User locked by another session");
        assertThat(fault(() -> b.call("exclusiveSession")).code()).isEqualTo(1006);

        b.callKw("exclusiveSession", List.of(), Map.of("force", true));
        assertThat(b.call("getLoggedInUser")).isNotNull();
        assertThat(fault(() -> a.call("getLoggedInUser")).code()).isEqualTo(1002);
        b.call("sharedSession");
    }

    @Test
    void subsessionsShareTheUserAndCloseWithTheirMaster() {
        KojiClient master = hub.admin(Encoding.XML);
        Map<?, ?> sub = (Map<?, ?>) master.call("subsession");
        KojiClient child = hub.client(Encoding.XML);
        child.setSession((Integer) sub.get("session-id"), (String) sub.get("session-key"));
        assertThat(((Map<?, ?>) child.call("getLoggedInUser")).get("name")).isEqualTo("kojiadmin");
        Map<?, ?> info = (Map<?, ?>) child.callKw("getSessionInfo", List.of(), Map.of("details", true));
        assertThat(info.get("master")).isEqualTo(master.sessionId());

        master.call("logoutChild", sub.get("session-id"));
        assertThat(fault(() -> child.call("getLoggedInUser")).code()).isEqualTo(1002);

        Map<?, ?> sub2 = (Map<?, ?>) master.call("subsession");
        KojiClient child2 = hub.client(Encoding.XML);
        child2.setSession((Integer) sub2.get("session-id"), (String) sub2.get("session-key"));
        master.logout();
        assertThat(fault(() -> child2.call("getLoggedInUser")).code()).isEqualTo(1002);
    }

    @Test
    void aPlainPasswordCarriedOverFromKojiWorksOnceAndIsRehashed() {
        newUser("legacy");
        sql(db -> db.update(USERS).set(USERS.PASSWORD, "from-koji").where(USERS.NAME.eq("legacy")).execute());
        hub.client(Encoding.XML).login("legacy", "from-koji");
        String[] stored = new String[1];
        sql(db -> stored[0] = db.select(USERS.PASSWORD).from(USERS).where(USERS.NAME.eq("legacy")).fetchOne().value1());
        assertThat(stored[0]).startsWith("$argon2id$");
        hub.client(Encoding.XML).login("legacy", "from-koji");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void multicallUndoesOnlyTheFailedCall(Encoding enc) {
        String u1 = "mc1-" + enc;
        String u2 = "mc2-" + enc;
        KojiClient admin = hub.admin(enc);
        List<Object> results = admin.multicall(List.of(
                new RpcCall("createUser", List.of(u1), Map.of()),
                new RpcCall("createUser", List.of("kojiadmin"), Map.of()),
                new RpcCall("createUser", List.of(u2), Map.of()),
                new RpcCall("noSuchMethod", List.of(), Map.of())));
        assertThat(results.get(0)).isInstanceOf(List.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(KojiFault.class, f -> {
            assertThat(f.code()).isEqualTo(1000);
            assertThat(f.getMessage()).isEqualTo("user already exists: kojiadmin");
        });
        assertThat(results.get(2)).isInstanceOf(List.class);
        assertThat(results.get(3)).isInstanceOfSatisfying(KojiFault.class,
                f -> assertThat(f.getMessage()).isEqualTo("Invalid method: noSuchMethod"));
        assertThat(admin.call("getUser", u1)).isNotNull();
        assertThat(admin.call("getUser", u2)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void datetimesComeBackAsKojisIsoformatStrings(Encoding enc) {
        KojiClient c = hub.admin(enc);
        Map<?, ?> info = (Map<?, ?>) c.callKw("getSessionInfo", List.of(), Map.of("details", true));
        // Python's datetime.isoformat(' '): a space, microseconds only when non-zero, and the offset.
        assertThat(info.get("start_time")).isInstanceOfSatisfying(String.class, t ->
                assertThat(t).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?[+-]\\d\\d:\\d\\d"));
        assertThat(info.get("start_ts")).isInstanceOf(Double.class);
    }
}
