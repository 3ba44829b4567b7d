package org.kojinext.hub.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.redhat.red.build.koji.KojiClient;
import com.redhat.red.build.koji.KojiClientException;
import com.redhat.red.build.koji.config.SimpleKojiConfigBuilder;
import com.redhat.red.build.koji.model.xmlrpc.KojiAuthType;
import com.redhat.red.build.koji.model.xmlrpc.KojiMultiCallFault;
import com.redhat.red.build.koji.model.xmlrpc.KojiMultiCallValueObj;
import com.redhat.red.build.koji.model.xmlrpc.KojiPermission;
import com.redhat.red.build.koji.model.xmlrpc.KojiSessionInfo;
import com.redhat.red.build.koji.model.xmlrpc.KojiTagInfo;
import com.redhat.red.build.koji.model.xmlrpc.KojiUserInfo;
import com.redhat.red.build.koji.model.xmlrpc.KojiUserStatus;
import com.redhat.red.build.koji.model.xmlrpc.KojiUserType;
import com.redhat.red.build.koji.model.xmlrpc.messages.MultiCallRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.groups.Tuple;
import org.commonjava.rwx.error.XmlRpcFaultException;
import org.commonjava.util.jhttpc.auth.MemoryPasswordManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;

/**
 * An independent Java client: Red Hat's Kojiji, used through its public API only, against a real
 * hub over plain HTTP. Kojiji sends the session on the query string (session-id, session-key,
 * callnum), the form Koji accepted before 1.30.
 *
 * <p>Kojiji's own {@code login()} is certificate login: it POSTs {@code sslLogin} to
 * {@code <url>/ssllogin} (or logs in with Kerberos when a service is configured). The hub has
 * password login only, so Kojiji logs in by sending Koji's {@code login(user, password)} through
 * its generic {@code multiCall}, and reads the answer with its own {@link KojiSessionInfo}. A session
 * made by another client works just as well, handed to Kojiji as a {@link KojiSessionInfo}.
 */
class KojijiClientTest {
    private static TestHub hub;
    private static ExecutorService pool;
    private static KojiClient kojiji;
    /** Our own client, logged in as kojiadmin, to set things up and check Kojiji's answers. */
    private static org.kojinext.protocol.KojiClient admin;

    @BeforeAll
    static void start() throws KojiClientException {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        pool = Executors.newFixedThreadPool(1);
        // The constructor already calls getAPIVersion and gives up on the hub unless it says 1.
        kojiji = new KojiClient(new SimpleKojiConfigBuilder(hub.url().toString()).withTimeout(30).build(),
                new MemoryPasswordManager(), pool);
    }

    @AfterAll
    static void stop() {
        if (kojiji != null) {
            kojiji.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** Password login, sent by Kojiji itself as a one-call multicall without a session. */
    private static KojiSessionInfo passwordLogin(String user, String password) throws KojiClientException {
        List<KojiSessionInfo> answers = kojiji.multiCall("login", List.of(List.of(user, password)),
                KojiSessionInfo.class, null);
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0)).as("login of %s", user).isNotNull();
        return answers.get(0);
    }

    /** A normal user with a password (a Koji Next extension of createUser), made by our client. */
    private static int newUser(String name) {
        return (Integer) admin.callKw("createUser", List.of(name), Map.of("password", "pw-" + name));
    }

    private static int userId(String name) {
        return (Integer) ((Map<?, ?>) admin.call("getUser", name)).get("id");
    }

    /** Kojiji wraps a Koji fault as KojiClientException, caused by rwx's fault with Koji's struct. */
    private static Map<?, ?> kojiFault(ThrowingCallable call) {
        Map<?, ?>[] fault = new Map<?, ?>[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(KojiClientException.class, e -> {
            assertThat(e.getCause()).isInstanceOf(XmlRpcFaultException.class);
            fault[0] = (Map<?, ?>) ((XmlRpcFaultException) e.getCause()).getFault().getValue();
            assertThat(e.getMessage()).contains(String.valueOf(fault[0].get("faultString")));
        });
        return fault[0];
    }

    @Test
    void connectsAndReadsApiVersionOne() throws KojiClientException {
        assertThat(kojiji.getApiVersion()).isEqualTo(1);
    }

    @Test
    void kojijisOwnLoginIsCertificateLoginWhichTheHubDoesNotServe() {
        assertThatThrownBy(() -> kojiji.login())
                .isInstanceOf(KojiClientException.class)
                .hasMessageContaining("Failed to login")
                .hasMessageContaining("404");
    }

    @Test
    void logsInWithAPasswordAndSeesItsUser() throws KojiClientException {
        KojiSessionInfo session = passwordLogin("kojiadmin", TestHub.ADMIN_PASSWORD);
        assertThat(session.getSessionId()).isPositive();
        assertThat(session.getSessionKey()).isNotBlank();

        KojiUserInfo me = kojiji.getLoggedInUserInfo(session);
        assertThat(me.getUserName()).isEqualTo("kojiadmin");
        assertThat(me.getUserId()).isEqualTo(userId("kojiadmin"));
        assertThat(me.getStatus()).isEqualTo(KojiUserStatus.NORMAL);
        assertThat(me.getUserType()).isEqualTo(KojiUserType.NORMAL);
        assertThat(me.getAuthType()).isEqualTo(KojiAuthType.NORMAL);
        assertThat(me.getKerberosPrincipal()).isNull();
        kojiji.logout(session);
    }

    @Test
    void usesASessionThatAnotherClientLoggedIn() throws KojiClientException {
        int id = newUser("erin");
        org.kojinext.protocol.KojiClient ours = hub.client(Encoding.XML);
        ours.login("erin", "pw-erin");
        KojiSessionInfo session = new KojiSessionInfo(ours.sessionId(), ours.sessionKey());

        KojiUserInfo me = kojiji.getLoggedInUserInfo(session);
        assertThat(me.getUserName()).isEqualTo("erin");
        assertThat(me.getUserId()).isEqualTo(id);
        assertThat(me.getAuthType()).isEqualTo(KojiAuthType.NORMAL);
        assertThat(kojiji.hasPermission("admin", session)).isFalse();
    }

    @Test
    void readsAUserByNameWithoutASession() throws KojiClientException {
        int id = newUser("alice");
        // Despite its name, this overload is Koji's getUser(name), sent without a session.
        KojiUserInfo alice = kojiji.getLoggedInUserInfo("alice");
        assertThat(alice.getUserName()).isEqualTo("alice");
        assertThat(alice.getUserId()).isEqualTo(id);
        assertThat(alice.getStatus()).isEqualTo(KojiUserStatus.NORMAL);
        assertThat(alice.getUserType()).isEqualTo(KojiUserType.NORMAL);
        assertThat(alice.getAuthType()).as("getUser carries no authtype, as in Koji").isNull();

        assertThat(kojiji.getLoggedInUserInfo("nobody")).as("getUser of an unknown name is None").isNull();
    }

    @Test
    void checksPermissionsAndListsThemAll() throws KojiClientException {
        newUser("bob");
        KojiSessionInfo adminSession = passwordLogin("kojiadmin", TestHub.ADMIN_PASSWORD);
        KojiSessionInfo bob = passwordLogin("bob", "pw-bob");

        assertThat(kojiji.hasPermission("admin", adminSession)).isTrue();
        assertThat(kojiji.hasPermission("admin", bob)).isFalse();
        assertThat(kojiji.hasPermission("repo", bob)).isFalse();
        admin.call("grantPermission", "bob", "repo");
        assertThat(kojiji.hasPermission("repo", bob)).isTrue();
        assertThat(kojiji.hasPermission("admin", bob)).isFalse();

        List<KojiPermission> all = kojiji.getAllPermissions(bob);
        List<Tuple> expected = ((List<?>) admin.call("getAllPerms")).stream()
                .map(p -> (Map<?, ?>) p)
                .map(p -> tuple(p.get("id"), p.get("name")))
                .toList();
        assertThat(all).extracting(KojiPermission::getId, KojiPermission::getName)
                .containsExactlyElementsOf(expected)
                .contains(tuple(1, "admin"));
        assertThat(all).extracting(KojiPermission::getName).contains("repo", "tag", "host");
    }

    @Test
    void runsAMixedMulticallWithResultsAndFaultsInPlace() throws KojiClientException {
        KojiSessionInfo session = passwordLogin("kojiadmin", TestHub.ADMIN_PASSWORD);
        MultiCallRequest.Builder calls = MultiCallRequest.getBuilder();
        calls.addCallObj("getLoggedInUser");
        calls.addCallObj("hasPerm", "admin");
        calls.addCallObj("getUser", "nobody", true);
        calls.addCallObj("echo", "x", 1);
        List<KojiMultiCallValueObj> results = kojiji.multiCall(calls.build(), session).getValueObjs();

        assertThat(results).hasSize(4);
        Map<?, ?> me = (Map<?, ?>) results.get(0).getData();
        assertThat(me.get("name")).isEqualTo("kojiadmin");
        assertThat(me.get("id")).isEqualTo(userId("kojiadmin"));
        assertThat(me.get("authtype")).isEqualTo(0);
        assertThat(results.get(0).getFault()).isNull();
        assertThat(results.get(1).getData()).isEqualTo(true);
        KojiMultiCallFault noSuchUser = results.get(2).getFault();
        assertThat(results.get(2).getData()).isNull();
        assertThat(noSuchUser.getFaultCode()).isEqualTo(1000);
        assertThat(noSuchUser.getFaultString()).isEqualTo("No such user: 'nobody'");
        assertThat(results.get(3).getData()).isEqualTo(List.of("x", 1));
        kojiji.logout(session);
    }

    @Test
    void runsATypedMulticallIntoItsOwnModel() throws KojiClientException {
        int carol = newUser("carol");
        KojiSessionInfo session = passwordLogin("carol", "pw-carol");
        List<KojiUserInfo> users = kojiji.multiCall("getUser", List.of("kojiadmin", "carol", "nobody"),
                KojiUserInfo.class, session);
        assertThat(users).hasSize(3);
        assertThat(users.get(0).getUserName()).isEqualTo("kojiadmin");
        assertThat(users.get(0).getUserId()).isEqualTo(userId("kojiadmin"));
        assertThat(users.get(1).getUserName()).isEqualTo("carol");
        assertThat(users.get(1).getUserId()).isEqualTo(carol);
        assertThat(users.get(2)).as("unknown user").isNull();
    }

    @Test
    void anAdminSessionWritesThroughAMulticall() throws KojiClientException {
        KojiSessionInfo session = passwordLogin("kojiadmin", TestHub.ADMIN_PASSWORD);
        MultiCallRequest.Builder calls = MultiCallRequest.getBuilder();
        calls.addCallObj("createUser", "dave");
        calls.addCallObj("grantPermission", "dave", "tag");
        calls.addCallObj("grantPermission", "dave", "tag");
        List<KojiMultiCallValueObj> results = kojiji.multiCall(calls.build(), session).getValueObjs();

        assertThat(results.get(0).getData()).isEqualTo(userId("dave"));
        assertThat(results.get(1).getFault()).isNull();
        assertThat(results.get(1).getData()).isNull();
        assertThat(results.get(2).getFault().getFaultCode()).isEqualTo(1000);
        assertThat(results.get(2).getFault().getFaultString()).isEqualTo("user dave already has permission: tag");
        // The failed third call is undone alone; the first two stay.
        assertThat(admin.call("getUserPerms", "dave")).isEqualTo(List.of("tag"));
    }

    @Test
    void surfacesKojisFaultCodes() throws KojiClientException {
        newUser("frank");
        KojiSessionInfo frank = passwordLogin("frank", "pw-frank");

        // Permission denied, inside a multicall: ActionNotAllowed.
        MultiCallRequest.Builder calls = MultiCallRequest.getBuilder();
        calls.addCallObj("grantPermission", "frank", "admin");
        KojiMultiCallFault denied = kojiji.multiCall(calls.build(), frank).getValueObjs().get(0).getFault();
        assertThat(denied.getFaultCode()).isEqualTo(1004);
        assertThat(denied.getFaultString()).isEqualTo("admin permission required (logged in as frank)");
        assertThat(kojiji.hasPermission("admin", frank)).isFalse();

        // A wrong session key, on a plain call: AuthError.
        Map<?, ?> badKey = kojiFault(() -> kojiji.getLoggedInUserInfo(
                new KojiSessionInfo(frank.getSessionId(), frank.getSessionKey() + "x")));
        assertThat(badKey.get("faultCode")).isEqualTo(1002);
        assertThat(badKey.get("faultString")).isEqualTo("Invalid session or bad credentials");

        // A method Kojiji knows and the hub does not implement yet: GenericError, as Koji's.
        Map<?, ?> unknown = kojiFault(() -> kojiji.getMavenArchiveInfo(1, frank));
        assertThat(unknown.get("faultCode")).isEqualTo(1000);
        assertThat(unknown.get("faultString")).isEqualTo("Invalid method: getMavenArchive");

        // getTag as Kojiji reads it.
        int tagId = (Integer) admin.callKw("createTag", List.of("f40-build"), Map.of("arches", "x86_64"));
        KojiTagInfo tag = kojiji.getTag("f40-build", frank);
        assertThat(tag.getId()).isEqualTo(tagId);
        assertThat(tag.getName()).isEqualTo("f40-build");

        // A wrong password, on Kojiji's login-by-multicall: AuthError in the call's slot.
        KojiMultiCallFault wrongPassword = kojiji.multiCall("login", List.of(List.of("frank", "nope")), null)
                .getValueObjs().get(0).getFault();
        assertThat(wrongPassword.getFaultCode()).isEqualTo(1002);
        assertThat(wrongPassword.getFaultString()).isEqualTo("invalid username or password");
    }

    @Test
    void readsBuildsAndTaggedContentAndUntags() throws KojiClientException {
        newUser("heidi");
        KojiSessionInfo heidi = passwordLogin("heidi", "pw-heidi");
        admin.call("createTag", "kj-dist");
        admin.callKw("packageListAdd", List.of("kj-dist", "kj-pkg"), Map.of("owner", "heidi"));
        int older = (Integer) admin.call("createEmptyBuild", "kj-pkg", "1.0", "1", null);
        int newer = (Integer) admin.call("createEmptyBuild", "kj-pkg", "1.0", "2", null);
        admin.call("importRPMInfo", "kj-pkg-1.0-2", Map.of("name", "kj-pkg", "version", "1.0", "release", "2",
                "arch", "noarch", "payloadhash", "0a".repeat(16), "size", 42, "buildtime", 1700000000,
                "sha256", "0b".repeat(32)));
        admin.call("tagBuildBypass", "kj-dist", "kj-pkg-1.0-2");
        admin.call("tagBuildBypass", "kj-dist", "kj-pkg-1.0-1");

        assertThat(kojiji.getBuildInfo("kj-pkg-1.0-2", heidi).getId()).isEqualTo(newer);
        assertThat(kojiji.getBuildInfo(older, heidi).getNvr()).isEqualTo("kj-pkg-1.0-1");
        assertThat(kojiji.listTagged("kj-dist", heidi)).extracting(b -> b.getNvr())
                .containsExactly("kj-pkg-1.0-1", "kj-pkg-1.0-2");
        assertThat(kojiji.listTaggedRPMS("kj-dist", heidi).getRpms()).extracting(r -> r.getArch())
                .containsExactly("noarch");
        assertThat(kojiji.listBuildRPMs(newer, heidi)).singleElement()
                .satisfies(r -> assertThat(r.getSize()).isEqualTo(42L));

        assertThat(kojiji.untagBuild("kj-dist", "kj-pkg-1.0-1", heidi)).isTrue();
        assertThat(kojiji.listTagged("kj-dist", heidi)).extracting(b -> b.getNvr()).containsExactly("kj-pkg-1.0-2");
    }

    @Test
    void logsOutAndTheSessionIsGone() throws KojiClientException {
        newUser("grace");
        KojiSessionInfo session = passwordLogin("grace", "pw-grace");
        int id = session.getSessionId();
        String key = session.getSessionKey();
        assertThat(kojiji.getLoggedInUserInfo(session).getUserName()).isEqualTo("grace");
        assertThat(openSessionIds("grace")).containsExactly(id);

        kojiji.logout(session);
        assertThat(session.isDestroyed()).isTrue();
        assertThat(openSessionIds("grace")).isEmpty();
        Map<?, ?> fault = kojiFault(() -> kojiji.getLoggedInUserInfo(new KojiSessionInfo(id, key)));
        assertThat(fault.get("faultCode")).isEqualTo(1002);
    }

    private static List<Object> openSessionIds(String user) {
        List<?> sessions = (List<?>) admin.callKw("getSessionInfo", List.of(),
                Map.of("details", true, "user_id", user));
        return sessions.stream().<Object>map(s -> ((Map<?, ?>) s).get("id")).toList();
    }
}
