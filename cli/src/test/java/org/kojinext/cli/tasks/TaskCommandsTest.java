package org.kojinext.cli.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.builder.Builder;
import org.kojinext.cli.CliHarness;
import org.kojinext.cli.Literals;
import org.kojinext.hub.scheduler.LocalBuilder;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPackages;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * The building and task commands against a real hub with the shipped builder running in this
 * JVM: sleep tasks (Koji's cheapest) for watching, cancelling and resubmitting, and one real
 * build of an uploaded SRPM.
 */
class TaskCommandsTest {
    static TestHub hub;
    static Builder builder;
    static CliHarness cli;
    static KojiClient admin;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        URI url = hub.url();
        String password = LocalBuilder.ensureHost(hub.hub().database(), hub.dataDir(), "cli-builder");
        builder = LocalBuilder.start(url, "cli-builder", password,
                LocalBuilder.settings(url, hub.dataDir().resolve("files"), hub.dataDir()));
        cli = CliHarness.admin(hub);
        admin = hub.admin(Encoding.XML);
    }

    @AfterAll
    static void stop() {
        builder.kill();
        hub.close();
    }

    private static int sleepTask(Object seconds) {
        return (Integer) admin.call("makeTask", "sleep", List.of(seconds));
    }

    @Test
    void watchTaskPrintsEachChangeAndTheResult() {
        int task = sleepTask(1);
        CliHarness.Result r = cli.run("watch-task", String.valueOf(task));
        assertThat(r.status()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Watching tasks (this may be safely interrupted)...");
        assertThat(lines.get(1)).matches(task + " sleep \\(noarch\\): (free|assigned \\(cli-builder\\)|open \\(cli-builder\\))");
        assertThat(lines).contains(task + " sleep (noarch): open (cli-builder) -> closed",
                "  0 free  0 open  1 done  0 failed");
        assertThat(r.out()).endsWith("\n\n" + task + " sleep (noarch) completed successfully\n");
    }

    @Test
    void aFailedTaskShowsItsErrorAndExitsOne() {
        int task = sleepTask("x");
        CliHarness.Result r = cli.run("watch-task", String.valueOf(task));
        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        // The builder fails it within milliseconds of opening it: the watch may see the open state or not.
        assertThat(r.out()).containsPattern("\n" + task + " sleep \\(noarch\\): (open \\(cli-builder\\) -> )?FAILED: "
                + "GenericError: TypeError: sleep needs a number of seconds, not x\n")
                .endsWith("\n" + task + " sleep (noarch) failed\n");
        // As Koji's watch_tasks: the summary follows a change seen, not a task already finished when first read.
        if (r.out().contains("open (cli-builder) -> FAILED")) {
            assertThat(r.out()).contains("  0 free  0 open  0 done  1 failed\n");
        } else {
            assertThat(r.out()).doesNotContain("0 done  1 failed");
        }
    }

    @Test
    void anUnknownTaskIsReported() {
        CliHarness.Result r = cli.run("watch-task", "999999");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("Watching tasks (this may be safely interrupted)...\nNo such task id: 999999\n");
        assertThat(cli.run("watch-task", "abc").status()).isEqualTo(2);
    }

    @Test
    void watchingFollowsTheEventStreamWithoutPolling() throws Exception {
        try (CountingProxy proxy = new CountingProxy(hub.url())) {
            CliHarness slowPoller = CliHarness.empty(proxy.url().toString());
            slowPoller.writeConfig("[koji]\nserver = " + proxy.url() + "\npoll_interval = 1\n");
            int task = sleepTask(4);
            CliHarness.Result r = slowPoller.run("watch-task", String.valueOf(task));
            assertThat(r.status()).as(r.toString()).isZero();
            assertThat(r.out()).contains(task + " sleep (noarch) completed successfully");
            List<String> requests = proxy.requests();
            assertThat(requests).filteredOn(l -> l.startsWith("GET ")).containsExactly(
                    "GET /kojihub/events?task=" + task + " HTTP/1.1");
            // The label and the host's name once each: nothing asked again while the task sleeps.
            assertThat(requests).filteredOn(l -> l.startsWith("POST ")).hasSizeLessThanOrEqualTo(3);

            // A hub without the stream (Koji's own) is polled every poll_interval instead, with the same report.
            proxy.reset();
            proxy.refuse(line -> line.contains("/events"));
            int polled = sleepTask(4);
            CliHarness.Result p = slowPoller.run("watch-task", String.valueOf(polled));
            assertThat(p.status()).as(p.toString()).isZero();
            assertThat(p.out()).contains(polled + " sleep (noarch) completed successfully")
                    .contains("  0 free  0 open  1 done  0 failed");
            assertThat(proxy.requests()).filteredOn(l -> l.startsWith("POST ")).hasSizeGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void listTasksCancelTaskinfoAndResubmit() {
        int task = sleepTask(600);
        CliHarness.Result list = cli.run("list-tasks", "--method", "sleep");
        assertThat(list.status()).as(list.toString()).isZero();
        assertThat(list.out()).startsWith("ID       Pri  Owner                State    Arch       Name\n");
        assertThat(list.out()).containsPattern("(?m)^" + String.format("%-8s", task)
                + " \\d+ +kojiadmin            (FREE    |ASSIGNED|OPEN    ) noarch     sleep \\(noarch\\)$");
        CliHarness.Result json = cli.run("list-tasks", "--method", "sleep", "--json");
        assertThat((List<?>) Literals.json(json.out())).anyMatch(t -> ((Map<?, ?>) t).get("id").equals(task));
        assertThat(cli.run("list-tasks", "--quiet", "--method", "sleep").out()).doesNotContain("ID       Pri");

        CliHarness.Result cancel = cli.run("cancel", String.valueOf(task));
        assertThat(cancel.status()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).isEmpty();
        assertThat(cli.run("list-tasks", "--method", "sleep").out()).doesNotContain(task + " ");
        assertThat(cli.run("list-tasks", "--mine", "--user", "kojiadmin").status()).isEqualTo(1);

        CliHarness.Result info = cli.run("taskinfo", "-v", String.valueOf(task));
        assertThat(info.status()).as(info.toString()).isZero();
        assertThat(info.out()).startsWith("Task: " + task + "\nType: sleep\nRequest Parameters:\nOwner: kojiadmin\n"
                + "State: canceled\nCreated: ")
                .containsPattern("\nCreated: \\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\n")
                .contains("Log Files:\n  No outputs reported [1]\nOutput:\n  No outputs reported [1]\n"
                        + "[1] Not all tasks produce outputs, and task outputs are not retained indefinitely.\n\n");
        Map<?, ?> infoJson = (Map<?, ?>) Literals.json(cli.run("taskinfo", "--json", String.valueOf(task)).out());
        assertThat(infoJson.get("method")).isEqualTo("sleep");
        assertThat(infoJson.get("request")).isEqualTo(List.of(600));

        CliHarness.Result resubmit = cli.run("resubmit", "--nowait", String.valueOf(task));
        assertThat(resubmit.status()).as(resubmit.toString()).isZero();
        assertThat(resubmit.out()).startsWith("Resubmitting the following task:\nTask: " + task + "\nType: sleep\n")
                .containsPattern("\nResubmitted task " + task + " as new task \\d+\n$");
        String again = resubmit.out().replaceAll("(?s).*as new task (\\d+)\n$", "$1");
        assertThat(cli.run("cancel", "--justone", again).status()).isZero();
        assertThat(((Map<?, ?>) admin.call("getTaskInfo", Integer.parseInt(again))).get("state")).isEqualTo(3);

        CliHarness.Result missing = cli.run("cancel", "99999999");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isNotEmpty();
        assertThat(cli.run("cancel", "not/an-nvr").status()).isEqualTo(2);
    }

    @Test
    void buildUploadsAnSrpmAndTheBuildIsWatchedToTheEnd(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String arch = LocalBuilder.machineArch();
        admin.call("createTag", "cli-dest");
        admin.callKw("createTag", List.of("cli-build"), Map.of("arches", arch));
        Map<?, ?> dest = (Map<?, ?>) admin.call("getTag", "cli-dest");
        Map<String, Object> link = new HashMap<>();
        link.put("parent_id", dest.get("id"));
        link.put("priority", 0);
        link.put("maxdepth", null);
        link.put("intransitive", false);
        link.put("noconfig", false);
        link.put("pkg_filter", "");
        admin.call("setInheritanceData", "cli-build", List.of(link));
        admin.call("createBuildTarget", "cli-target", "cli-build", "cli-dest");
        admin.call("packageListAdd", "cli-dest", "clihello", "kojiadmin");
        Path srpm = TestPackages.rpmbuild(dir, "clihello", TestPackages.noarch("clihello")).entrySet().stream()
                .filter(e -> e.getKey().endsWith(".src.rpm")).findFirst().orElseThrow().getValue();

        CliHarness.Result r = cli.run("build", "--nowait", "cli-target", srpm.toString());
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).matches("Uploading srpm: " + java.util.regex.Pattern.quote(srpm.toString())
                + "\n\nCreated task: \\d+\nTask info: http://127.0.0.1/koji/taskinfo\\?taskID=\\d+\n");
        int task = Integer.parseInt(r.out().replaceAll("(?s).*Created task: (\\d+)\n.*", "$1"));
        List<?> request = (List<?>) admin.call("getTaskRequest", task);
        assertThat((String) request.get(0)).matches("cli-build/\\d+\\.\\d+\\.[A-Za-z]{8}/clihello-1\\.0-1\\.src\\.rpm");
        assertThat(request.get(1)).isEqualTo("cli-target");

        CliHarness.Result watched = cli.run("watch-task", String.valueOf(task));
        assertThat(watched.status()).as(watched.toString()).isZero();
        assertThat(watched.out()).contains(task + " build (cli-target, clihello-1.0-1.src.rpm): ")
                .containsPattern("\n  \\d+ buildArch \\(clihello-1\\.0-1\\.src\\.rpm, noarch\\): ")
                .endsWith("\n" + task + " build (cli-target, clihello-1.0-1.src.rpm) completed successfully\n");
        assertThat(((Map<?, ?>) admin.call("getBuild", "clihello-1.0-1")).get("state")).isEqualTo(1);

        CliHarness.Result info = cli.run("taskinfo", "-r", "-v", String.valueOf(task));
        assertThat(info.status()).as(info.toString()).isZero();
        assertThat(info.out()).startsWith("Task: " + task + "\nType: build\nRequest Parameters:\n  Source: cli-build/")
                .contains("\n  Build Target: cli-target\n  Options:\n")
                .contains("\nState: closed\n")
                .containsPattern("\nBuild: clihello-1\\.0-1 \\(\\d+\\)\n")
                .containsPattern("\n  Task: \\d+\n  Type: buildArch\n  Request Parameters:\n    SRPM: /mnt/koji/work/")
                .containsPattern("\n    /mnt/koji/work/tasks/\\d+/\\d+/build\\.log\n");

        CliHarness.Result logs = cli.run("watch-logs", "-f", String.valueOf(task));
        assertThat(logs.status()).as(logs.toString()).isZero();
        assertThat(logs.out()).startsWith("Watching logs (this may be safely interrupted)...\n")
                .containsPattern("==> \\d+:DEFAULT:build\\.log: <==\n");

        CliHarness.Result tasks = cli.run("list-tasks", "--all", "--after", "2000-01-01", "--method", "buildArch");
        assertThat(tasks.out()).containsPattern(" CLOSED   noarch     buildArch \\(clihello-1\\.0-1\\.src\\.rpm, noarch\\)\n");
    }
}
