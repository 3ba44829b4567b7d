package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.builder.Builder;
import org.kojinext.builder.buildroot.BuildrootFactory;
import org.kojinext.builder.scm.AllowedScms;
import org.kojinext.builder.tasks.BuildHandlers;
import org.kojinext.hub.storage.Volumes;
import org.kojinext.hub.testing.FillingVolume;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPackages;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * A full disk, simulated by a volume whose writes fail with ENOSPC for chosen paths: the build
 * ends FAILED with the disk's message, and no rpm row or file of it is left in packages/.
 */
class FullDiskTest {
    @TempDir
    static Path tmp;
    private static FillingVolume volume;
    private static TestHub hub;
    private static KojiClient admin;
    private static Builder builder;

    @BeforeAll
    static void start() {
        hub = TestHub.start(top -> new Volumes(volume = FillingVolume.on(top)));
        admin = hub.admin(Encoding.XML);
        admin.callKw("createTag", List.of("fd-build"), Map.of("arches", "x86_64"));
        admin.call("createTag", "fd-dest");
        admin.call("createBuildTarget", "fd", "fd-build", "fd-dest");
        for (String pkg : List.of("fd-upload", "fd-import")) {
            admin.call("packageListAdd", "fd-dest", pkg, "kojiadmin");
        }
        TestHosts.create(hub.jdbcUrl(), "fd-builder", "x86_64", 4.0, List.of("default", "createrepo"));
        BuildHandlers.Settings settings = new BuildHandlers.Settings(hub.dataDir().resolve("files"),
                hub.url().resolve("/kojifiles"), tmp.resolve("work"), AllowedScms.parse(":" + tmp + "/*"),
                BuildrootFactory.rpmbuild());
        builder = new Builder(hub.url(), "fd-builder", TestHosts.PASSWORD, Duration.ofSeconds(10), 10,
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
    void aDiskFullDuringTheUploadOfAnRpmFailsTheBuild() throws Exception {
        volume.fullFor(p -> p.startsWith("work/") && p.endsWith(".x86_64.rpm"));
        String message = failedBuild("fd-upload");
        assertThat(message).contains("No space left on device").contains("fd-upload-1.0-1.x86_64.rpm");
        assertNothingImported("fd-upload");
    }

    @Test
    void aDiskFullDuringTheImportFailsTheBuildAndPutsTheUploadsBack() throws Exception {
        // The uploads fit; the import's own writes under packages/ (cached signature headers) do not.
        volume.fullFor(p -> p.startsWith("packages/"));
        String message = failedBuild("fd-import");
        assertThat(message).contains("No space left on device");
        assertNothingImported("fd-import");
        // The builder's uploads are back in the task directories, as it left them.
        try (Stream<Path> work = Files.walk(hub.dataDir().resolve("files/work/tasks"))) {
            assertThat(work.map(p -> p.getFileName().toString()))
                    .contains("fd-import-1.0-1.x86_64.rpm", "fd-import-data-1.0-1.noarch.rpm");
        }
    }

    @SuppressWarnings("unchecked")
    private static String failedBuild(String name) throws Exception {
        String url = TestPackages.gitRepo(tmp, name, TestPackages.archWithNoarchData(name, ""));
        int task = (Integer) admin.call("build", url, "fd");
        await().atMost(Duration.ofMinutes(3)).until(() -> List.of(2, 3, 5).contains(
                ((Map<String, Object>) admin.call("getTaskInfo", task)).get("state")));
        assertThat(((Map<String, Object>) admin.call("getTaskInfo", task)).get("state")).isEqualTo(5);
        try {
            admin.call("getTaskResult", task);
        } catch (KojiFault f) {
            return f.getMessage();
        }
        throw new AssertionError("a failed task's result is its fault");
    }

    @SuppressWarnings("unchecked")
    private static void assertNothingImported(String name) {
        Map<String, Object> build = (Map<String, Object>) admin.call("getBuild", name + "-1.0-1");
        assertThat(build.get("state")).as("FAILED").isEqualTo(3);
        assertThat((List<Object>) admin.call("listRPMs", build.get("id"))).isEmpty();
        assertThat(hub.dataDir().resolve("files/packages/" + name)).doesNotExist();
    }
}
