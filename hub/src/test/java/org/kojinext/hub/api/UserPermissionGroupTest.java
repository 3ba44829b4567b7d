package org.kojinext.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.testing.Replies.fault;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/** Users, permissions and groups over the wire, in both encodings, against a real hub. */
class UserPermissionGroupTest {
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static Map<?, ?> map(Object o) {
        return (Map<?, ?>) o;
    }

    private static int faultCode(Runnable r) {
        return fault(r).code();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anAdminCreatesAUserWhoCanThenLogIn(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        String name = "alice-" + enc;
        Object id = admin.callKw("createUser", List.of(name), Map.of("password", "pw-" + enc));
        Map<?, ?> user = map(admin.call("getUser", name));
        assertThat(user.get("id")).isEqualTo(id);
        assertThat(user.get("name")).isEqualTo(name);
        assertThat(user.get("status")).isEqualTo(0);
        assertThat(user.get("usertype")).isEqualTo(0);
        assertThat((List<?>) user.get("krb_principals")).isEmpty();

        KojiClient alice = hub.client(enc);
        alice.login(name, "pw-" + enc);
        assertThat(map(alice.call("getLoggedInUser")).get("name")).isEqualTo(name);
        assertThat(alice.call("getPerms")).isEqualTo(List.of());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void creatingAnExistingUserIsAGenericError(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        assertThatThrownBy(() -> admin.call("createUser", "kojiadmin"))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1000))
                .hasMessage("user already exists: kojiadmin");
        assertThatThrownBy(() -> admin.call("createUser", "bad name!"))
                .hasMessageContaining("does not match RegexUserName");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aNonAdminIsRefusedWithActionNotAllowed(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        String name = "bob-" + enc;
        admin.callKw("createUser", List.of(name), Map.of("password", "pw"));
        KojiClient bob = hub.client(enc);
        bob.login(name, "pw");
        assertThatThrownBy(() -> bob.call("createUser", "mallory-" + enc))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1004))
                .hasMessage("admin permission required (logged in as " + name + ")");
        assertThat(faultCode(() -> bob.call("grantPermission", name, "admin"))).isEqualTo(1004);
        assertThat(admin.call("getUser", "mallory-" + enc)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anonymousCallersGetReadOnlyMethodsOnly(Encoding enc) {
        KojiClient anon = hub.client(enc);
        assertThat(anon.call("getUser", "kojiadmin")).isNotNull();
        assertThat(anon.call("hasPerm", "admin")).isEqualTo(false);
        assertThat(anon.call("getLoggedInUser")).isNull();
        assertThatThrownBy(() -> anon.call("createUser", "x-" + enc))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1004))
                .hasMessage("admin permission required (user not logged in)");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void permissionsAreGrantedRevokedAndInheritedFromGroups(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        String user = "carol-" + enc;
        String group = "packagers-" + enc;
        admin.callKw("createUser", List.of(user), Map.of("password", "pw"));
        admin.call("grantPermission", user, "tag");
        assertThatThrownBy(() -> admin.call("grantPermission", user, "tag"))
                .hasMessage("user " + user + " already has permission: tag");
        assertThat(admin.call("getUserPerms", user)).isEqualTo(List.of("tag"));

        admin.call("newGroup", group);
        admin.call("grantPermission", group, "repo");
        admin.call("addGroupMember", group, user);
        assertThat(list(admin.call("getUserPerms", user))).containsExactlyInAnyOrder("tag", "repo");
        assertThat(list(admin.callKw("getUserPerms", List.of(user), Map.of("with_groups", false))))
                .containsExactly("tag");
        assertThat(map(admin.call("getUserPermsInheritance", user)).get("repo")).isEqualTo(List.of(group));
        assertThat((List<?>) admin.call("getGroupMembers", group)).hasSize(1);
        assertThat(list(admin.call("getUserGroups", user))).extracting(g -> (Object) map(g).get("name"))
                .containsExactly(group);

        KojiClient carol = hub.client(enc);
        carol.login(user, "pw");
        assertThat(carol.call("hasPerm", "repo")).isEqualTo(true);
        assertThat(carol.call("hasPerm", "admin")).isEqualTo(false);

        admin.call("dropGroupMember", group, user);
        admin.call("revokePermission", user, "tag");
        assertThat(admin.call("getUserPerms", user)).isEqualTo(List.of());
        assertThatThrownBy(() -> admin.call("revokePermission", user, "tag"))
                .hasMessage("user " + user + " does not have permission: tag");
        assertThatThrownBy(() -> admin.call("hasPerm", "no-such-perm", true))
                .hasMessage("No such permission no-such-perm defined");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aDisabledUserCannotLogInUntilEnabled(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        String user = "dave-" + enc;
        admin.callKw("createUser", List.of(user), Map.of("password", "pw"));
        admin.call("disableUser", user);
        assertThat(map(admin.call("getUser", user)).get("status")).isEqualTo(1);
        assertThatThrownBy(() -> hub.client(enc).login(user, "pw"))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1002))
                .hasMessage("logins by " + user + " are not allowed");
        admin.call("enableUser", user);
        hub.client(enc).login(user, "pw");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void editUserRenamesAndMapsKerberosPrincipals(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        String user = "erin-" + enc;
        admin.callKw("createUser", List.of(user), Map.of("krb_principal", user + "@EXAMPLE.COM"));
        admin.callKw("editUser", List.of(user), Map.of("name", user + "-2",
                "krb_principal_mappings", List.of(Map.of("old", user + "@EXAMPLE.COM", "new", user + "@NEW.COM")))) ;
        Map<?, ?> u = map(admin.call("getUser", user + "@NEW.COM"));
        assertThat(u.get("name")).isEqualTo(user + "-2");
        assertThat(u.get("krb_principals")).isEqualTo(List.of(user + "@NEW.COM"));
        assertThat(admin.call("getUser", user)).isNull();
        assertThatThrownBy(() -> admin.callKw("getUser", List.of(user), Map.of("strict", true)))
                .hasMessage("No such user: '" + user + "'");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void getUserListsPrincipalsSortedThenGroups(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        String user = "fay-" + enc;
        admin.callKw("createUser", List.of(user), Map.of("krb_principal", "zz-" + user + "@EXAMPLE.COM"));
        admin.callKw("editUser", List.of(user), Map.of("krb_principal_mappings",
                List.of(Map.of("old", "", "new", "aa-" + user + "@EXAMPLE.COM"))));
        admin.call("newGroup", "crew-" + enc);
        admin.call("addGroupMember", "crew-" + enc, user);
        Map<?, ?> u = map(admin.callKw("getUser", List.of("zz-" + user + "@EXAMPLE.COM"), Map.of("groups", true)));
        assertThat(u.get("name")).isEqualTo(user);
        assertThat(u.get("krb_principals")).isEqualTo(List.of("aa-" + user + "@EXAMPLE.COM", "zz-" + user + "@EXAMPLE.COM"));
        assertThat(u.get("groups")).isEqualTo(List.of("crew-" + enc));
        assertThat(List.<Object>copyOf(u.keySet())).containsExactly("id", "name", "status", "usertype", "krb_principals", "groups");
        assertThat(map(admin.callKw("getUser", List.of(user), Map.of("krb_princs", false))).containsKey("krb_principals"))
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void listUsersFiltersAndHonoursQueryOpts(Encoding enc) {
        KojiClient admin = hub.admin(enc);
        for (String n : List.of("zed1", "zed2", "zed3")) {
            admin.call("createUser", n + "-" + enc);
        }
        admin.call("grantPermission", "zed2-" + enc, "sign");
        List<Object> zeds = list(admin.callKw("listUsers", List.of(), Map.of("prefix", "zed",
                "queryOpts", Map.of("order", "-name"))));
        assertThat(zeds).extracting(u -> (Object) map(u).get("name")).filteredOn(n -> n.toString().endsWith(enc.toString()))
                .containsExactly("zed3-" + enc, "zed2-" + enc, "zed1-" + enc);
        Object count = admin.callKw("listUsers", List.of(), Map.of("prefix", "zed", "queryOpts",
                Map.of("countOnly", true)));
        assertThat((Integer) count).isGreaterThanOrEqualTo(3);
        List<Object> signers = list(admin.callKw("listUsers", List.of(), Map.of("perm", "sign")));
        assertThat(signers).extracting(u -> (Object) map(u).get("name")).contains("zed2-" + enc).doesNotContain("zed1-" + enc);
        assertThatThrownBy(() -> admin.callKw("listUsers", List.of(), Map.of("queryOpts", Map.of("order", "password"))))
                .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1019));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void getAllPermsListsKojisSeededPermissions(Encoding enc) {
        List<Object> perms = list(hub.client(enc).call("getAllPerms"));
        assertThat(perms).extracting(p -> (Object) map(p).get("name")).contains("admin", "tag", "repo", "sign",
                "host", "target", "draft-promoter");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
