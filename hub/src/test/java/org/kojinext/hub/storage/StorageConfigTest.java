package org.kojinext.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.hub.config.HubConfigLoader;
import org.kojinext.protocol.KojiFault;

class StorageConfigTest {
    @TempDir
    Path tmp;

    @Test
    void topdirDefaultsToFilesInTheDataDirAndCanBeSetByFileOrEnvironment() throws Exception {
        assertThat(HubConfigLoader.load(null, tmp, Map.of()).storageTopdir()).isEqualTo(tmp.resolve("files"));
        Files.writeString(tmp.resolve("hub.conf"), "storage.topdir = /mnt/koji\n");
        assertThat(HubConfigLoader.load(null, tmp, Map.of()).storageTopdir()).isEqualTo(Path.of("/mnt/koji"));
        assertThat(HubConfigLoader.load(null, tmp, Map.of("KOJINEXT_STORAGE_TOPDIR", "elsewhere")).storageTopdir())
                .isEqualTo(tmp.resolve("elsewhere"));
    }

    @Test
    void theDefaultVolumeIsFoundByNameIdOrNone() {
        Volumes v = Volumes.onDisk(tmp.resolve("top"));
        assertThat(v.lookup(null).name()).isEqualTo("DEFAULT");
        assertThat(v.lookup(0)).isSameAs(v.defaultVolume());
        assertThat(v.lookup("DEFAULT")).isSameAs(v.defaultVolume());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> v.lookup("vol2"))
                .isInstanceOf(KojiFault.class).hasMessage("No such volume: vol2");
        assertThat(tmp.resolve("top")).isDirectory();
    }
}
