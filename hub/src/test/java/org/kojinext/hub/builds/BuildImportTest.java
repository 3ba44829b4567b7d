package org.kojinext.hub.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.db.jooq.Tables.RPMINFO;
import static org.kojinext.hub.db.jooq.Tables.RPMSIGS;
import static org.kojinext.hub.testing.Replies.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPackages;
import org.kojinext.hub.testing.TestRepos;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.Uploader;

/**
 * host.initBuild, host.completeBuild and host.failBuild over HTTP, with rpms rpmbuild makes at
 * test time, uploaded into the task's directory the way a builder uploads them.
 */
class BuildImportTest {
    private static final String CHANNEL = "c-import";
    @TempDir
    static Path tmp;
    private static TestHub hub;
    private static KojiClient admin;
    private static KojiClient host;
    private static Path topdir;
    private static int hostId;
    private static int repo;
    private static String arch;
    /** Every rpm built, by file name. */
    private static final Map<String, Path> RPMS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        arch = run("rpm", "--eval", "%{_arch}").strip();
        for (String name : List.of("imp-ok", "imp-bad", "imp-other", "imp-miss", "imp-out", "imp-sub", "imp-br",
                "imp-brx")) {
            build(name);
        }
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        topdir = hub.dataDir().resolve("files");
        hostId = TestHosts.create(hub.jdbcUrl(), "imp-host", "x86_64", 4.0, List.of(CHANNEL));
        admin.call("createTag", "imp-build");
        repo = TestRepos.create(hub.jdbcUrl(), "imp-build");
        host = hub.client(Encoding.XML);
        host.login("imp-host", TestHosts.PASSWORD);
        host.call("exclusiveSession", true);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static void build(String name) throws Exception {
        RPMS.putAll(TestPackages.rpmbuild(tmp, name, TestPackages.archWithNoarchData(name, "")));
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    /** A task held OPEN by the test host. */
    private static int openTask() {
        int task = (Integer) admin.callKw("makeTask", List.of("build", List.of()), Map.of("channel", CHANNEL));
        assertThat(host.call("host.openTask", task)).isNotNull();
        return task;
    }

    private static String taskDir(int task) {
        return "tasks/" + (task % 10000) + "/" + task;
    }

    /** Uploads the named rpms into the task's directory; returns their paths relative to work/. */
    private static List<String> upload(int task, String sub, String... files) {
        List<String> out = new ArrayList<>();
        for (String f : files) {
            String dir = taskDir(task) + "/" + sub;
            new Uploader(host).upload(RPMS.get(f), dir, f);
            out.add(dir + "/" + f);
        }
        return out;
    }

    private static int initBuild(int task, String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_id", task);
        data.put("name", name);
        data.put("version", "1.0");
        data.put("release", "1");
        data.put("epoch", null);
        return (Integer) host.call("host.initBuild", data);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static int rpmRows(int build) {
        return TestHosts.db(hub.jdbcUrl(), d -> d.fetchCount(RPMINFO, RPMINFO.BUILD_ID.eq(build))
                + d.fetchCount(RPMSIGS, RPMSIGS.RPM_ID.in(d.select(RPMINFO.ID).from(RPMINFO)
                        .where(RPMINFO.BUILD_ID.eq(build)))));
    }

    /**
     * The signature header as Koji's rip_rpm_sighdr cuts it, read here without the hub's reader:
     * from the end of the 96-byte lead, 16 bytes of preamble, 16 per index entry and the data
     * store (sizes at offsets 8 and 12), padded to a multiple of 8.
     */
    private static byte[] sighdr(Path rpm) throws IOException {
        byte[] all = Files.readAllBytes(rpm);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(all);
        int size = 16 + 16 * b.getInt(96 + 8) + b.getInt(96 + 12);
        size += (8 - size % 8) % 8;
        return java.util.Arrays.copyOfRange(all, 96, 96 + size);
    }

    private static int newBuildRoot(int task) {
        return (Integer) host.callKw("host.newBuildRoot", List.of(repo, arch), Map.of("task_id", task));
    }

    /** What every failed import must leave: no rows, nothing in packages/, a build still BUILDING. */
    private static void assertNothingImported(int build, String name) throws IOException {
        assertThat(rpmRows(build)).isZero();
        assertThat(filesUnder(topdir.resolve("packages/" + name))).isEmpty();
        assertThat(topdir.resolve("packages/" + name + "/1.0/1")).doesNotExist();
        assertThat(map(admin.call("getBuild", build)).get("state")).isEqualTo(BuildState.BUILDING.code());
    }

    @Test
    void aBuildIsImportedWholeAndServed() throws Exception {
        int task = openTask();
        int build = initBuild(task, "imp-ok");
        Map<String, Object> info = map(admin.call("getBuild", build));
        assertThat(info).containsEntry("state", BuildState.BUILDING.code()).containsEntry("task_id", task)
                .containsEntry("owner_name", "kojiadmin").containsEntry("completion_time", null);

        String srpm = upload(task, "srpm", "imp-ok-1.0-1.src.rpm").get(0);
        List<String> rpms = upload(task, arch, "imp-ok-1.0-1." + arch + ".rpm", "imp-ok-data-1.0-1.noarch.rpm");
        String log = taskDir(task) + "/build.log";
        Path localLog = Files.writeString(tmp.resolve("build.log"), "built");
        new Uploader(host).upload(localLog, taskDir(task), "build.log");

        Map<String, Object> done = map(host.call("host.completeBuild", task, build, srpm, rpms, Map.of(),
                Map.of(arch, List.of(log))));
        assertThat(done).containsEntry("id", build).containsEntry("state", BuildState.COMPLETE.code())
                .containsEntry("nvr", "imp-ok-1.0-1");
        assertThat(done.get("completion_time")).isNotNull();

        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object o : (List<?>) admin.callKw("listRPMs", List.of(), Map.of("buildID", build))) {
            rows.add(map(o));
        }
        assertThat(rows).extracting(r -> r.get("arch")).containsExactlyInAnyOrder("src", arch, "noarch");
        Path packages = topdir.resolve("packages/imp-ok/1.0/1");
        for (Map<String, Object> row : rows) {
            String file = row.get("name") + "-1.0-1." + row.get("arch") + ".rpm";
            Path local = RPMS.get(file);
            Path stored = packages.resolve(row.get("arch") + "/" + file);
            assertThat(stored).exists().hasSameBinaryContentAs(local);
            String q = run("rpm", "-qp", "--qf", "%{SIGMD5} %{BUILDTIME}", local.toString());
            assertThat(row.get("payloadhash") + " " + row.get("buildtime")).isEqualTo(q);
            assertThat(((Number) row.get("size")).longValue()).isEqualTo(Files.size(local));
            assertThat(row.get("buildroot_id")).isNull();
            assertThat(map(admin.call("getRPM", row.get("id")))).containsEntry("build_id", build)
                    .containsEntry("payloadhash", row.get("payloadhash")).containsEntry("arch", row.get("arch"));
            assertThat(map(map(admin.call("getRPMChecksums", row.get("id"))).get("")))
                    .containsEntry("sha256", sha256(local));
            HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + hub.hub().port() + "/kojifiles/packages/imp-ok/1.0/1/" + row.get("arch")
                            + "/" + file)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(Files.readAllBytes(local));
        }
        assertThat(packages.resolve("data/logs/" + arch + "/build.log")).hasContent("built");
        // Moved, not copied: the task directory no longer holds them.
        assertThat(topdir.resolve("work/" + srpm)).doesNotExist();
        assertThat(topdir.resolve("work/" + log)).doesNotExist();

        // The N-V-R is taken now, and a complete build can be neither completed again nor failed.
        int again = openTask();
        assertThat(fault(() -> initBuild(again, "imp-ok")).getMessage())
                .startsWith("Build already exists (id=" + build + ", state=COMPLETE)");
        assertThat(fault(() -> host.call("host.completeBuild", task, build, srpm, rpms)).getMessage())
                .isEqualTo("Unable to complete build: state is COMPLETE");
        assertThat(fault(() -> host.call("host.failBuild", task, build)).getMessage())
                .isEqualTo("cannot update build " + build + ", state: COMPLETE");
        assertThat(rpmRows(build)).isEqualTo(6);
    }

    @Test
    void anRpmOfAnotherBuildUndoesTheWholeImport() throws Exception {
        int task = openTask();
        int build = initBuild(task, "imp-bad");
        String srpm = upload(task, "srpm", "imp-bad-1.0-1.src.rpm").get(0);
        List<String> rpms = upload(task, arch, "imp-bad-data-1.0-1.noarch.rpm", "imp-other-1.0-1." + arch + ".rpm");
        KojiFault f = fault(() -> host.call("host.completeBuild", task, build, srpm, rpms));
        assertThat(f.getMessage()).isEqualTo("srpm mismatch for " + rpms.get(1)
                + ": imp-other-1.0-1.src.rpm (expected imp-bad-1.0-1.src.rpm)");
        assertNothingImported(build, "imp-bad");
        // The srpm and the good rpm went back where the builder left them.
        assertThat(topdir.resolve("work/" + srpm)).hasSameBinaryContentAs(RPMS.get("imp-bad-1.0-1.src.rpm"));
        assertThat(topdir.resolve("work/" + rpms.get(0))).exists();

        // A srpm that is not the build's is refused on its N-V-R.
        String otherSrpm = upload(task, "other", "imp-other-1.0-1.src.rpm").get(0);
        assertThat(fault(() -> host.call("host.completeBuild", task, build, otherSrpm, List.of())).getMessage())
                .isEqualTo("Unable to complete build: name mismatch (build: imp-bad, rpm: imp-other)");
        assertThat(fault(() -> host.call("host.completeBuild", task, build, rpms.get(0), List.of())).getMessage())
                .isEqualTo("not a source package: " + rpms.get(0));
        assertNothingImported(build, "imp-bad");

        host.call("host.failBuild", task, build);
        assertThat(map(admin.call("getBuild", build)).get("state")).isEqualTo(BuildState.FAILED.code());
        assertThat(fault(() -> host.call("host.failBuild", task, build)).getMessage())
                .isEqualTo("cannot update build " + build + ", state: FAILED");
    }

    @Test
    void aMissingFileFailsTheImportAndMovesNothing() throws Exception {
        int task = openTask();
        int build = initBuild(task, "imp-miss");
        String srpm = upload(task, "srpm", "imp-miss-1.0-1.src.rpm").get(0);
        String missing = taskDir(task) + "/" + arch + "/imp-miss-1.0-1." + arch + ".rpm";
        assertThat(fault(() -> host.call("host.completeBuild", task, build, srpm, List.of(missing))).getMessage())
                .isEqualTo("No such file: " + missing);
        assertNothingImported(build, "imp-miss");
        assertThat(topdir.resolve("work/" + srpm)).exists();
        // A missing log too, after every rpm moved.
        List<String> rpms = upload(task, arch, "imp-miss-1.0-1." + arch + ".rpm");
        assertThat(fault(() -> host.call("host.completeBuild", task, build, srpm, rpms,
                null, Map.of(arch, List.of(taskDir(task) + "/nolog.log")))).getMessage())
                .isEqualTo("No such file: " + taskDir(task) + "/nolog.log");
        assertNothingImported(build, "imp-miss");
        assertThat(topdir.resolve("work/" + rpms.get(0))).exists();
    }

    @Test
    void pathsOutsideTheTaskTreeAreRefused() throws Exception {
        int task = openTask();
        int build = initBuild(task, "imp-out");
        String srpm = upload(task, "srpm", "imp-out-1.0-1.src.rpm").get(0);
        // Uploaded where any user may upload, and into another task's directory.
        new Uploader(admin).upload(RPMS.get("imp-out-1.0-1." + arch + ".rpm"), "cli-build/imp-out", "x.rpm");
        int unrelated = openTask();
        String theirs = upload(unrelated, arch, "imp-out-data-1.0-1.noarch.rpm").get(0);
        for (String bad : List.of("cli-build/imp-out/x.rpm", taskDir(task) + "/../../../cli-build/imp-out/x.rpm",
                "/" + srpm, theirs, taskDir(task) + "/.user", taskDir(task))) {
            assertThat(fault(() -> host.call("host.completeBuild", task, build, srpm, List.of(bad))).getMessage())
                    .as(bad).startsWith("Invalid import path");
        }
        assertNothingImported(build, "imp-out");
        // Nor may a host complete a build through a task it does not hold.
        admin.call("cancelTask", unrelated);
        assertThat(fault(() -> host.call("host.completeBuild", unrelated, build, srpm, List.of())).code())
                .isEqualTo(1004);
        // Nor through a task the build is not of.
        int other = openTask();
        assertThat(fault(() -> host.call("host.completeBuild", other, build, srpm, List.of())).getMessage())
                .isEqualTo("Unable to complete build: task_id mismatch (build: " + task + ", rpm: " + other + ")");
        assertThat(fault(() -> host.call("host.failBuild", other, build)).code()).isEqualTo(1004);
        assertNothingImported(build, "imp-out");
    }

    @Test
    void filesOfSubtasksAreImportedAndNoarchDuplicatesKeepTheFirst() throws Exception {
        int task = openTask();
        int child = (Integer) admin.callKw("makeTask", List.of("buildArch", List.of()),
                Map.of("channel", CHANNEL, "parent", task));
        assertThat(host.call("host.openTask", child)).isNotNull();
        int build = initBuild(task, "imp-sub");
        String srpm = upload(task, "srpm", "imp-sub-1.0-1.src.rpm").get(0);
        List<String> rpms = new ArrayList<>(upload(child, arch, "imp-sub-1.0-1." + arch + ".rpm",
                "imp-sub-data-1.0-1.noarch.rpm"));
        rpms.addAll(upload(child, "second", "imp-sub-data-1.0-1.noarch.rpm"));
        host.call("host.completeBuild", task, build, srpm, rpms);
        assertThat(rpmRows(build)).isEqualTo(6);
        assertThat(topdir.resolve("packages/imp-sub/1.0/1/noarch/imp-sub-data-1.0-1.noarch.rpm")).exists();
        assertThat(topdir.resolve("work/" + rpms.get(2))).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildrootsAndSignatureHeadersAreRecorded() throws Exception {
        int task = openTask();
        int child = (Integer) admin.callKw("makeTask", List.of("buildArch", List.of()),
                Map.of("channel", CHANNEL, "parent", task));
        assertThat(host.call("host.openTask", child)).isNotNull();
        int srpmRoot = newBuildRoot(task);
        int archRoot = newBuildRoot(child);
        int build = initBuild(task, "imp-br");
        String srpm = upload(task, "srpm", "imp-br-1.0-1.src.rpm").get(0);
        List<String> rpms = upload(child, arch, "imp-br-1.0-1." + arch + ".rpm", "imp-br-data-1.0-1.noarch.rpm");
        Map<String, Object> brmap = new LinkedHashMap<>();
        brmap.put(srpm, srpmRoot);
        brmap.put(rpms.get(0), archRoot);
        brmap.put(rpms.get(1), null);
        host.call("host.completeBuild", task, build, srpm, rpms, brmap);

        Map<String, Object> byArch = new LinkedHashMap<>();
        for (Object o : (List<?>) admin.callKw("listRPMs", List.of(), Map.of("buildID", build))) {
            byArch.put((String) map(o).get("arch"), map(o).get("buildroot_id"));
        }
        assertThat(byArch).containsEntry("src", srpmRoot).containsEntry(arch, archRoot).containsEntry("noarch", null);
        assertThat(map(admin.call("getRPM", "imp-br-1.0-1." + arch))).containsEntry("buildroot_id", archRoot);
        assertThat((List<?>) admin.callKw("listRPMs", List.of(), Map.of("buildrootID", archRoot))).hasSize(1);
        assertThat((List<?>) admin.callKw("listRPMs", List.of(), Map.of("hostID", hostId, "buildID", build)))
                .hasSize(2);

        Path packages = topdir.resolve("packages/imp-br/1.0/1");
        for (Object o : (List<?>) admin.callKw("listRPMs", List.of(), Map.of("buildID", build))) {
            Map<String, Object> row = map(o);
            String file = row.get("name") + "-1.0-1." + row.get("arch") + ".rpm";
            byte[] header = sighdr(RPMS.get(file));
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(header));
            assertThat((List<Object>) admin.call("queryRPMSigs", row.get("id"))).as(file)
                    .containsExactly((Object) Map.of("rpm_id", row.get("id"), "sigkey", "", "sighash", md5));
            // Koji's PathInfo.sighdr with the unsigned key '': data/sigcache//ARCH/N-V-R.A.rpm.sig.
            assertThat(packages.resolve("data/sigcache/" + row.get("arch") + "/" + file + ".sig"))
                    .hasBinaryContent(header);
        }
        assertThat((List<?>) admin.callKw("queryRPMSigs", List.of(), Map.of("sigkey", ""))).hasSizeGreaterThan(2);
    }

    @Test
    void aBuildrootThatIsNotTheTasksFailsTheImport() throws Exception {
        int task = openTask();
        int build = initBuild(task, "imp-brx");
        String srpm = upload(task, "srpm", "imp-brx-1.0-1.src.rpm").get(0);
        List<String> rpms = upload(task, arch, "imp-brx-1.0-1." + arch + ".rpm");
        assertThat(fault(() -> host.call("host.completeBuild", task, build, srpm, rpms, Map.of(srpm, 999_999)))
                .getMessage()).isEqualTo("no buildroot with ID: 999999");
        assertNothingImported(build, "imp-brx");
        int unrelated = openTask();
        int theirs = newBuildRoot(unrelated);
        assertThat(fault(() -> host.call("host.completeBuild", task, build, srpm, rpms, Map.of(rpms.get(0), theirs)))
                .getMessage()).isEqualTo("buildroot " + theirs + " is not of task " + task + " or its subtasks");
        assertNothingImported(build, "imp-brx");
        // A failure after the rows and cached signature headers were written takes them back too.
        int ours = newBuildRoot(task);
        assertThat(fault(() -> host.call("host.completeBuild", task, build, srpm, rpms, Map.of(srpm, ours),
                Map.of(arch, List.of(taskDir(task) + "/nolog.log")))).getMessage())
                .isEqualTo("No such file: " + taskDir(task) + "/nolog.log");
        assertNothingImported(build, "imp-brx");
        host.call("host.completeBuild", task, build, srpm, rpms, Map.of(srpm, ours));
        assertThat(rpmRows(build)).isEqualTo(4);
    }

    @Test
    void cancelBuildCancelsABuildingBuildAndItsTask() {
        int task = openTask();
        int build = initBuild(task, "imp-cancel");
        admin.callKw("createUser", List.of("not-the-owner"), Map.of("password", "pw1"));
        KojiClient other = hub.client(Encoding.XML);
        other.login("not-the-owner", "pw1");
        assertThat(fault(() -> other.call("cancelBuild", build)).getMessage()).isEqualTo("Cannot cancel build, not owner");
        assertThat(admin.call("cancelBuild", "imp-cancel-1.0-1")).isEqualTo(true);
        assertThat(((Map<?, ?>) admin.call("getBuild", build)).get("state")).isEqualTo(4);
        assertThat(((Map<?, ?>) admin.call("getTaskInfo", task)).get("state")).isEqualTo(3);
        assertThat(admin.call("cancelBuild", build)).isEqualTo(false);
        assertThat(admin.call("cancelBuild", "no-such-1-1")).isEqualTo(false);
        assertThat(fault(() -> admin.call("cancelBuild", "no-such-1-1", true)).getMessage()).contains("no-such-1-1");
    }

    @Test
    void initBuildChecksItsData() {
        int task = openTask();
        assertThat(fault(() -> host.call("host.initBuild", Map.of("task_id", task, "version", "1", "release", "1",
                "epoch", 0))).getMessage()).isEqualTo("No name or package id provided for build");
        assertThat(fault(() -> host.call("host.initBuild", Map.of("task_id", task, "name", "imp-x", "version", "1",
                "release", "1"))).getMessage()).isEqualTo("No epoch value for build");
        assertThat(fault(() -> admin.call("host.initBuild", Map.of("task_id", task, "name", "imp-x", "version", "1",
                "release", "1", "epoch", 0))).code()).isEqualTo(1002);
        // The other host calls refuse a user who is not a host just the same.
        assertThat(fault(() -> admin.call("host.completeBuild", task, 1, "x.src.rpm", List.of())).code())
                .isEqualTo(1002);
        assertThat(fault(() -> admin.call("host.failBuild", task, 1)).code()).isEqualTo(1002);
        int id = (Integer) host.call("host.initBuild", Map.of("task_id", task, "name", "imp-x", "version", "1",
                "release", "1", "epoch", 3, "source", "git://example/imp-x#abc"));
        assertThat(map(admin.call("getBuild", id))).containsEntry("epoch", 3)
                .containsEntry("source", "git://example/imp-x#abc").containsEntry("state", 0);
        // Asked again by the same task, the BUILDING build is the answer; by another, it is in progress.
        assertThat(host.call("host.initBuild", Map.of("task_id", task, "name", "imp-x", "version", "1",
                "release", "1", "epoch", 3))).isEqualTo(id);
        int other = openTask();
        assertThat(fault(() -> host.call("host.initBuild", Map.of("task_id", other, "name", "imp-x", "version", "1",
                "release", "1", "epoch", 3))).getMessage()).isEqualTo("Build already in progress (task " + task + ")");
    }
}
