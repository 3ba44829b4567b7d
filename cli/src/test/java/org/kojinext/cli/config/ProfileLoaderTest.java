package org.kojinext.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {
    @TempDir
    Path root;

    private Path write(String rel, String text) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private ProfileLoader loader() {
        return new ProfileLoader(root.resolve("etc"), root.resolve("home"));
    }

    @Test
    void laterFilesWinKeyByKeyAsKojisReadConfig() throws IOException {
        write("etc/koji.conf.d/10-site.conf", "[koji]\nserver = https://site/kojihub\nweburl = https://site/koji\n");
        write("etc/koji.conf", "[koji]\nweburl = https://etc/koji\n");
        write("home/.koji/config.d/a.conf", "[koji]\ntopurl: https://files\n");
        write("home/.koji/config", "[koji]\nuser = alice\n");
        Profile p = loader().load(null, null);
        assertThat(p.name()).isEqualTo("koji");
        assertThat(p.server()).isEqualTo("https://site/kojihub");
        assertThat(p.weburl()).isEqualTo("https://etc/koji");
        assertThat(p.topurl()).isEqualTo("https://files");
        assertThat(p.user()).isEqualTo("alice");
        assertThat(p.maxRetries()).isEqualTo(30);
    }

    @Test
    void ownConfigComesLastAndItsProfileIsTheDefault() throws IOException {
        write("home/.koji/config", "[koji]\nserver = https://koji/kojihub\n[stg]\nserver = https://stg/kojihub\n");
        assertThat(loader().load(null, null).server()).isEqualTo("https://koji/kojihub");
        write("home/.config/kojinext/config", "[kojinext]\nserver = https://next/kojihub\n");
        assertThat(loader().load(null, null).server()).isEqualTo("https://next/kojihub");
        assertThat(loader().load("stg", null).server()).isEqualTo("https://stg/kojihub");
    }

    @Test
    void anUnknownNamedProfileIsKojisError() {
        assertThatThrownBy(() -> loader().load("nope", null)).isInstanceOf(ConfigException.class)
                .hasMessage("no configuration for profile name: nope");
    }

    @Test
    void noConfigurationMeansALocalHub() {
        Profile p = loader().load(null, null);
        assertThat(p.server()).isEqualTo("http://localhost:8080/kojihub");
        assertThat(p.topurl()).isEqualTo("http://localhost:8080/kojifiles");
        assertThat(p.weburl()).isEqualTo("http://localhost:8080/koji");
    }

    @Test
    void unsetUrlsSitBesideTheServersAndSetOnesWin() throws IOException {
        write("home/.koji/config", "[koji]\nserver = https://hub.example/kojihub/\n[other]\nserver = https://x/rpc\n"
                + "[set]\nserver = https://x/kojihub\ntopurl = https://files.example/kojifiles\n");
        assertThat(loader().load(null, null).topurl()).isEqualTo("https://hub.example/kojifiles");
        assertThat(loader().load("other", null).topurl()).isNull();
        assertThat(loader().load("set", null).topurl()).isEqualTo("https://files.example/kojifiles");
        assertThat(loader().load("set", null).weburl()).isEqualTo("https://x/koji");
    }

    @Test
    void configOptionReplacesTheUserFilesAndMustExist() throws IOException {
        write("home/.koji/config", "[koji]\nserver = https://home/kojihub\n");
        Path other = write("other.conf", "[koji]\nserver = https://other/kojihub\n");
        assertThat(loader().load(null, other).server()).isEqualTo("https://other/kojihub");
        assertThatThrownBy(() -> loader().load(null, root.resolve("missing.conf")))
                .hasMessageContaining("doesn't exist");
    }

    @Test
    void configparserSyntax() throws IOException {
        write("home/.koji/config", "# comment\n; another\n[DEFAULT]\nbase = https://x\n[koji]\n"
                + "Server = %(base)s/kojihub\ntopurl=%(base)s/files\n  continued\nmax_retries = 2\nanon_retry = yes\n");
        Profile p = loader().load(null, null);
        assertThat(p.server()).isEqualTo("https://x/kojihub");
        assertThat(p.topurl()).isEqualTo("https://x/files\ncontinued");
        assertThat(p.maxRetries()).isEqualTo(2);
        assertThat(p.anonRetry()).isTrue();
        write("home/.koji/config", "[koji]\nmax_retries = many\n");
        assertThatThrownBy(() -> loader().load(null, null).maxRetries())
                .hasMessage("value for max_retries config option must be a valid integer");
    }
}
