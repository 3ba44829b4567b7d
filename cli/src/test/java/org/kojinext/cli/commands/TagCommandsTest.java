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
import org.kojinext.hub.testing.TestRepos;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/** add-tag, edit-tag, remove-tag, list-tags, taginfo and the inheritance commands against a hub. */
class TagCommandsTest {
    static TestHub hub;
    static CliHarness cli;
    static KojiClient admin;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        cli = CliHarness.admin(hub);
        admin = hub.admin(Encoding.JSON);
        admin.callKw("createUser", List.of("tagless"), Map.of("password", "pw"));
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

    private static int id(String tag) {
        return ((Number) admin.call("getTagID", tag)).intValue();
    }


    @Test
    void taginfoPrintsEveryBlockOfATag() {
        ok("add-tag", "ti-base", "--arches", "x86_64,aarch64");
        ok("add-tag", "ti-child", "--parent", "ti-base", "-x", "num=1", "-x", "word=baz", "-x", "none=None");
        ok("edit-tag", "ti-child", "--perm", "admin", "--lock", "--arches", "ppc64le s390x",
                "-x", "js={\"a\": [1, 2]}", "-r", "none");
        ok("add-tag", "ti-grand", "--parent", "ti-child");
        ok("add-tag-inheritance", "ti-grand", "ti-base", "--priority", "5", "--maxdepth", "2",
                "--pkg-filter", "foo.*", "--intransitive", "--noconfig");
        admin.call("groupListAdd", "ti-child", "srpm-build");
        admin.call("groupListAdd", "ti-child", "build");
        admin.call("createBuildTarget", "ti-target", "ti-child", "ti-grand");
        int repo = TestRepos.create(hub.jdbcUrl(), "ti-child");
        String created = (String) ((Map<?, ?>) admin.call("getRepo", "ti-child")).get("creation_time");

        CliHarness.Result r = ok("taginfo", "ti-child", "ti-grand");
        int child = id("ti-child");
        int base = id("ti-base");
        assertThat(r.out()).isEqualTo(String.join("\n",
                "Tag: ti-child [" + child + "]",
                "Arches: ppc64le s390x",
                "Groups: build, srpm-build",
                "LOCKED",
                "Required permission: 'admin'",
                "Tag options:",
                "  js : {'a': [1, 2]}",
                "  num : 1",
                "  word : 'baz'",
                "This tag is a buildroot for one or more targets",
                "Current repo: repo#" + repo + ": " + created,
                "Targets that build from this tag:",
                "  ti-target",
                "Inheritance:",
                "  0    .... ti-base [" + base + "]",
                "",
                "Tag: ti-grand [" + id("ti-grand") + "]",
                "Arches: ",
                "Groups: build, srpm-build",
                "Tag options:",
                String.format("%-30s [ti-child]", "  js : {'a': [1, 2]}"),
                String.format("%-30s [ti-child]", "  num : 1"),
                String.format("%-30s [ti-child]", "  word : 'baz'"),
                "Targets that build into this tag:",
                "  ti-target (ti-child, repo#" + repo + ": " + created + ")",
                "Current repo: no active repo",
                "Inheritance:",
                "  0    .... ti-child [" + child + "]",
                "  5    MFIN ti-base [" + base + "]",
                "    maxdepth: 2",
                "    package filter: foo.*",
                ""));
    }

    @Test
    void taginfoJsonHasTheBuildConfigAndItsRelatives() {
        ok("add-tag", "tj-tag", "--arches", "x86_64", "-x", "k=v");
        Object one = Literals.json(ok("taginfo", "--json", "tj-tag").out());
        assertThat(one).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) one;
        assertThat(m.get("name")).isEqualTo("tj-tag");
        assertThat(m.get("extra")).isEqualTo(Map.of("k", "v"));
        assertThat(m.get("inheritance")).isEqualTo(List.of());
        assertThat(m.get("groups")).isEqualTo(List.of());
        assertThat(m.containsKey("repo")).isTrue();
        Object two = Literals.json(ok("taginfo", "--json", "tj-tag", "tj-tag").out());
        assertThat((List<?>) two).hasSize(2);
    }

    @Test
    void taginfoAtAnEventShowsTheTagAsItWas() {
        ok("add-tag", "te-tag", "--arches", "x86_64");
        int event = ((Number) ((Map<?, ?>) admin.call("getLastEvent")).get("id")).intValue();
        ok("edit-tag", "te-tag", "--arches", "i686", "--lock");
        CliHarness.Result r = ok("taginfo", "--event", String.valueOf(event), "te-tag");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("Querying at event " + event
                + " \\((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\\)");
        assertThat(lines).contains("Arches: x86_64").doesNotContain("LOCKED", "Current repo: no active repo");
        assertThat(ok("taginfo", "te-tag").out()).contains("Arches: i686\n", "LOCKED\n", "Current repo: no active repo\n");
    }

    @Test
    void taginfoOfAnUnknownTagFailsWithTheHubsFault() {
        assertFails(cli.run("taginfo", "no-such-tag"), 1, "GenericError: No such tagInfo: 'no-such-tag'");
        assertFails(cli.run("taginfo"), 2, "Please specify a tag");
    }

    @Test
    void listTagsFiltersByPatternAndShowsIdsLocksAndPermissions() {
        ok("add-tag", "lt-b");
        ok("add-tag", "lt-a");
        ok("add-tag", "lt-locked");
        ok("edit-tag", "lt-locked", "--lock", "--perm", "admin");
        ok("add-tag", "other-lt");
        assertThat(ok("list-tags", "lt-*").out()).isEqualTo("lt-a\nlt-b\nlt-locked\n");
        assertThat(ok("list-tags", "lt-b", "other-*").out()).isEqualTo("lt-b\nother-lt\n");
        assertThat(ok("list-tags", "--show-id", "--verbose", "lt-*").out()).isEqualTo(
                "lt-a [" + id("lt-a") + "]\nlt-b [" + id("lt-b") + "]\nlt-locked [" + id("lt-locked")
                        + "] [LOCKED] [admin perm required]\n");
        assertThat(ok("list-tags", "--unlocked", "lt-*").out()).isEqualTo("lt-a\nlt-b\n");
        assertThat(ok("list-tags").out()).contains("lt-a\n", "other-lt\n");
        List<?> json = (List<?>) Literals.json(ok("list-tags", "--json", "lt-*").out());
        assertThat(json.stream().map(t -> (Object) ((Map<?, ?>) t).get("name")).toList()).containsExactly("lt-a", "lt-b", "lt-locked");
        assertFails(cli.run("list-tags", "--package", "no-such-pkg"), 2, "No such package: no-such-pkg");
        assertFails(cli.run("list-tags", "--build", "no-such-1-1"), 2, "No such build: no-such-1-1");
    }

    @Test
    void listTagsByPackageShowsTheTagsListingIt() {
        ok("add-tag", "lp-one");
        ok("add-tag", "lp-two");
        admin.call("packageListAdd", "lp-two", "lp-pkg", "kojiadmin");
        assertThat(ok("list-tags", "--package", "lp-pkg").out()).isEqualTo("lp-two\n");
    }

    @Test
    void editTagRenamesUnlocksAndEditsExtra() {
        ok("add-tag", "ed-parent", "-x", "inherited=1");
        ok("add-tag", "ed-tag", "--parent", "ed-parent", "-x", "gone=1", "--arches", "x86_64");
        ok("edit-tag", "ed-tag", "--lock", "--perm", "admin");
        ok("edit-tag", "ed-tag", "--unlock", "--no-perm", "--rename", "ed-renamed", "-x", "list=[1, \"a\"]",
                "-x", "flag=True", "-r", "gone", "-b", "inherited");
        Map<?, ?> tag = (Map<?, ?>) admin.call("getTag", "ed-renamed");
        assertThat(tag.get("locked")).isEqualTo(false);
        assertThat(tag.get("perm_id")).isNull();
        assertThat(tag.get("extra")).isEqualTo(Map.of("list", List.of(1, "a"), "flag", true));
        assertThat(ok("taginfo", "ed-renamed").out()).doesNotContain("inherited");
        assertFails(cli.run("edit-tag", "ed-renamed", "-x", "a=1", "-x", "a=2"), 2, "Duplicate extra key: a");
        assertFails(cli.run("edit-tag", "no-such-tag", "--lock"), 1, "GenericError: No such tagInfo: 'no-such-tag'");
        assertFails(cli.run("edit-tag"), 2, "Please specify a name for the tag");
    }

    @Test
    void addTagErrors() {
        ok("add-tag", "at-dup");
        assertFails(cli.run("add-tag", "at-dup"), 1, "GenericError: A tag with the name 'at-dup' already exists");
        assertFails(cli.run("add-tag", "at-orphan", "--parent", "no-such-parent"), 1,
                "GenericError: Parent tag 'no-such-parent' could not be found");
        assertFails(cli.run("add-tag", "at-bad", "--arches", "x86/64"), 1,
                "GenericError: Architecture can be only [a-zA-Z0-9_-]");
        assertFails(cli.run("add-tag"), 2, "Please specify a name for the tag");
        assertFails(cli.run("add-tag", "a", "b"), 2, "Please specify a name for the tag");
        CliHarness user = CliHarness.user(hub, "tagless", "pw");
        assertFails(user.run("add-tag", "at-nope"), 2, "This action requires tag or admin privileges");
        assertFails(user.run("remove-tag", "at-dup"), 2, "This action requires tag or admin privileges");
        assertThat(admin.call("getTag", "at-orphan")).isNull();
    }

    @Test
    void removeTag() {
        ok("add-tag", "rt-tag");
        ok("remove-tag", "rt-tag");
        assertThat(admin.call("getTag", "rt-tag")).isNull();
        assertFails(cli.run("remove-tag", "rt-tag"), 1, "No such tag: rt-tag");
        assertFails(cli.run("remove-tag"), 2, "Please specify a tag to remove");
    }

    @Test
    void listTagInheritanceDrawsTheTreeWithRails() {
        for (String t : List.of("tr-1", "tr-2", "tr-3", "tr-4", "tr-5", "tr-6")) {
            ok("add-tag", t);
        }
        ok("add-tag-inheritance", "tr-1", "tr-2", "--priority", "1");
        ok("add-tag-inheritance", "tr-1", "tr-3", "--priority", "2", "--maxdepth", "1");
        ok("add-tag-inheritance", "tr-2", "tr-4", "--priority", "1");
        ok("add-tag-inheritance", "tr-2", "tr-5", "--priority", "2", "--pkg-filter", "a.*");
        ok("add-tag-inheritance", "tr-4", "tr-6", "--priority", "1");
        ok("add-tag-inheritance", "tr-5", "tr-6", "--priority", "1", "--noconfig");
        ok("add-tag-inheritance", "tr-3", "tr-6", "--priority", "1", "--intransitive");
        // Koji's walk leaves out tr-6 below tr-5 (seen already) and below tr-3 (intransitive link).
        CliHarness.Result r = ok("list-tag-inheritance", "tr-1");
        assertThat(r.out()).isEqualTo(String.join("\n",
                "     tr-1 (" + id("tr-1") + ")",
                "....  ├─tr-2 (" + id("tr-2") + ")",
                "....  │  ├─tr-4 (" + id("tr-4") + ")",
                "....  │  │  └─tr-6 (" + id("tr-6") + ")",
                ".F..  │  └─tr-5 (" + id("tr-5") + ")",
                "M...  └─tr-3 (" + id("tr-3") + ")",
                ""));
        CliHarness.Result reverse = ok("list-tag-inheritance", "--reverse", "tr-4");
        assertThat(reverse.out()).isEqualTo(String.join("\n",
                "     tr-4 (" + id("tr-4") + ")",
                "....  └─tr-2 (" + id("tr-2") + ")",
                "....     └─tr-1 (" + id("tr-1") + ")",
                ""));
        List<?> json = (List<?>) Literals.json(ok("list-tag-inheritance", "--json", "tr-1").out());
        assertThat(json).hasSize(5);
        assertThat(((Map<?, ?>) json.get(0)).get("currdepth")).isEqualTo(1);
        assertFails(cli.run("list-tag-inheritance", "no-such-tag"), 2, "No such tag: no-such-tag");
        assertFails(cli.run("list-tag-inheritance", "tr-1", "--stop", "tr-2"), 2, "--stop option has been removed in 1.26");
        assertFails(cli.run("list-tag-inheritance"), 2, "This command takes exactly one argument: a tag name or ID");
    }

    @Test
    void listTagInheritanceAtAnEvent() {
        ok("add-tag", "le-child");
        ok("add-tag", "le-parent");
        int before = ((Number) ((Map<?, ?>) admin.call("getLastEvent")).get("id")).intValue();
        ok("add-tag-inheritance", "le-child", "le-parent");
        assertThat(ok("list-tag-inheritance", "le-child").out()).contains("└─le-parent");
        CliHarness.Result then = ok("list-tag-inheritance", "--event", String.valueOf(before), "le-child");
        assertThat(then.out()).startsWith("Querying at event " + before + " (")
                .endsWith(")\n     le-child (" + id("le-child") + ")\n");
    }

    @Test
    void addEditAndRemoveInheritanceLinks() {
        ok("add-tag", "in-tag");
        ok("add-tag", "in-a");
        ok("add-tag", "in-b");
        ok("add-tag-inheritance", "in-tag", "in-a");
        CliHarness.Result dupParent = cli.run("add-tag-inheritance", "in-tag", "in-a", "--priority", "3");
        assertThat(dupParent.status()).isEqualTo(1);
        assertThat(dupParent.message()).isEqualTo("Error: You are attempting to add in-a as in-tag's parent even though "
                + "it already is in-tag's parent.\nPlease use --force if this is what you really want to do.\n");
        assertFails(cli.run("add-tag-inheritance", "in-tag", "in-b"), 1, "Error: There is already an active inheritance "
                + "with that priority on in-tag, please specify a different priority with --priority.");
        assertFails(cli.run("add-tag-inheritance", "in-tag", "no-such-parent"), 2, "No such tag: no-such-parent");
        assertFails(cli.run("add-tag-inheritance", "no-such-tag", "in-a"), 2, "No such tag: no-such-tag");
        assertFails(cli.run("add-tag-inheritance", "in-tag"), 2, "This command takes exactly two arguments: a tag name "
                + "or ID and that tag's new parent name or ID");
        ok("add-tag-inheritance", "in-tag", "in-b", "--priority", "10", "--maxdepth", "4", "--pkg-filter", "x.*");

        ok("edit-tag-inheritance", "in-tag", "in-b", "--priority", "20", "--maxdepth", "none", "--noconfig");
        assertFails(cli.run("edit-tag-inheritance", "in-tag", "in-b", "--maxdepth", "many"), 1, "Invalid maxdepth: many");
        assertFails(cli.run("edit-tag-inheritance", "in-tag", "in-b", "--priority", "0"), 1, "Error: There is already an "
                + "active inheritance with that priority on in-tag, please specify a different priority with --priority.");
        assertFails(cli.run("edit-tag-inheritance", "in-tag", "in-b", "x"), 1,
                "ValueError: invalid literal for int() with base 10: 'x'");
        CliHarness.Result multiple = cli.run("edit-tag-inheritance", "in-tag");
        assertThat(multiple.status()).isEqualTo(1);
        assertThat(multiple.out()).isEqualTo("Multiple matches for tag.\n");
        assertThat(multiple.message()).isEqualTo("Please specify a parent on the command line.\n");
        assertThat(ok("taginfo", "in-tag").out()).contains("\nInheritance:\n  0    .... in-a [" + id("in-a")
                + "]\n  20   .F.N in-b [" + id("in-b") + "]\n    package filter: x.*\n");

        assertFails(cli.run("remove-tag-inheritance", "in-tag", "in-b", "5"), 1,
                "No inheritance link found to remove.  Please check your arguments");
        ok("remove-tag-inheritance", "in-tag", "in-b", "20");
        ok("remove-tag-inheritance", "in-tag", "in-a");
        assertThat((List<?>) admin.call("getInheritanceData", "in-tag")).isEmpty();
        assertFails(cli.run("remove-tag-inheritance", "in-tag"), 1,
                "No inheritance link found to remove.  Please check your arguments");
        assertFails(cli.run("remove-tag-inheritance", "a", "b", "c", "d"), 2, "This command takes at most three argument: "
                + "a tag name or ID, a parent tag name or ID, and a priority");
    }
}
