package org.kojinext.hub.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPackages;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.Uploader;

/** importRPM: uploaded rpms join the build their srpm names; the srpm makes that build. */
class ImportRpmTest {
    static TestHub hub;
    static KojiClient admin;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void anSrpmMakesItsBuildAndRpmsJoinIt(@TempDir Path tmp) throws Exception {
        Map<String, Path> rpms = TestPackages.rpmbuild(tmp, "ir-one", TestPackages.noarch("ir-one"));
        Path srpm = rpms.get("ir-one-1.0-1.src.rpm");
        Path noarch = rpms.get("ir-one-1.0-1.noarch.rpm");
        // the binary rpm first: its build does not exist yet
        new Uploader(admin).upload(noarch, "cli-import/a", noarch.getFileName().toString());
        assertThatThrownBy(() -> admin.call("importRPM", "cli-import/a", "ir-one-1.0-1.noarch.rpm"))
                .isInstanceOf(KojiFault.class).hasMessage("No such build");
        new Uploader(admin).upload(srpm, "cli-import/b", srpm.getFileName().toString());
        Map<?, ?> src = (Map<?, ?>) admin.call("importRPM", "cli-import/b", "ir-one-1.0-1.src.rpm");
        assertThat(src.get("arch")).isEqualTo("src");
        Map<?, ?> build = (Map<?, ?>) admin.call("getBuild", "ir-one-1.0-1");
        assertThat(build.get("state")).isEqualTo(1);
        assertThat(build.get("owner_name")).isEqualTo("kojiadmin");
        Map<?, ?> bin = (Map<?, ?>) admin.call("importRPM", "cli-import/a", "ir-one-1.0-1.noarch.rpm");
        assertThat(bin.get("build_id")).isEqualTo(build.get("id"));
        assertThat(bin.get("size")).isEqualTo((int) Files.size(noarch));
        Path stored = hub.dataDir().resolve("files/packages/ir-one/1.0/1/noarch/ir-one-1.0-1.noarch.rpm");
        assertThat(Files.readAllBytes(stored)).isEqualTo(Files.readAllBytes(noarch));
        assertThat((List<?>) admin.call("queryRPMSigs", bin.get("id"))).hasSize(1);
        // the file has moved: importing it again finds nothing
        assertThatThrownBy(() -> admin.call("importRPM", "cli-import/a", "ir-one-1.0-1.noarch.rpm"))
                .isInstanceOf(KojiFault.class).hasMessageContaining("No such file");
    }

    @Test
    void aMisnamedFileOrAPathOutsideWorkIsRefused(@TempDir Path tmp) throws Exception {
        Map<String, Path> rpms = TestPackages.rpmbuild(tmp, "ir-two", TestPackages.noarch("ir-two"));
        new Uploader(admin).upload(rpms.get("ir-two-1.0-1.src.rpm"), "cli-import/c", "renamed.src.rpm");
        assertThatThrownBy(() -> admin.call("importRPM", "cli-import/c", "renamed.src.rpm"))
                .isInstanceOf(KojiFault.class).hasMessage("bad filename: renamed.src.rpm (expected ir-two-1.0-1.src.rpm)");
        assertThat(admin.call("getBuild", "ir-two-1.0-1")).isNull();
        assertThatThrownBy(() -> admin.call("importRPM", "../files", "x.rpm")).isInstanceOf(KojiFault.class)
                .hasMessageContaining("Invalid upload path");
        KojiClient anon = hub.client(Encoding.XML);
        assertThatThrownBy(() -> anon.call("importRPM", "cli-import/c", "renamed.src.rpm")).isInstanceOf(KojiFault.class);
    }

    @Test
    void onlyAnAdminImports() {
        admin.callKw("createUser", List.of("ir-packager"), Map.of("password", "pw"));
        KojiClient packager = hub.client(Encoding.XML);
        packager.login("ir-packager", "pw");
        assertThatThrownBy(() -> packager.call("importRPM", "cli-import/a", "x.src.rpm"))
                .isInstanceOf(KojiFault.class).hasMessageContaining("admin");
        assertThatThrownBy(() -> hub.client(Encoding.XML).call("importRPM", "cli-import/a", "x.src.rpm"))
                .isInstanceOf(KojiFault.class);
    }

}
