package org.kojinext.builder.buildroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.protocol.KojiFault;

/** The builder's choice of buildroot, and what a build task hands a mock buildroot. */
class BuildrootFactoryTest {
    @Test
    void aMockBuildrootIsConfiguredFromTheTasksBuildTagRepoAndRecord(@TempDir Path tmp) throws Exception {
        BuildrootProvider p = BuildrootFactory.mock().create(new BuildrootFactory.Spec("demo-build", 7, 42, "x86_64",
                "http://hub:8080/kojifiles"));
        assertThat(p.name()).isEqualTo("mock");
        p.prepare(tmp);
        Path config = ((MockProvider) p).configFile();
        assertThat(config.getFileName().toString()).isEqualTo("demo-build-42-7.cfg");
        assertThat(Files.readString(config)).contains("http://hub:8080/kojifiles/repos/demo-build/7/x86_64");
    }

    @Test
    void mockNeedsARepoAndUnknownNamesAreRefused() {
        assertThatThrownBy(() -> BuildrootFactory.mock().create(new BuildrootFactory.Spec("t", null, null, "x86_64",
                "http://hub/kojifiles"))).isInstanceOf(KojiFault.class).hasMessageContaining("needs a repo");
        assertThat(BuildrootFactory.named("rpmbuild").create(null).name()).isEqualTo("rpmbuild");
        assertThat(BuildrootFactory.named("auto").create(new BuildrootFactory.Spec("t", 1, 1, "x86_64", "u")).name())
                .isEqualTo(MockProvider.available(org.kojinext.builder.Commands.SAFE_PATH) ? "mock" : "rpmbuild");
        assertThatThrownBy(() -> BuildrootFactory.named("chroot")).isInstanceOf(IllegalArgumentException.class);
    }
}
