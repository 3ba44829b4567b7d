package org.kojinext.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.cli.CliHarness.assertFails;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

class UserCommandsTest {
    static TestHub hub;
    static CliHarness cli;
    static KojiClient admin;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        cli = CliHarness.admin(hub);
        admin = hub.admin(Encoding.JSON);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static CliHarness.Result ok(String... args) {
        return cli.ok(args);
    }


    private static int idOf(String user) {
        return ((Number) ((Map<?, ?>) admin.call("getUser", user)).get("id")).intValue();
    }

    @Test
    void addUserPrintsTheNewIdAndRefusesATakenName() {
        CliHarness.Result r = ok("add-user", "alice");
        assertThat(r.out()).isEqualTo("Added user alice (" + idOf("alice") + ")\n");
        assertFails(cli.run("add-user", "alice"), 1, "GenericError: user already exists: alice");
        assertFails(cli.run("add-user"), 2, "You must specify the username of the user to add");
        assertFails(cli.run("add-user", "a", "b"), 2, "This command only accepts one argument (username)");
    }

    @Test
    void addUserDisabledWithPrincipal() {
        ok("add-user", "--disable", "--principal", "carol@EXAMPLE.COM", "carol");
        Map<?, ?> u = (Map<?, ?>) admin.call("getUser", "carol");
        assertThat(u.get("status")).isEqualTo(1);
        assertThat(u.get("krb_principals")).isEqualTo(List.of("carol@EXAMPLE.COM"));
    }

    @Test
    void disableAndEnableUserAreSilentAndChangeTheStatus() {
        ok("add-user", "dave");
        assertThat(ok("disable-user", "dave").out()).isEmpty();
        assertThat(((Map<?, ?>) admin.call("getUser", "dave")).get("status")).isEqualTo(1);
        assertThat(ok("enable-user", "dave").out()).isEmpty();
        assertThat(((Map<?, ?>) admin.call("getUser", "dave")).get("status")).isEqualTo(0);
        assertFails(cli.run("disable-user", "ghost"), 1, "GenericError: No such user: ghost");
        assertFails(cli.run("enable-user"), 2, "You must specify the username of the user to enable");
        assertFails(cli.run("disable-user", "a", "b"), 2, "This command only accepts one argument (username)");
    }

    @Test
    void grantAndRevokePermission() {
        ok("add-user", "erin");
        ok("add-user", "frank");
        assertThat(ok("grant-permission", "repo", "erin", "frank").out()).isEmpty();
        assertThat(admin.call("getUserPerms", idOf("erin"))).isEqualTo(List.of("repo"));
        assertThat(admin.call("getUserPerms", idOf("frank"))).isEqualTo(List.of("repo"));
        assertFails(cli.run("grant-permission", "repo", "erin"), 1, "GenericError: user erin already has permission: repo");
        assertThat(ok("revoke-permission", "repo", "frank").out()).isEmpty();
        assertThat(admin.call("getUserPerms", idOf("frank"))).isEqualTo(List.of());
        assertFails(cli.run("revoke-permission", "repo", "frank"), 1, "GenericError: user frank does not have permission: repo");
    }

    @Test
    void permissionErrors() {
        ok("add-user", "gina");
        // Koji checks every user before granting anything, through its option parser (status 2).
        assertFails(cli.run("grant-permission", "repo", "gina", "ghost"), 2, "No such user: ghost");
        assertThat(admin.call("getUserPerms", idOf("gina"))).isEqualTo(List.of());
        assertFails(cli.run("grant-permission", "no-such-perm", "gina"), 1,
                "GenericError: No such entry in table permissions: no-such-perm");
        assertFails(cli.run("grant-permission", "--description", "x", "repo", "gina"), 2,
                "Option new must be specified with option description.");
        assertFails(cli.run("grant-permission", "repo"), 2, "Please specify a permission and at least one user");
        assertFails(cli.run("revoke-permission", "repo", "ghost"), 2, "No such user: ghost");
        assertFails(cli.run("revoke-permission", "no-such-perm", "gina"), 1,
                "GenericError: No such entry in table permissions: no-such-perm");
    }

    @Test
    void listPermissionsShowsEveryPermissionWithItsDescription() {
        ok("add-user", "hank");
        ok("grant-permission", "--new", "--description", "Lets one fly", "fly", "hank");
        String out = ok("list-permissions").out();
        List<String> lines = out.lines().toList();
        // the hub's first sorted permission has a description, so the column is announced
        String hdr = "Permission name      Description                                       ";
        assertThat(lines.get(0)).isEqualTo(hdr);
        assertThat(lines.get(1)).isEqualTo("-".repeat(hdr.length()));
        assertThat(lines).contains(String.format("%-18s   Lets one fly", "fly"));
        List<String> names = lines.stream().skip(2).map(l -> l.split(" ")[0]).toList();
        assertThat(names).isSorted().contains("admin", "repo", "fly");
        assertThat(ok("list-permissions", "--quiet").out()).isEqualTo(out.substring(out.indexOf('\n', hdr.length() + 1) + 1));
        assertThat(ok("-q", "list-permissions").out()).doesNotContain("Permission name");
        List<?> json = (List<?>) Literals.json(ok("list-permissions", "--json").out());
        assertThat(json).anySatisfy(p -> assertThat(asMap(p)).containsEntry("name", "fly")
                .containsEntry("description", "Lets one fly"));
    }

    @Test
    void listPermissionsOfAUserIncludesWhatItsGroupsGive() {
        ok("add-user", "ivy");
        ok("grant-permission", "tag", "ivy");
        admin.call("newGroup", "builders");
        admin.call("addGroupMember", "builders", "ivy");
        ok("grant-permission", "repo", "builders");
        assertThat(ok("list-permissions", "--user", "ivy").out()).isEqualTo(
                "Permission name   " + String.format("%-53s", "   Description") + "\n"
                        + "-".repeat(18 + 53) + "\n"
                        + "repo                 inherited from: builders\n"
                        + "tag               \n");
        assertThat(ok("list-permissions", "--mine", "--quiet").out()).isEqualTo("admin             \n");
        assertThat(Literals.json(ok("list-permissions", "--user", "ivy", "--json").out()))
                .isEqualTo(Map.of("tag", java.util.Arrays.asList((Object) null), "repo", List.of("builders")));
        assertFails(cli.run("list-permissions", "--user", "ghost"), 1, "No such user: ghost");
        assertFails(cli.run("list-permissions", "extra"), 2, "This command takes no arguments");
    }

    @Test
    void userinfoPrintsKojisBlock() {
        ok("add-user", "--principal", "jack@EXAMPLE.COM", "jack");
        ok("grant-permission", "repo", "jack");
        admin.call("newGroup", "packagers");
        admin.call("addGroupMember", "packagers", "jack");
        CliHarness.Result r = ok("userinfo", "jack");
        assertThat(r.out()).isEqualTo("User name: jack\n"
                + "User ID: " + idOf("jack") + "\n"
                + "krb principals:\n"
                + "  jack@EXAMPLE.COM\n"
                + "Permissions:\n"
                + "  repo\n"
                + "Groups:\n"
                + "  packagers\n"
                + "Status: NORMAL\n"
                + "Usertype: NORMAL\n"
                + "Number of packages: 0\n"
                + "Number of tasks: 0\n"
                + "Number of builds: 0\n"
                + "\n");
        assertThat(ok("--noauth", "userinfo", "packagers").out()).contains("Usertype: GROUP\n");
    }

    @Test
    void userinfoWarnsAboutUnknownUsersAndShowsTheOthers() {
        ok("add-user", "kate");
        CliHarness.Result r = cli.run("userinfo", "ghost", "kate");
        // Koji only warns here; its exit status stays 0
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo("No such user: ghost\n\n");
        assertThat(r.out()).startsWith("User name: kate\n");
        assertFails(cli.run("userinfo"), 2, "You must specify at least one username");
        List<?> json = (List<?>) Literals.json(ok("userinfo", "--json", "kate", "kojiadmin").out());
        assertThat(json).hasSize(2);
        Map<?, ?> admin = (Map<?, ?>) json.get(1);
        assertThat(admin.get("name")).isEqualTo("kojiadmin");
        assertThat(admin.get("permissions")).isEqualTo(List.of("admin"));
        assertThat(admin.get("builds")).isEqualTo(0);
    }

    @Test
    void aNormalUserMayNotAddUsers() {
        admin.call("createUser", "lee", null, null, "lee-pw");
        CliHarness lee = CliHarness.user(hub, "lee", "lee-pw");
        CliHarness.Result r = lee.run("add-user", "mallory");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("ActionNotAllowed: ").hasLineCount(1);
    }
}
