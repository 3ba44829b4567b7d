package org.kojinext.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.cli.CliHarness.assertFails;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.cli.CliHarness;
import org.kojinext.cli.Literals;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/** The package-list commands (add-pkg ... list-pkgs) and the target commands against a hub. */
class PackageAndTargetCommandsTest {
    private static final String PKG_HEADER = "Package                 Tag                     Extra Arches     Owner          \n"
            + "----------------------- ----------------------- ---------------- ---------------\n";
    private static final String TARGET_HEADER = "Name                           Buildroot                      "
            + "Destination                   \n" + "-".repeat(93) + "\n";

    static TestHub hub;
    static CliHarness cli;
    static KojiClient admin;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        cli = CliHarness.admin(hub);
        admin = hub.admin(Encoding.JSON);
        admin.callKw("createUser", List.of("owner2"), Map.of("password", "pw"));
        admin.call("createUser", "owner3");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static CliHarness.Result ok(String... args) {
        CliHarness.Result r = cli.ok(args);
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }


    /** The rows under list-pkgs' header, which must be there; Koji keeps the hub's order. */
    private static List<String> rows(CliHarness.Result r) {
        assertThat(r.out()).startsWith(PKG_HEADER);
        return r.out().substring(PKG_HEADER.length()).lines().toList();
    }

    /** One row of list-pkgs' table, padded as Koji pads it. */
    private static String row(String pkg, String tag, String arches, String owner) {
        return String.format("%-23s %-23s %-16s %-15s", pkg, tag, arches, owner);
    }

    @Test
    void addPkgAddsSkipsListedOnesAndReportsTheCount() {
        admin.call("createTag", "ap-tag");
        CliHarness.Result r = ok("add-pkg", "--owner", "kojiadmin", "ap-tag", "ap-foo", "ap-bar");
        assertThat(r.out()).isEqualTo("Adding 2 packages to tag ap-tag\n");
        CliHarness.Result again = ok("add-pkg", "--owner", "owner2", "--extra-arches", "x86_64,i686", "ap-tag",
                "ap-foo", "ap-baz");
        assertThat(again.out()).isEqualTo("Package ap-foo already exists in tag ap-tag\nAdding 1 packages to tag ap-tag\n");
        assertThat(rows(ok("list-pkgs", "--tag", "ap-tag"))).containsExactlyInAnyOrder(
                row("ap-bar", "ap-tag", "", "kojiadmin"),
                row("ap-baz", "ap-tag", "x86_64 i686", "owner2"),
                row("ap-foo", "ap-tag", "", "kojiadmin"));
    }

    @Test
    void addPkgErrors() {
        admin.call("createTag", "ape-tag");
        assertFails(cli.run("add-pkg", "ape-tag", "p"), 2, "Please specify an owner for the package(s)");
        assertFails(cli.run("add-pkg", "--owner", "kojiadmin", "ape-tag"), 2, "Please specify a tag and at least one package");
        assertFails(cli.run("add-pkg", "--owner", "nobody", "ape-tag", "p"), 1, "No such user: nobody");
        assertFails(cli.run("add-pkg", "--owner", "kojiadmin", "no-such-tag", "p"), 1, "No such tag: no-such-tag");
        assertFails(cli.run("add-pkg", "--owner", "kojiadmin", "--extra-arches", "x/y", "ape-tag", "p"), 1,
                "GenericError: Architecture can be only [a-zA-Z0-9_-]");
        assertThat((List<?>) admin.callKw("listPackages", List.of(), Map.of("tagID", "ape-tag"))).isEmpty();
    }

    @Test
    void listPkgsFollowsInheritanceAndMarksBlocks() {
        admin.call("createTag", "lp-parent");
        admin.callKw("createTag", List.of("lp-child"), Map.of("parent", "lp-parent"));
        ok("add-pkg", "--owner", "kojiadmin", "lp-parent", "lp-a", "lp-b");
        ok("add-pkg", "--owner", "owner3", "lp-child", "lp-c");
        ok("block-pkg", "lp-child", "lp-a");
        String a = row("lp-a", "lp-child", "", "kojiadmin");
        String b = row("lp-b", "lp-parent", "", "kojiadmin");
        String c = row("lp-c", "lp-child", "", "owner3");
        assertThat(rows(ok("list-pkgs", "--tag", "lp-child"))).containsExactlyInAnyOrder(b, c);
        assertThat(rows(ok("list-pkgs", "--tag", "lp-child", "--show-blocked")))
                .containsExactlyInAnyOrder(a + " [BLOCKED]", b, c);
        assertThat(ok("list-pkgs", "--tag", "lp-child", "--noinherit", "--quiet", "--show-blocked").out().lines())
                .containsExactlyInAnyOrder(a + " [BLOCKED]", c);
        assertThat(ok("list-pkgs", "--tag", "lp-child", "--show-dups", "--show-blocked").out())
                .contains(row("lp-a", "lp-parent", "", "kojiadmin") + "\n");
        assertThat(ok("list-pkgs", "--owner", "owner3").out()).isEqualTo(PKG_HEADER + c + "\n");
        assertThat(ok("list-pkgs", "--package", "lp-b").out()).isEqualTo(PKG_HEADER + b + "\n");
        assertThat(ok("list-pkgs").out()).startsWith("Package\n-----------------------\n").contains("\nlp-a\n");
        List<?> json = (List<?>) Literals.json(ok("list-pkgs", "--json", "--tag", "lp-child").out());
        assertThat(json.stream().map(p -> (Object) ((Map<?, ?>) p).get("package_name")).toList()).containsExactlyInAnyOrder("lp-b", "lp-c");

        ok("unblock-pkg", "lp-child", "lp-a");
        assertThat(ok("list-pkgs", "--tag", "lp-child", "--quiet").out()).doesNotContain("BLOCKED").contains("lp-a");
    }

    @Test
    void listPkgsAtAnEventAndItsErrors() {
        admin.call("createTag", "le-tag");
        ok("add-pkg", "--owner", "kojiadmin", "le-tag", "le-one");
        int event = ((Number) ((Map<?, ?>) admin.call("getLastEvent")).get("id")).intValue();
        ok("add-pkg", "--owner", "kojiadmin", "le-tag", "le-two");
        CliHarness.Result then = ok("list-pkgs", "--tag", "le-tag", "--event", String.valueOf(event));
        assertThat(then.out()).matches("(?s)Querying at event " + event + " \\(.{24}\\)\n.*")
                .endsWith(PKG_HEADER + row("le-one", "le-tag", "", "kojiadmin") + "\n");
        assertFails(cli.run("list-pkgs", "--tag", "no-such-tag"), 2, "No such tag: no-such-tag");
        assertFails(cli.run("list-pkgs", "--owner", "nobody"), 2, "No such user: nobody");
        assertFails(cli.run("list-pkgs", "--show-blocked"), 2, "--show-blocked makes sense only with --tag, --owner or --package");
        assertFails(cli.run("list-pkgs", "extra"), 2, "This command takes no arguments");
        admin.call("createTag", "le-empty");
        assertFails(cli.run("list-pkgs", "--tag", "le-empty"), 1, "(no matching packages)");
        assertThat(ok("list-pkgs", "--tag", "le-empty", "--json").out()).isEqualTo("[]\n");
    }

    @Test
    void blockRemoveAndUnblockCheckTheListFirst() {
        admin.call("createTag", "br-tag");
        ok("add-pkg", "--owner", "kojiadmin", "br-tag", "br-pkg");
        CliHarness.Result missing = cli.run("block-pkg", "br-tag", "br-pkg", "br-none");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.message()).isEqualTo("Package br-none doesn't exist in tag br-tag\n");
        assertThat(ok("list-pkgs", "--tag", "br-tag", "--quiet").out()).doesNotContain("BLOCKED");
        assertFails(cli.run("remove-pkg", "br-tag", "br-none"), 1, "Package br-none is not in tag br-tag");
        assertFails(cli.run("remove-pkg", "no-such-tag", "br-pkg"), 1, "No such tag: no-such-tag");
        assertFails(cli.run("block-pkg", "no-such-tag", "br-pkg"), 1, "No such tag: no-such-tag");
        assertFails(cli.run("unblock-pkg", "no-such-tag", "br-pkg"), 1, "GenericError: No such tagInfo: 'no-such-tag'");
        assertFails(cli.run("unblock-pkg", "br-tag"), 2, "Please specify a tag and at least one package");
        ok("remove-pkg", "br-tag", "br-pkg");
        assertFails(cli.run("list-pkgs", "--tag", "br-tag"), 1, "(no matching packages)");
    }

    @Test
    void targetsAreAddedListedEditedAndRemoved() {
        admin.callKw("createTag", List.of("tg-build"), Map.of("arches", "x86_64"));
        admin.call("createTag", "tg-dest");
        admin.call("createTag", "tg-noarch");
        ok("add-target", "tg-one", "tg-build", "tg-dest");
        ok("add-target", "tg-dest", "tg-build");
        // Other tests add targets of their own; these two must come in name order after the header.
        String all = ok("list-targets").out();
        assertThat(all).startsWith(TARGET_HEADER);
        assertThat(all.lines().filter(l -> l.startsWith("tg-")).toList()).containsExactly(
                String.format("%-30s %-30s %-30s", "tg-dest", "tg-build", "tg-dest"),
                String.format("%-30s %-30s %-30s", "tg-one", "tg-build", "tg-dest"));
        assertThat(ok("list-targets", "--name", "tg-one", "--quiet").out())
                .isEqualTo(String.format("%-30s %-30s %-30s%n", "tg-one", "tg-build", "tg-dest"));
        List<?> json = (List<?>) Literals.json(ok("list-targets", "--json", "--name", "tg-one").out());
        assertThat(((Map<?, ?>) json.get(0)).get("build_tag_name")).isEqualTo("tg-build");

        ok("edit-target", "tg-one", "--rename", "tg-two", "--dest-tag", "tg-build");
        assertThat(ok("list-targets", "--name", "tg-two", "--quiet").out())
                .isEqualTo(String.format("%-30s %-30s %-30s%n", "tg-two", "tg-build", "tg-build"));
        ok("remove-target", "tg-two");
        assertThat(admin.call("getBuildTarget", "tg-two")).isNull();
    }

    @Test
    void targetErrors() {
        admin.callKw("createTag", List.of("te-build"), Map.of("arches", "x86_64"));
        admin.call("createTag", "te-noarch");
        ok("add-target", "te-target", "te-build", "te-build");
        assertFails(cli.run("add-target", "te-x", "no-such-tag", "te-build"), 1, "No such tag: no-such-tag");
        assertFails(cli.run("add-target", "te-x", "te-noarch", "te-build"), 1, "Build tag has no arches: te-noarch");
        assertFails(cli.run("add-target", "te-x", "te-build", "no-such-dest"), 1, "No such destination tag: no-such-dest");
        assertFails(cli.run("add-target", "te-target", "te-build", "te-build"), 1,
                "GenericError: A build target with the name 'te-target' already exists");
        assertFails(cli.run("add-target", "te-x"), 2, "Please specify a target name, a build tag, and destination tag");
        assertFails(cli.run("add-target", "a", "b", "c", "d"), 2, "Incorrect number of arguments");
        assertFails(cli.run("edit-target", "no-such-target", "--rename", "x"), 1,
                "GenericError: No such build target: no-such-target");
        assertFails(cli.run("edit-target", "te-target", "--build-tag", "te-noarch"), 1, "Build tag has no arches: te-noarch");
        assertFails(cli.run("edit-target", "te-target", "--dest-tag", "no-such-dest"), 1,
                "No such destination tag: no-such-dest");
        assertFails(cli.run("remove-target", "no-such-target"), 1, "No such build target: no-such-target");
        assertFails(cli.run("list-targets", "--name", "no-such-target"), 2, "No such build target: no-such-target");
        CliHarness user = CliHarness.user(hub, "owner2", "pw");
        assertFails(user.run("add-target", "te-y", "te-build"), 2, "This action requires target or admin privileges");
        assertFails(user.run("remove-target", "te-target"), 2, "This action requires target or admin privileges");
        assertThat(((Map<?, ?>) admin.call("getBuildTarget", "te-target")).get("dest_tag_name")).isEqualTo("te-build");
    }
}
