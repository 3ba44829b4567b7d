package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.builder.Builder;
import org.kojinext.builder.buildroot.BuildrootFactory;
import org.kojinext.builder.scm.AllowedScms;
import org.kojinext.builder.tasks.BuildHandlers;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPackages;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's build flow through a hub and the shipped builder: build from a git commit runs
 * buildSRPMFromSCM, buildArch and tagBuild subtasks; the SRPM, an arch rpm and a noarch rpm are
 * imported and tagged; failures end FAILED with nothing imported.
 */
class RpmBuildTest {
    @TempDir
    static Path tmp;
    private static TestHub hub;
    private static KojiClient admin;
    private static Builder builder;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        admin.callKw("createTag", List.of("rb-build"), Map.of("arches", "x86_64"));
        admin.call("createTag", "rb-dest");
        admin.call("createBuildTarget", "rb", "rb-build", "rb-dest");
        int dest = (Integer) ((Map<?, ?>) admin.call("getTag", "rb-dest")).get("id");
        Map<String, Object> link = new java.util.HashMap<>();
        link.put("parent_id", dest);
        link.put("priority", 0);
        link.put("maxdepth", null);
        link.put("intransitive", false);
        link.put("noconfig", false);
        link.put("pkg_filter", "");
        admin.call("setInheritanceData", "rb-build", List.of(link));
        admin.call("createTag", "rb-other");
        admin.call("packageListAdd", "rb-other", "rb-move", "kojiadmin");
        for (String pkg : List.of("rb-hello", "rb-broken", "rb-twice", "rb-move", "rb-chain-a", "rb-chain-b",
                "rb-chain-c", "rb-upload")) {
            admin.call("packageListAdd", "rb-dest", pkg, "kojiadmin");
        }
        TestHosts.create(hub.jdbcUrl(), "rb-builder", "x86_64", 10.0, List.of("default", "createrepo"));
        URI topurl = hub.url().resolve("/kojifiles");
        // The topdir serves createrepo in place; the build tasks still download through topurl.
        BuildHandlers.Settings settings = new BuildHandlers.Settings(hub.dataDir().resolve("files"), topurl,
                tmp.resolve("work"),
                AllowedScms.parse(":" + tmp + "/*"), BuildrootFactory.rpmbuild());
        // Koji's default maxjobs: a chain build holds a chainbuild, builds and waitrepos open at once,
        // all counted against it, as kojid and Koji's scheduler count them.
        builder = new Builder(hub.url(), "rb-builder", TestHosts.PASSWORD, Duration.ofSeconds(10), 10,
                BuildHandlers.of(settings));
        Thread.ofVirtual().start(builder);
    }

    @AfterAll
    static void stop() {
        if (builder != null) {
            builder.kill();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGitCommitBecomesATaggedBuildWithSrpmArchAndNoarchRpms() throws Exception {
        String url = gitRepo("rb-hello", TestPackages.archWithNoarchData("rb-hello", ""));
        int task = (Integer) admin.call("build", url, "rb");
        assertThat(finalState(task)).as(failure(task)).isEqualTo(2);

        Map<String, Object> build = (Map<String, Object>) admin.call("getBuild", "rb-hello-1.0-1");
        assertThat(build.get("state")).isEqualTo(1);
        assertThat(build.get("task_id")).isEqualTo(task);
        assertThat((String) build.get("source")).startsWith(url.substring(0, url.indexOf('#') + 1));

        List<Map<String, Object>> rpms = (List<Map<String, Object>>) admin.call("listRPMs", build.get("id"));
        assertThat(rpms).extracting(r -> r.get("arch")).containsExactlyInAnyOrder("src", "x86_64", "noarch");
        Path topdir = hub.dataDir().resolve("files");
        // Every rpm names the buildroot it was built in, recorded and expired by the builder.
        for (Map<String, Object> rpm : rpms) {
            Map<String, Object> br = (Map<String, Object>) admin.call("getBuildroot", rpm.get("buildroot_id"));
            assertThat(br).as("buildroot of %s", rpm.get("arch")).isNotNull();
            assertThat(br.get("state")).isEqualTo(3);
            assertThat(br.get("tag_name")).isEqualTo("rb-build");
        }
        for (Map<String, Object> rpm : rpms) {
            Path stored = topdir.resolve("packages/rb-hello/1.0/1/" + rpm.get("arch") + "/" + rpm.get("name") + "-1.0-1."
                    + rpm.get("arch") + ".rpm");
            Map<String, Map<String, Object>> sums = (Map<String, Map<String, Object>>) admin.call("getRPMChecksums",
                    rpm.get("id"));
            assertThat(sums.get("").get("sha256")).as(stored.toString()).isEqualTo(sha256(stored));
        }

        List<Map<String, Object>> tagged = (List<Map<String, Object>>) admin.call("listTagged", "rb-dest");
        assertThat(tagged).extracting(b -> b.get("nvr")).contains("rb-hello-1.0-1");

        // What koji rpminfo and list-buildroot ask of an imported rpm.
        Map<String, Object> main = rpms.stream().filter(r -> r.get("arch").equals("x86_64")).findFirst().orElseThrow();
        Map<String, Object> headers = (Map<String, Object>) admin.callKw("getRPMHeaders", List.of(),
                Map.of("rpmID", main.get("id"), "headers", List.of("license", "Summary", "buildtime", "name")));
        assertThat(headers).containsEntry("license", "MIT").containsEntry("Summary", "rb-hello")
                .containsEntry("name", "rb-hello").containsEntry("buildtime", main.get("buildtime"));
        assertThat((Map<String, Object>) admin.callKw("getRPMHeaders", List.of(), Map.of("rpmID", 999999,
                "headers", List.of("license")))).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.callKw("getRPMHeaders", List.of(),
                Map.of("rpmID", main.get("id"), "headers", List.of("no-such-tag"))))
                .hasMessageContaining("No such rpm header field: no-such-tag");
        assertThat((List<Object>) admin.callKw("listArchives", List.of(),
                Map.of("componentBuildrootID", main.get("buildroot_id")))).isEmpty();

        // Published: a repo of the build tag (which inherits rb-dest) made after the tagging, with
        // sources, lists all three with the SHA-256 the database holds.
        Map<String, Object> repo = WaitForRepo.after(admin, "rb-build", Map.of("src", true));
        Map<String, String> primary = primarySha256(topdir.resolve("repos/rb-build/" + repo.get("id") + "/x86_64"));
        for (Map<String, Object> rpm : rpms) {
            String key = rpm.get("name") + "." + rpm.get("arch");
            Map<String, Map<String, Object>> sums = (Map<String, Map<String, Object>>) admin.call("getRPMChecksums",
                    rpm.get("id"));
            assertThat(primary).as(key).containsEntry(key, (String) sums.get("").get("sha256"));
        }

        List<Map<String, Object>> children = (List<Map<String, Object>>) admin.call("getTaskChildren", task);
        // A waitrepo subtask comes first when the build tag had no repo yet.
        assertThat(children).extracting(c -> c.get("method")).contains("buildSRPMFromSCM", "buildArch", "tagBuild")
                .isSubsetOf("waitrepo", "buildSRPMFromSCM", "buildArch", "tagBuild");
        assertThat(children).allSatisfy(c -> assertThat(c.get("state")).isEqualTo(2));
        Map<String, Object> buildArch = children.stream().filter(c -> c.get("method").equals("buildArch")).findFirst()
                .orElseThrow();
        assertThat(buildArch.get("arch")).isEqualTo("x86_64");
        assertThat(buildArch.get("label")).isEqualTo("x86_64");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSpecErrorFailsTheBuildWithTheLogsLocationAndImportsNothing() throws Exception {
        String url = gitRepo("rb-broken", TestPackages.archWithNoarchData("rb-broken", "exit 3"));
        int task = (Integer) admin.call("build", url, "rb");
        assertThat(finalState(task)).isEqualTo(5);
        String message = failure(task);
        assertThat(message).contains("BuildError").contains("rpmbuild exit")
                .containsPattern("build log: http://[^ ]+/kojifiles/work/tasks/\\d+/\\d+/build\\.log");

        Map<String, Object> build = (Map<String, Object>) admin.call("getBuild", "rb-broken-1.0-1");
        assertThat(build.get("state")).as("FAILED").isEqualTo(3);
        assertThat((List<Object>) admin.call("listRPMs", build.get("id"))).isEmpty();
        assertThat(hub.dataDir().resolve("files/packages/rb-broken")).doesNotExist();
        List<Map<String, Object>> tagged = (List<Map<String, Object>>) admin.call("listTagged", "rb-dest");
        assertThat(tagged).extracting(b -> b.get("nvr")).doesNotContain("rb-broken-1.0-1");
    }

    @Test
    void aMissingGitRefOrADisallowedScmHostFailsTheBuildBeforeAnyBuildExists() throws Exception {
        String url = gitRepo("rb-ref", TestPackages.archWithNoarchData("rb-ref", ""));
        int missing = (Integer) admin.call("build", url.replace("#v1", "#no-such-ref"), "rb");
        assertThat(finalState(missing)).isEqualTo(5);
        assertThat(failure(missing)).contains("missing git ref no-such-ref");
        int elsewhere = (Integer) admin.call("build", "git+https://git.example.com/evil.git#main", "rb");
        assertThat(finalState(elsewhere)).isEqualTo(5);
        assertThat(failure(elsewhere)).contains("git.example.com").contains("not in the list of allowed SCMs");
        assertThat(admin.call("getBuild", "rb-ref-1.0-1")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneFailedArchEndsTheBuildAtOnceAndCancelsTheOtherArches() throws Exception {
        // i686 has no builder here, so without Koji's failany the build would wait for it forever.
        admin.callKw("createTag", List.of("rb-multi-build"), Map.of("arches", "x86_64 i686"));
        admin.call("createBuildTarget", "rb-multi", "rb-multi-build", "rb-dest");
        admin.call("packageListAdd", "rb-dest", "rb-failany", "kojiadmin");
        String url = gitRepo("rb-failany", TestPackages.archWithNoarchData("rb-failany", "exit 3"));
        int task = (Integer) admin.call("build", url, "rb-multi");
        assertThat(finalState(task)).isEqualTo(5);
        assertThat(failure(task)).contains("rpmbuild exit");
        List<Map<String, Object>> arches = ((List<Map<String, Object>>) admin.call("getTaskChildren", task)).stream()
                .filter(c -> c.get("method").equals("buildArch")).toList();
        assertThat(arches).extracting(c -> c.get("label")).containsExactlyInAnyOrder("x86_64", "i686");
        Map<String, Object> i686 = arches.stream().filter(c -> c.get("label").equals("i686")).findFirst().orElseThrow();
        assertThat(i686.get("arch")).isEqualTo("i386");
        assertThat(i686.get("state")).as("canceled").isEqualTo(3);
        assertThat(((Map<String, Object>) admin.call("getBuild", "rb-failany-1.0-1")).get("state")).isEqualTo(3);
    }

    @Test
    void aSecondBuildOfTheSameNvrFailsAndLeavesTheFirstAlone() throws Exception {
        String url = gitRepo("rb-twice", TestPackages.archWithNoarchData("rb-twice", ""));
        int first = (Integer) admin.call("build", url, "rb");
        assertThat(finalState(first)).as(failure(first)).isEqualTo(2);
        int second = (Integer) admin.call("build", url, "rb");
        assertThat(finalState(second)).isEqualTo(5);
        assertThat(failure(second)).contains("Build already exists (id=").contains("'name': 'rb-twice'");
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) admin.call("getBuild", "rb-twice-1.0-1");
        assertThat(build.get("state")).isEqualTo(1);
        assertThat(build.get("task_id")).isEqualTo(first);
    }

    @Test
    void aPackageMissingFromTheDestinationTagFailsBeforeAnythingIsBuilt() throws Exception {
        String url = gitRepo("rb-unlisted", TestPackages.archWithNoarchData("rb-unlisted", ""));
        int task = (Integer) admin.call("build", url, "rb");
        assertThat(finalState(task)).isEqualTo(5);
        assertThat(failure(task)).contains("package rb-unlisted not in list for tag rb-dest");
        assertThat(admin.call("getBuild", "rb-unlisted-1.0-1")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void tagBuildAndMoveBuildRunAsTasksAndCheckThePackageListFirst() throws Exception {
        String url = gitRepo("rb-move", TestPackages.archWithNoarchData("rb-move", ""));
        int build = (Integer) admin.call("build", url, "rb");
        assertThat(finalState(build)).as(failure(build)).isEqualTo(2);

        int move = (Integer) admin.call("moveBuild", "rb-dest", "rb-other", "rb-move-1.0-1");
        assertThat(finalState(move)).as(failure(move)).isEqualTo(2);
        Map<String, Object> info = (Map<String, Object>) admin.call("getTaskInfo", move);
        assertThat(info.get("method")).isEqualTo("tagBuild");
        assertThat(info.get("priority")).isEqualTo(10);
        assertThat(nvrs("rb-other")).contains("rb-move-1.0-1");
        assertThat(nvrs("rb-dest")).doesNotContain("rb-move-1.0-1");
        List<Map<String, Object>> history = (List<Map<String, Object>>) ((Map<String, Object>) admin.callKw(
                "queryHistory", List.of(), Map.of("tables", List.of("tag_listing"), "build", "rb-move-1.0-1")))
                .get("tag_listing");
        assertThat(history).allSatisfy(h -> assertThat(h.get("creator_id")).isEqualTo(1));

        // The package is not listed in rb-bare: refused at once, without a task.
        admin.call("createTag", "rb-bare");
        KojiFault unlisted = org.junit.jupiter.api.Assertions.assertThrows(KojiFault.class,
                () -> admin.call("tagBuild", "rb-bare", "rb-move-1.0-1"));
        assertThat(unlisted.faultName()).isEqualTo("TagError");
        assertThat(unlisted.getMessage()).isEqualTo("Package rb-move not in list for rb-bare");
        // host.tagBuild is for hosts only.
        KojiFault notHost = org.junit.jupiter.api.Assertions.assertThrows(KojiFault.class,
                () -> admin.call("host.tagBuild", move, "rb-dest", "rb-move-1.0-1"));
        assertThat(notHost.faultName()).isEqualTo("AuthError");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChainBuildBuildsLevelByLevelWaitingForARepoWithThePreviousLevel() throws Exception {
        String a = gitRepo("rb-chain-a", TestPackages.archWithNoarchData("rb-chain-a", ""));
        String b = gitRepo("rb-chain-b", TestPackages.archWithNoarchData("rb-chain-b", ""));
        String c = gitRepo("rb-chain-c", TestPackages.archWithNoarchData("rb-chain-c", ""));
        int task = (Integer) admin.call("chainBuild", List.of(List.of(a, b), List.of(c)), "rb");
        assertThat(finalState(task)).as(failure(task)).isEqualTo(2);
        assertThat(((Map<String, Object>) admin.call("getTaskInfo", task)).get("method")).isEqualTo("chainbuild");
        List<Map<String, Object>> children = (List<Map<String, Object>>) admin.call("getTaskChildren", task);
        assertThat(children).extracting(t -> t.get("label"))
                .containsExactlyInAnyOrder("build 0,0", "build 0,1", "wait 1", "build 1,0");
        Map<String, Map<String, Object>> byLabel = new java.util.HashMap<>();
        children.forEach(t -> byLabel.put((String) t.get("label"), t));
        // The wait started after both first-level builds ended, and the last build after the wait.
        double firstLevelDone = Math.max(ts(byLabel.get("build 0,0"), "completion_ts"),
                ts(byLabel.get("build 0,1"), "completion_ts"));
        assertThat(ts(byLabel.get("wait 1"), "create_ts")).isGreaterThanOrEqualTo(firstLevelDone);
        assertThat(ts(byLabel.get("build 1,0"), "create_ts"))
                .isGreaterThanOrEqualTo(ts(byLabel.get("wait 1"), "completion_ts"));
        // The repo the wait returned holds both first-level builds.
        Map<String, Object> repo = (Map<String, Object>) admin.call("getTaskResult", byLabel.get("wait 1").get("id"));
        Map<String, String> primary = primarySha256(hub.dataDir().resolve("files/repos/rb-build/" + repo.get("id")
                + "/x86_64"));
        assertThat(primary).containsKeys("rb-chain-a.x86_64", "rb-chain-b.x86_64");
        assertThat(nvrs("rb-dest")).contains("rb-chain-a-1.0-1", "rb-chain-b-1.0-1", "rb-chain-c-1.0-1");
    }

    private static double ts(Map<String, Object> task, String field) {
        return ((Number) task.get(field)).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void skipTagLeavesTheBuildUntaggedAndWaitRepoBuildsFromARepoNewerThanTheLastChange() throws Exception {
        String url = gitRepo("rb-skip", TestPackages.archWithNoarchData("rb-skip", ""));
        // skip_tag: no package-list check, no tagBuild subtask, the build COMPLETE and untagged.
        int skip = (Integer) admin.call("build", url, "rb", Map.of("skip_tag", true));
        assertThat(finalState(skip)).as(failure(skip)).isEqualTo(2);
        assertThat(((Map<String, Object>) admin.call("getBuild", "rb-skip-1.0-1")).get("state")).isEqualTo(1);
        assertThat(nvrs("rb-dest")).doesNotContain("rb-skip-1.0-1");
        assertThat((List<Map<String, Object>>) admin.call("getTaskChildren", skip))
                .extracting(c -> c.get("method")).doesNotContain("tagBuild");

        // A change to the build tag's content, then wait_repo: the build waits for a repo made after it.
        admin.call("packageListAdd", "rb-dest", "rb-wait", "kojiadmin");
        int changed = (Integer) ((Map<String, Object>) admin.call("getLastEvent")).get("id");
        String waitUrl = gitRepo("rb-wait", TestPackages.archWithNoarchData("rb-wait", ""));
        int wait = (Integer) admin.call("build", waitUrl, "rb", Map.of("wait_repo", true));
        assertThat(finalState(wait)).as(failure(wait)).isEqualTo(2);
        Map<String, Object> buildArch = ((List<Map<String, Object>>) admin.call("getTaskChildren", wait)).stream()
                .filter(c -> c.get("method").equals("buildArch")).findFirst().orElseThrow();
        List<Object> request = (List<Object>) admin.call("getTaskRequest", buildArch.get("id"));
        Object repoId = ((Map<String, Object>) request.get(4)).get("repo_id");
        Map<String, Object> repo = (Map<String, Object>) admin.call("repoInfo", repoId);
        assertThat((Integer) repo.get("create_event")).isGreaterThanOrEqualTo(changed);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUploadedSrpmIsRebuiltInABuildrootAndBuilt() throws Exception {
        // As Koji's CLI does with a local SRPM: upload to cli-build/, then build from that path.
        Path local = TestPackages.rpmbuild(tmp, "rb-upload", TestPackages.archWithNoarchData("rb-upload", ""))
                .get("rb-upload-1.0-1.src.rpm");
        new org.kojinext.protocol.Uploader(admin).upload(local, "cli-build/rb-upload", "rb-upload-1.0-1.src.rpm");
        int task = (Integer) admin.call("build", "cli-build/rb-upload/rb-upload-1.0-1.src.rpm", "rb");
        assertThat(finalState(task)).as(failure(task)).isEqualTo(2);
        List<Map<String, Object>> children = (List<Map<String, Object>>) admin.call("getTaskChildren", task);
        Map<String, Object> rebuild = children.stream().filter(c -> c.get("method").equals("rebuildSRPM")).findFirst()
                .orElseThrow();
        assertThat(rebuild.get("label")).isEqualTo("srpm");
        Map<String, Object> result = (Map<String, Object>) admin.call("getTaskResult", rebuild.get("id"));
        assertThat((String) result.get("srpm")).endsWith("/" + rebuild.get("id") + "/rb-upload-1.0-1.src.rpm");
        assertThat(result.get("brootid")).isNotNull();
        Map<String, Object> build = (Map<String, Object>) admin.call("getBuild", "rb-upload-1.0-1");
        assertThat(build.get("state")).isEqualTo(1);
        assertThat(build.get("source")).isEqualTo("rb-upload-1.0-1.src.rpm");
        assertThat((List<Map<String, Object>>) admin.call("listRPMs", build.get("id"))).extracting(r -> r.get("arch"))
                .containsExactlyInAnyOrder("src", "x86_64", "noarch");
    }

    @Test
    void aScratchBuildLandsInTheOwnersScratchDirectoryAndMakesNoBuild() throws Exception {
        String url = gitRepo("rb-scratch", TestPackages.archWithNoarchData("rb-scratch", ""));
        int task = (Integer) admin.call("build", url, "rb", Map.of("scratch", true));
        assertThat(finalState(task)).as(failure(task)).isEqualTo(2);
        Path dir = hub.dataDir().resolve("files/scratch/kojiadmin/task_" + task);
        assertThat(dir.resolve("rb-scratch-1.0-1.src.rpm")).isRegularFile();
        assertThat(dir.resolve("rb-scratch-1.0-1.x86_64.rpm")).isRegularFile();
        assertThat(dir.resolve("rb-scratch-data-1.0-1.noarch.rpm")).isRegularFile();
        assertThat(dir.resolve("logs/x86_64/build.log")).isRegularFile();
        assertThat(admin.call("getBuild", "rb-scratch-1.0-1")).isNull();
        assertThat(nvrs("rb-dest")).doesNotContain("rb-scratch-1.0-1");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> nvrs(String tag) {
        return ((List<Map<String, Object>>) admin.call("listTagged", tag)).stream().map(b -> b.get("nvr")).toList();
    }

    static String gitRepo(String name, String spec) throws Exception {
        return TestPackages.gitRepo(tmp, name, spec);
    }

    /** name.arch → sha256 of every package in the repo arch directory's primary.xml.gz. */
    static Map<String, String> primarySha256(Path archDir) throws Exception {
        Path primary;
        try (var s = Files.list(archDir.resolve("repodata"))) {
            primary = s.filter(p -> p.getFileName().toString().endsWith("primary.xml.gz")).findFirst().orElseThrow();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(primary))) {
            var r = javax.xml.stream.XMLInputFactory.newFactory().createXMLStreamReader(in);
            String name = null;
            String arch = null;
            while (r.hasNext()) {
                if (r.next() != javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "name" -> name = r.getElementText();
                    case "arch" -> arch = r.getElementText();
                    case "checksum" -> {
                        assertThat(r.getAttributeValue(null, "type")).isEqualTo("sha256");
                        out.put(name + "." + arch, r.getElementText());
                    }
                    default -> {
                    }
                }
            }
        }
        return out;
    }

    private static int finalState(int task) {
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> List.of(2, 3, 5).contains(state(task)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("task " + task + " did not finish; tasks:\n" + taskDump(), e);
        }
        return state(task);
    }

    /** Every task with its state, and the fault of each failed one, for a test that timed out. */
    @SuppressWarnings("unchecked")
    private static String taskDump() {
        StringBuilder sb = new StringBuilder();
        for (Object o : (List<Object>) admin.call("listTasks")) {
            Map<String, Object> t = (Map<String, Object>) o;
            sb.append(t.get("id")).append(' ').append(t.get("method")).append(" parent=").append(t.get("parent"))
                    .append(" label=").append(t.get("label")).append(" state=").append(t.get("state"));
            if (Integer.valueOf(5).equals(t.get("state"))) {
                sb.append(' ').append(failure((Integer) t.get("id")));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static int state(int task) {
        return (Integer) ((Map<String, Object>) admin.call("getTaskInfo", task)).get("state");
    }

    private static String failure(int task) {
        try {
            admin.call("getTaskResult", task);
            return "(no fault)";
        } catch (KojiFault f) {
            return f.faultName() + ": " + f.getMessage();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

}
