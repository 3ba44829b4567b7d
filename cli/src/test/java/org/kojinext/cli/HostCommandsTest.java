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

/** Each test uses its own hosts and channels, so the order the tests run in does not matter. */
class HostCommandsTest {
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


    private static Map<String, Object> host(String name) {
        return asMap(admin.call("getHost", name));
    }

    @Test
    void addHostPrintsItsIdAndRefusesADuplicate() {
        CliHarness.Result r = ok("add-host", "add1.example.com", "x86_64", "aarch64");
        assertThat(r.out()).isEqualTo("add1.example.com added: id " + host("add1.example.com").get("id") + "\n");
        assertThat(host("add1.example.com").get("arches")).isEqualTo("x86_64 aarch64");
        assertFails(cli.run("add-host", "add1.example.com", "x86_64"), 1, "add1.example.com is already in the database");
        assertFails(cli.run("add-host", "add2.example.com"), 2, "Please specify a hostname and at least one arch");
    }

    @Test
    void addHostWithForceTurnsAUserIntoAHost() {
        admin.call("createUser", "force1.example.com");
        assertFails(cli.run("add-host", "force1.example.com", "x86_64"), 1,
                "GenericError: user force1.example.com already exists and it is not a host");
        ok("add-host", "--force", "force1.example.com", "x86_64");
        assertThat(((Map<?, ?>) admin.call("getUser", "force1.example.com")).get("usertype")).isEqualTo(1);
        ok("add-host", "--krb-principal", "compile/force2@EXAMPLE.COM", "force2.example.com", "x86_64");
        assertThat(((Map<?, ?>) admin.call("getUser", "force2.example.com")).get("krb_principals"))
                .isEqualTo(List.of("compile/force2@EXAMPLE.COM"));
    }

    @Test
    void listHostsTable() {
        assertFails(cli.run("add-host-to-channel", "--new", "lh-b.example.com", "lh-chan"), 1, "No such host: lh-b.example.com");
        ok("add-host", "lh-b.example.com", "x86_64", "i686");
        ok("add-host", "lh-a.example.com", "ppc64le");
        ok("add-host-to-channel", "--new", "lh-b.example.com", "lh-chan");
        ok("add-host-to-channel", "lh-a.example.com", "lh-chan");
        ok("edit-host", "lh-a.example.com", "--capacity", "4.5", "--comment", "a very long comment that goes on and on past the column", "--description", "first\nsecond");
        ok("disable-host", "lh-a.example.com");
        CliHarness.Result r = ok("list-hosts", "--channel", "lh-chan", "--comment", "--description", "--show-channels");
        assertThat(r.out()).isEqualTo(
                "Hostname         Enb Rdy Load/Cap  Arches           Last Update                         "
                        + "Description                                        Comment                                            Channels\n"
                        + "-".repeat(198) + "\n"
                        + "lh-a.example.com N   N    0.0/4.5  ppc64le          -                                   "
                        + "first second                                       a very long comment that goes on and on past th... default,lh-chan\n"
                        + "lh-b.example.com Y   N    0.0/2.0  x86_64,i686      -                                   "
                        + " ".repeat(51 + 51) + "default,lh-chan\n");
        assertThat(ok("list-hosts", "--channel", "lh-chan", "--quiet").out()).isEqualTo(
                "lh-a.example.com N   N    0.0/4.5  ppc64le          -                                  \n"
                        + "lh-b.example.com Y   N    0.0/2.0  x86_64,i686      -                                  \n");
        assertThat(ok("list-hosts", "--channel", "lh-chan", "--quiet", "--disabled").out()).startsWith("lh-a.").hasLineCount(1);
        assertThat(ok("list-hosts", "--channel", "lh-chan", "--quiet", "--enabled", "--arch", "i686").out()).startsWith("lh-b.").hasLineCount(1);
        assertFails(cli.run("list-hosts", "--channel", "no-chan"), 2, "No such channel: no-chan");
        CliHarness.Result none = cli.run("list-hosts", "--arch", "s390x");
        assertThat(none.status()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("No hosts found.\n");
        List<?> json = (List<?>) Literals.json(ok("list-hosts", "--channel", "lh-chan", "--json").out());
        assertThat(json.stream().map(h -> (Object) ((Map<?, ?>) h).get("name")).toList()).containsExactly((Object) "lh-a.example.com", "lh-b.example.com");
        assertThat(((Map<?, ?>) json.get(0)).get("capacity")).isEqualTo(4.5);
    }

    @Test
    void hostinfoShowsSettingsAndChannels() {
        ok("add-host", "hi.example.com", "x86_64");
        ok("edit-host", "hi.example.com", "--description", "line one\nline two", "--comment", "note");
        Object id = host("hi.example.com").get("id");
        String expected = "Name: hi.example.com\n"
                + "ID: " + id + "\n"
                + "Arches: x86_64\n"
                + "Capacity: 2.0\n"
                + "Task Load: 0.00\n"
                + "Description: line one\n"
                + "             line two\n"
                + "Comment: note\n"
                + "Enabled: yes\n"
                + "Ready: no\n"
                + "Last Update: never\n"
                + "Channels: default\n"
                + "Active Buildroots:\n"
                + "None\n";
        assertThat(ok("hostinfo", "hi.example.com").out()).isEqualTo(expected);
        assertThat(ok("hostinfo", String.valueOf(id)).out()).isEqualTo(expected);
        CliHarness.Result r = cli.run("hostinfo", "ghost.example.com", "hi.example.com");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("No such host: ghost.example.com\n\n");
        assertThat(r.out()).isEqualTo(expected);
        assertFails(cli.run("hostinfo"), 2, "Please specify a host");
        List<?> json = (List<?>) Literals.json(ok("hostinfo", "--json", "hi.example.com").out());
        Map<?, ?> info = (Map<?, ?>) json.get(0);
        assertThat(info.get("comment")).isEqualTo("note");
        assertThat(info.get("channels")).isEqualTo(List.of("default"));
        assertThat(info.get("active_buildroots")).isEqualTo(List.of());
    }

    @Test
    void editHostReportsEachHostAndNeedsAllToExist() {
        ok("add-host", "ed1.example.com", "x86_64");
        ok("add-host", "ed2.example.com", "x86_64");
        assertThat(ok("edit-host", "ed1.example.com", "ed2.example.com", "--arches", "x86_64, i686", "--capacity", "3")
                .out()).isEqualTo("Edited ed1.example.com\nEdited ed2.example.com\n");
        assertThat(host("ed1.example.com").get("arches")).isEqualTo("x86_64 i686");
        assertThat(host("ed2.example.com").get("capacity")).isEqualTo(3.0);
        assertThat(ok("edit-host", "ed1.example.com", "--capacity", "3").out()).isEqualTo("No changes made to ed1.example.com\n");
        CliHarness.Result r = cli.run("edit-host", "ed1.example.com", "ghost.example.com", "--comment", "x");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("No such host: ghost.example.com\nNo changes made, please correct the command line\n");
        assertThat(host("ed1.example.com").get("comment")).isNull();
        assertFails(cli.run("edit-host", "ed1.example.com", "--arches", "x86/64"), 1,
                "GenericError: Architecture can be only [a-zA-Z0-9_-]");
        assertFails(cli.run("edit-host"), 2, "Please specify a hostname");
    }

    @Test
    void enableAndDisableHostWithComment() {
        ok("add-host", "en1.example.com", "x86_64");
        ok("add-host", "en2.example.com", "x86_64");
        assertThat(ok("disable-host", "--comment", "broken disk", "en1.example.com", "en2.example.com").out()).isEmpty();
        assertThat(host("en1.example.com")).containsEntry("enabled", false).containsEntry("comment", "broken disk");
        assertThat(host("en2.example.com")).containsEntry("enabled", false);
        ok("enable-host", "en1.example.com");
        assertThat(host("en1.example.com")).containsEntry("enabled", true).containsEntry("comment", "broken disk");
        CliHarness.Result r = cli.run("enable-host", "en2.example.com", "ghost.example.com");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("No such host: ghost.example.com\n");
        assertThat(r.err()).isEqualTo("No changes made. Please correct the command line.\n");
        assertThat(host("en2.example.com")).containsEntry("enabled", false);
        assertFails(cli.run("disable-host"), 2, "At least one host must be specified");
    }

    @Test
    void listChannelsCountsHostsPerChannel() {
        ok("add-host", "ch1.example.com", "x86_64");
        ok("add-host", "ch2.example.com", "x86_64");
        ok("add-host-to-channel", "--new", "ch1.example.com", "lc-chan");
        ok("add-host-to-channel", "ch2.example.com", "lc-chan");
        ok("edit-host", "ch2.example.com", "--capacity", "6");
        ok("disable-host", "ch2.example.com");
        admin.call("addChannel", "lc-empty", "nothing here");
        admin.call("disableChannel", "lc-empty");
        List<String> lines = ok("list-channels").out().lines().toList();
        String header = lines.get(0);
        assertThat(header).matches("Channel +Enabled  Ready Disbld   Load    Cap   Perc    ");
        int col = header.indexOf("Enabled");
        assertThat(col).isEqualTo("lc-empty [disabled]".length());
        assertThat(lines.get(1)).isEqualTo("-".repeat(header.length()));
        assertThat(lines).contains(String.format("%-" + col + "s %6d %6d %6d %6d %6d %6d%%", "lc-chan", 1, 0, 1, 0, 8, 0),
                String.format("%-" + col + "s %6d %6d %6d %6d %6d %6d%%", "lc-empty [disabled]", 0, 0, 0, 0, 0, 0));
        assertThat(ok("list-channels", "--simple", "--quiet").out().lines().toList()).contains("default", "lc-chan", "lc-empty [disabled]");
        assertThat(ok("list-channels", "--simple", "--disabled").out()).isEqualTo("Channel\n-------\nlc-empty [disabled]\n");
        assertThat(ok("list-channels", "--description", "--quiet", "--disabled").out()).isEqualTo(
                "lc-empty [disabled]      0      0      0      0      0      0%   " + String.format("%-50s", "nothing here") + "\n");
        assertThat(ok("list-channels", "--quiet", "--arch", "s390x").out()).contains(
                String.format("%-" + col + "s %6d %6d %6d %6d %6d %6d%%", "lc-chan", 0, 0, 0, 0, 0, 0));
        List<?> json = (List<?>) Literals.json(ok("list-channels", "--json").out());
        assertThat(json).anySatisfy(c -> assertThat(asMap(c)).containsEntry("name", "lc-chan")
                .containsEntry("enabled_host", 1).containsEntry("capacity", 8.0));
    }

    @Test
    void addAndRemoveHostFromChannel() {
        ok("add-host", "mv.example.com", "x86_64");
        assertFails(cli.run("add-host-to-channel", "mv.example.com", "mv-chan"), 1, "No such channel: mv-chan");
        assertFails(cli.run("add-host-to-channel", "ghost.example.com", "default"), 1, "No such host: ghost.example.com");
        assertFails(cli.run("add-host-to-channel", "mv.example.com"), 2, "Please specify a hostname and a channel");
        assertThat(ok("add-host-to-channel", "--new", "mv.example.com", "mv-chan").out()).isEmpty();
        assertThat(ok("hostinfo", "mv.example.com").out()).contains("Channels: default mv-chan\n");
        assertThat(ok("add-host-to-channel", "--list").out().lines().toList()).contains("default", "mv-chan");
        assertThat(ok("remove-host-from-channel", "mv.example.com", "mv-chan").out()).isEmpty();
        assertThat(ok("hostinfo", "mv.example.com").out()).contains("Channels: default\n");
        assertFails(cli.run("remove-host-from-channel", "mv.example.com", "mv-chan"), 1,
                "Host mv.example.com is not a member of channel mv-chan");
        assertFails(cli.run("remove-host-from-channel", "ghost.example.com", "default"), 1, "No such host: ghost.example.com");
        assertFails(cli.run("remove-host-from-channel", "mv.example.com"), 2, "Please specify a hostname and a channel");
    }

    @Test
    void aNormalUserMayNotChangeHosts() {
        admin.call("createUser", "nohost", null, null, "nohost-pw");
        CliHarness.Result r = CliHarness.user(hub, "nohost", "nohost-pw").run("add-host", "x.example.com", "x86_64");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("ActionNotAllowed: ").hasLineCount(1);
    }
}
