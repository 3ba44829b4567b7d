package org.kojinext.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kojinext.builder.Builder;
import org.kojinext.builder.Handlers;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.tasks.CreateRepo;
import org.kojinext.builder.tasks.NewRepo;
import org.kojinext.builder.tasks.TagBuild;
import org.kojinext.cli.CliHarness;
import org.kojinext.cli.Literals;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPackages;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * The build, tagging, repository, history, import and download commands against a hub and a
 * builder (tagBuild, newRepo, createrepo) in this JVM. Builds come from rpmbuild at test time
 * and enter the hub through the import command itself. Tests build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BuildsCommandsTest {
    static TestHub hub;
    static CliHarness cli;
    static KojiClient admin;
    static Builder builder;
    static Path tmp;
    static Map<String, Path> one;
    static Map<String, Path> two;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("cli-builds");
        hub = TestHub.start();
        cli = CliHarness.admin(hub);
        cli.writeConfig("[koji]\nserver = " + hub.url() + "\nweburl = http://127.0.0.1/koji\n"
                + "topurl = " + hub.url().resolve("/kojifiles") + "\ntopdir = /mnt/koji\npoll_interval = 1\n"
                + "authtype = password\nuser = kojiadmin\npassword = " + TestHub.ADMIN_PASSWORD + "\n");
        admin = hub.admin(Encoding.XML);
        TestHosts.create(hub.jdbcUrl(), "cb-builder", "x86_64 noarch", 4.0, List.of("default", "createrepo"));
        Map<String, TaskHandler> handlers = new HashMap<>(Handlers.defaults());
        handlers.put("tagBuild", new TagBuild());
        handlers.put("newRepo", new NewRepo());
        handlers.put("createrepo", new CreateRepo(hub.dataDir().resolve("files"), tmp.resolve("builder-work")));
        builder = new Builder(hub.url(), "cb-builder", TestHosts.PASSWORD, Duration.ofSeconds(5), 4, handlers);
        Thread.ofVirtual().start(builder);
        one = TestPackages.rpmbuild(tmp, "cb-one", TestPackages.noarch("cb-one"));
        two = TestPackages.rpmbuild(tmp, "cb-two", TestPackages.archWithNoarchData("cb-two", ""));
        admin.callKw("createTag", List.of("cb-dest"), Map.of("arches", "x86_64"));
        admin.callKw("createTag", List.of("cb-build"), Map.of("arches", "x86_64"));
        admin.call("createTag", "cb-other");
        admin.call("createBuildTarget", "cb-target", "cb-build", "cb-dest");
        for (String tag : List.of("cb-dest", "cb-build", "cb-other")) {
            admin.call("packageListAdd", tag, "cb-one", "kojiadmin");
            admin.call("packageListAdd", tag, "cb-two", "kojiadmin");
        }
        cli.inDir(Files.createDirectories(tmp.resolve("downloads")));
    }

    @AfterAll
    static void stop() {
        if (builder != null) {
            builder.kill();
        }
        hub.close();
    }

    static CliHarness.Result ok(String... args) {
        return cli.ok(args);
    }

    static List<String> paths(Map<String, Path> rpms) {
        return rpms.values().stream().map(Path::toString).toList();
    }

    static int taskState(int task) {
        return (Integer) ((Map<?, ?>) admin.call("getTaskInfo", task)).get("state");
    }

    static int createdTask(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Created task:? (\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    @Order(1)
    void importUploadsEachRpmAndMakesTheBuildFromItsSrpm() {
        List<String> args = new ArrayList<>(List.of("import"));
        args.addAll(paths(one));
        CliHarness.Result r = ok(args.toArray(String[]::new));
        String srpm = one.get("cb-one-1.0-1.src.rpm").toString();
        String noarch = one.get("cb-one-1.0-1.noarch.rpm").toString();
        assertThat(r.out()).contains("uploading " + srpm + "... done\nimporting " + srpm + "... done\n")
                .contains("uploading " + noarch + "... done\nimporting " + noarch + "... done\n");
        assertThat(r.out().indexOf(srpm)).isLessThan(r.out().indexOf(noarch));
        Map<?, ?> build = (Map<?, ?>) admin.call("getBuild", "cb-one-1.0-1");
        assertThat(build.get("state")).isEqualTo(1);
        // again: nothing new, said so
        CliHarness.Result again = ok(args.toArray(String[]::new));
        assertThat(again.out()).contains("RPM already imported: " + srpm + "\nSkipping import\n");
        // binary rpms alone, without srpm or build: refused unless --create-build
        List<String> bins = new ArrayList<>(List.of("import"));
        two.forEach((n, p) -> {
            if (!n.endsWith(".src.rpm")) {
                bins.add(p.toString());
            }
        });
        CliHarness.Result missing = ok(bins.toArray(String[]::new));
        assertThat(missing.out()).isEqualTo("Missing build or srpm: cb-two-1.0-1\nAborting import\n");
        List<String> test = new ArrayList<>(bins);
        test.add(1, "--test");
        test.add(1, "--create-build");
        assertThat(ok(test.toArray(String[]::new)).out()).contains("Test mode -- would have created empty build: cb-two-1.0-1");
        assertThat(admin.call("getBuild", "cb-two-1.0-1")).isNull();
        List<String> all = new ArrayList<>(List.of("import"));
        all.addAll(paths(two));
        ok(all.toArray(String[]::new));
        assertThat(cli.run("import", "/no/such.rpm").status()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void listBuildsFiltersSortsAndReportsUnknownNames() {
        CliHarness.Result r = ok("list-builds", "--prefix", "cb-");
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo(String.format("%-55s  %-16s  %s", "Build", "Built by", "State"));
        assertThat(lines[1]).isEqualTo("-".repeat(55) + "  " + "-".repeat(16) + "  " + "-".repeat(16));
        assertThat(lines[2]).isEqualTo(String.format("%-55s  %-16s  %s", "cb-one-1.0-1", "kojiadmin", "COMPLETE"));
        assertThat(lines[3]).startsWith("cb-two-1.0-1 ");
        assertThat(ok("list-builds", "--prefix", "cb-", "--reverse", "--quiet").out()).startsWith("cb-two-1.0-1 ");
        assertThat(ok("list-builds", "--package", "cb-two", "--state", "COMPLETE", "--quiet").out().lines().count()).isEqualTo(1);
        assertThat(ok("list-builds", "--buildid", "cb-one-1.0-1", "--quiet").out()).startsWith("cb-one-1.0-1 ");
        assertThat(ok("list-builds", "--owner", "kojiadmin", "--after", "2000-01-01", "--quiet").out()).contains("cb-one-1.0-1");
        assertThat(ok("list-builds", "--prefix", "cb-", "--before", "2000-01-01 00:00", "--quiet").out()).isEmpty();
        CliHarness.Result unknown = cli.run("list-builds", "--package", "no-such-pkg");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.message()).isEqualTo("No such package: no-such-pkg\n");
        assertThat(cli.run("list-builds").message()).isEqualTo("Filter must be provided for list\n");
        assertThat(cli.run("list-builds", "--state", "SOMETHING").message()).isEqualTo("Invalid state: SOMETHING\n");
        List<?> json = (List<?>) Literals.json(ok("list-builds", "--prefix", "cb-", "--json").out());
        assertThat(json).hasSize(2);
        assertThat(((Map<?, ?>) json.get(0)).get("nvr")).isEqualTo("cb-one-1.0-1");
    }

    @Test
    @Order(3)
    void buildinfoShowsStateTagsAndRpmPaths() {
        CliHarness.Result r = ok("buildinfo", "cb-two-1.0-1");
        Map<?, ?> b = (Map<?, ?>) admin.call("getBuild", "cb-two-1.0-1");
        assertThat(r.out()).startsWith("BUILD: cb-two-1.0-1 [" + b.get("id") + "]\nState: COMPLETE\nBuilt by: kojiadmin\n")
                .contains("\nTask: none\nFinished: ").contains("\nTags: \nRPMs:\n")
                .contains("/mnt/koji/packages/cb-two/1.0/1/src/cb-two-1.0-1.src.rpm\n")
                .contains("/mnt/koji/packages/cb-two/1.0/1/noarch/cb-two-data-1.0-1.noarch.rpm\n");
        assertThat(r.out()).matches("(?s).*Finished: \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} .*");
        CliHarness.Result unknown = cli.run("buildinfo", "cb-one-1.0-1", "nope-1-1");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.message()).isEqualTo("No such build: nope-1-1\n\n");
        assertThat(unknown.out()).startsWith("BUILD: cb-one-1.0-1");
        List<?> json = (List<?>) Literals.json(ok("buildinfo", "--json", "cb-one-1.0-1").out());
        assertThat(((Map<?, ?>) json.get(0)).get("name")).isEqualTo("cb-one");
    }

    @Test
    @Order(4)
    void tagBuildMakesATaskAndWaitsForItWhenAsked() {
        CliHarness.Result r = ok("tag-build", "--nowait", "cb-dest", "cb-one-1.0-1");
        int task = createdTask(r.out());
        assertThat(r.out()).isEqualTo("Created task " + task + "\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> taskState(task) == 2);
        CliHarness.Result waited = ok("tag-build", "--wait", "cb-dest", "cb-two-1.0-1");
        int second = createdTask(waited.out());
        // Koji's watch_tasks: the task's state when first seen (then each change), and the result.
        assertThat(waited.out()).contains("Watching tasks (this may be safely interrupted)...\n" + second + " tagBuild (noarch): ")
                .endsWith("\n\n" + second + " tagBuild (noarch) completed successfully\n");
        CliHarness.Result unknown = cli.run("tag-build", "--nowait", "no-such-tag", "cb-one-1.0-1");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err().lines().count()).isEqualTo(1);
        assertThat(cli.run("tag-build", "cb-dest").status()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void listTaggedAndLatestBuildShowTheTagsBuilds() {
        CliHarness.Result r = ok("list-tagged", "cb-dest");
        assertThat(r.out()).isEqualTo(String.format("%-40s  %-20s  %s%n", "Build", "Tag", "Built by")
                + "-".repeat(40) + "  " + "-".repeat(20) + "  " + "-".repeat(16) + "\n"
                + String.format("%-40s  %-20s  %s%n", "cb-one-1.0-1", "cb-dest", "kojiadmin")
                + String.format("%-40s  %-20s  %s%n", "cb-two-1.0-1", "cb-dest", "kojiadmin"));
        assertThat(ok("list-tagged", "--rpms", "cb-dest", "cb-two").out())
                .contains("cb-two-1.0-1.src\n").contains("cb-two-data-1.0-1.noarch\n");
        assertThat(ok("list-tagged", "--paths", "--quiet", "cb-dest", "cb-one").out())
                .startsWith("/mnt/koji/packages/cb-one/1.0/1 ");
        assertThat(ok("list-tagged", "--sigs", "cb-dest", "cb-one").out()).contains(" cb-one-1.0-1.noarch\n");
        int event = (Integer) ((Map<?, ?>) admin.call("getBuild", "cb-one-1.0-1")).get("creation_event_id");
        assertThat(ok("list-tagged", "--event", String.valueOf(event), "cb-dest").out())
                .startsWith("Querying at event " + event + " (").doesNotContain("cb-one-1.0-1 ");
        CliHarness.Result unknown = cli.run("list-tagged", "no-such-tag");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.message()).isEqualTo("No such tag: no-such-tag\n");
        List<?> json = (List<?>) Literals.json(ok("list-tagged", "--json", "cb-dest").out());
        assertThat(json).hasSize(2);

        assertThat(ok("latest-build", "cb-dest", "cb-one").out()).isEqualTo(
                String.format("%-40s  %-20s  %s%n", "Build", "Tag", "Built by")
                        + "-".repeat(40) + "  " + "-".repeat(20) + "  " + "-".repeat(16) + "\n"
                        + String.format("%-40s  %-20s  %s%n", "cb-one-1.0-1", "cb-dest", "kojiadmin"));
        assertThat(ok("latest-build", "--all", "--quiet", "cb-dest").out().lines().count()).isEqualTo(2);
        assertThat(ok("latest-build", "--arch", "noarch", "cb-dest", "cb-two").out()).isEqualTo("cb-two-data-1.0-1.noarch\n");
        assertThat(ok("latest-build", "--arch", "noarch", "--paths", "cb-dest", "cb-one").out())
                .isEqualTo("/mnt/koji/packages/cb-one/1.0/1/noarch/cb-one-1.0-1.noarch.rpm\n");
        assertThat(cli.run("latest-build", "cb-dest").status()).isEqualTo(2);
        assertThat(cli.run("latest-build", "no-such-tag", "cb-one").status()).isEqualTo(1);
        assertThat(((List<?>) Literals.json(ok("latest-build", "--json", "cb-dest", "cb-one").out()))).hasSize(1);
    }

    @Test
    @Order(6)
    void moveAndUntagBuild() {
        CliHarness.Result move = ok("move-build", "--nowait", "cb-dest", "cb-other", "cb-one-1.0-1", "nope-1-1");
        assertThat(move.out()).startsWith("No such build: nope-1-1, skipping.\n");
        int task = createdTask(move.out());
        assertThat(move.out()).endsWith("Created task " + task + ", moving cb-one-1.0-1\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> taskState(task) == 2);
        assertThat(ok("list-tagged", "--quiet", "cb-other").out()).startsWith("cb-one-1.0-1 ");
        assertThat(ok("list-tagged", "--quiet", "cb-dest").out()).doesNotContain("cb-one-1.0-1");

        assertThat(ok("untag-build", "--test", "cb-other", "cb-one-1.0-1").out())
                .isEqualTo("would have untagged cb-one-1.0-1\n");
        CliHarness.Result notIn = cli.run("untag-build", "cb-other", "cb-two-1.0-1");
        assertThat(notIn.status()).isEqualTo(1);
        assertThat(notIn.message()).isEqualTo("Build cb-two-1.0-1 not in tag cb-other\n");
        assertThat(cli.run("untag-build", "cb-other", "nope-1-1").message()).isEqualTo("No such build: nope-1-1\n");
        assertThat(ok("untag-build", "-v", "cb-other", "cb-one-1.0-1").out()).isEqualTo("untagging cb-one-1.0-1\n");
        assertThat(ok("list-tagged", "--quiet", "cb-other").out()).isEmpty();
        assertThat(cli.run("untag-build", "no-such-tag", "x-1-1").message()).isEqualTo("No such tag: no-such-tag\n");
    }

    @Test
    @Order(7)
    void listHistoryTellsTheBuildsStory() {
        CliHarness.Result r = ok("list-history", "--build", "cb-one-1.0-1");
        List<String> lines = r.out().lines().toList();
        String stamp = "\\w{3} \\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4} ";
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches(stamp + "cb-one-1.0-1 tagged into cb-dest by kojiadmin");
        assertThat(lines.get(1)).matches(stamp + "cb-one-1.0-1 untagged from cb-dest by kojiadmin");
        assertThat(lines.get(2)).matches(stamp + "cb-one-1.0-1 tagged into cb-other by kojiadmin");
        assertThat(lines.get(3)).matches(stamp + "cb-one-1.0-1 untagged from cb-other by kojiadmin");
        assertThat(ok("list-history", "--build", "cb-two-1.0-1", "--active", "-e").out())
                .matches(stamp + "\\(eid \\d+\\) cb-two-1.0-1 tagged into cb-dest by kojiadmin \\[still active]\n");
        assertThat(cli.run("list-history").message()).isEqualTo("Please specify an option to limit the query\n");
        assertThat(cli.run("list-history", "--build", "nope-1-1").status()).isEqualTo(1);
        Map<?, ?> json = (Map<?, ?>) Literals.json(ok("list-history", "--json", "--tag", "cb-dest").out());
        assertThat((List<?>) json.get("tag_listing")).hasSize(2);
        assertThat(ok("list-history", "--tag", "cb-build", "-v").out()).contains("new tag: cb-build by kojiadmin");
    }

    @Test
    @Order(8)
    void downloadBuildFetchesAndVerifiesEveryRpm() throws Exception {
        Path dir = tmp.resolve("downloads");
        CliHarness.Result r = ok("download-build", "cb-two-1.0-1");
        assertThat(r.out()).contains("Downloading [1/3]: ").contains("Downloading [3/3]: ");
        for (String name : List.of("cb-two-1.0-1.src.rpm", "cb-two-data-1.0-1.noarch.rpm")) {
            assertThat(Files.readAllBytes(dir.resolve(name))).isEqualTo(Files.readAllBytes(two.get(name)));
        }
        assertThat(ok("download-build", "--arch", "src", "cb-two-1.0-1").out())
                .isEqualTo("Downloading [1/1]: cb-two-1.0-1.src.rpm\nFile cb-two-1.0-1.src.rpm already downloaded, skipping\n");
        // a partial file of other bytes is appended to, and the result fails the payload check
        Path src = dir.resolve("cb-two-1.0-1.src.rpm");
        Files.write(src, new byte[100]);
        CliHarness.Result bad = cli.run("download-build", "--arch", "src", "-q", "cb-two-1.0-1");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("Downloaded rpm cb-two-1.0-1.src.rpm ");
        assertThat(src).doesNotExist();
        assertThat(ok("download-build", "-q", "--latestfrom", "cb-dest", "cb-two").out()).isEmpty();
        CliHarness.Result unknown = cli.run("download-build", "nope-1-1");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.message()).isEqualTo("No such build: nope-1-1\n");
        assertThat(cli.run("download-build", "--arch", "ppc64", "cb-two-1.0-1").err())
                .isEqualTo("No ppc64 packages available for cb-two-1.0-1\n");
    }

    @Test
    @Order(9)
    void requestRepoWaitsForARepoThatRepoinfoShows() {
        CliHarness.Result r = ok("request-repo", "--wait", "cb-build");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Got repo (\\d+)\n").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        String repo = m.group(1);
        assertThat(r.out()).endsWith("Repo info: http://127.0.0.1/koji/repoinfo?repoID=" + repo + "\n");
        CliHarness.Result again = ok("request-repo", "cb-build");
        assertThat(again.out()).isEqualTo("Got repo " + repo + "\nRepo info: http://127.0.0.1/koji/repoinfo?repoID=" + repo + "\n");
        CliHarness.Result info = ok("repoinfo", repo);
        assertThat(info.out()).startsWith("ID: " + repo + "\nTag ID: ").contains("\nTag name: cb-build\nState: READY\nCreated: ")
                .contains("\nURL: " + hub.url().resolve("/kojifiles") + "/repos/cb-build/" + repo + "\n")
                .contains("Dist repo?: no\nTask ID: ").contains("Number of buildroots: 0\n");
        CliHarness.Result missing = ok("repoinfo", "999999");
        assertThat(missing.message()).isEqualTo("No such repo: 999999\n\n");
        assertThat(((List<?>) Literals.json(ok("repoinfo", "--json", repo).out()))).hasSize(1);
        CliHarness.Result waited = ok("wait-repo", "--request", "cb-build");
        assertThat(waited.out()).startsWith("Got repo " + repo + "\n");
        CliHarness.Result anon = ok("wait-repo", "--target", "--timeout", "1", "cb-target");
        assertThat(anon.out()).startsWith("Got repo " + repo + "\n");
        assertThat(anon.err()).contains("The --request option is recommended for faster results");
        assertThat(cli.run("wait-repo", "no-such-tag").err()).contains("No such tag: no-such-tag");
        assertThat(cli.run("request-repo", "no-such-tag").status()).isEqualTo(2);
    }

    @Test
    @Order(10)
    void regenRepoMakesANewRepoTaskWhoseOutputDownloadTaskFetches() throws Exception {
        CliHarness.Result r = ok("regen-repo", "--make-task", "--nowait", "cb-build");
        int task = createdTask(r.out());
        assertThat(r.out()).isEqualTo("Regenerating repo for tag: cb-build\nCreated task: " + task
                + "\nTask info: http://127.0.0.1/koji/taskinfo?taskID=" + task + "\n");
        await().atMost(Duration.ofSeconds(120)).until(() -> taskState(task) == 2);
        CliHarness.Result none = ok("download-task", task + "");
        assertThat(none.out()).isEqualTo("No files for download found.\n");
        CliHarness.Result all = ok("download-task", "--all", "--parentonly", "--dirpertask", task + "");
        assertThat(all.out()).isEqualTo("No files for download found.\n");
        CliHarness.Result unknown = cli.run("download-task", "999999");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.message()).isEqualTo("No such task: 999999\n");
        assertThat(ok("regen-repo", "cb-build").out()).startsWith("Got ");
    }
}
