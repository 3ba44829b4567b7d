package org.kojinext.builder.buildroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.protocol.KojiFault;

/**
 * The expected texts under resources/buildroot were produced by Koji 1.35.3's own
 * koji.genMockConfig(name, arch, managed=True, repoid, tag_name, topurl, buildroot_id,
 * install_group, target_arch, ...) for the same inputs; ours adds legal_host_arches only.
 */
class MockProviderTest {
    @TempDir
    Path tmp;

    private static String resource(String name) throws Exception {
        try (InputStream in = MockProviderTest.class.getResourceAsStream("/buildroot/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String withoutLegalHostArches(String text) {
        return Arrays.stream(text.split("\n", -1)).filter(l -> !l.startsWith("config_opts['legal_host_arches']"))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void configMatchesKojiGenMockConfig() throws Exception {
        MockConfig cfg = MockConfig.forBuildTag("f40-build", 7, 42, "x86_64", "http://kojinext.example/kojifiles");
        assertThat(cfg.repoUrl()).isEqualTo("http://kojinext.example/kojifiles/repos/f40-build/7/x86_64");
        String text = cfg.text();
        assertThat(withoutLegalHostArches(text)).isEqualTo(resource("koji-genMockConfig-f40-build-42-7-x86_64.cfg"));
        assertThat(text).contains("config_opts['legal_host_arches'] = ('x86_64',)\n")
                .contains("config_opts['root'] = 'f40-build-42-7'\n")
                .contains("config_opts['chroot_setup_cmd'] = 'install @build'\n")
                .contains("baseurl=http://kojinext.example/kojifiles/repos/f40-build/7/x86_64\\n");
        // sorted like Koji's keys: between dnf_warning and root
        assertThat(text.indexOf("legal_host_arches")).isBetween(text.indexOf("'dnf_warning'"), text.indexOf("'root'"));
    }

    @Test
    void configQuotesLikePythonAndSeparatesBuildrootArchFromTarget() throws Exception {
        MockConfig cfg = new MockConfig("it's-7-3", "i386", "i686", "it's", 3, 7, "https://h/k", "srpm-build",
                "/var/lib/mock", MockConfig.hostArchesFor("i686"));
        String text = cfg.text();
        assertThat(withoutLegalHostArches(text)).isEqualTo(resource("koji-genMockConfig-quotes-i686.cfg"));
        assertThat(text).contains("config_opts['legal_host_arches'] = ('i386', 'i586', 'i686', 'x86_64')\n");
        assertThat(MockConfig.forBuildTag("t", 1, 2, "i686", "u").arch()).isEqualTo("i386");
    }

    @Test
    void pythonStringReprPicksQuotesAndEscapesAsPythonDoes() {
        assertThat(PyRepr.string("plain")).isEqualTo("'plain'");
        assertThat(PyRepr.string("it's")).isEqualTo("\"it's\"");
        assertThat(PyRepr.string("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(PyRepr.string("a\\b\n\t\u0001")).isEqualTo("'a\\\\b\\n\\t\\x01'");
        assertThat(PyRepr.of(java.util.List.of("x86_64"))).isEqualTo("('x86_64',)");
        assertThat(PyRepr.of(false)).isEqualTo("False");
    }

    @Test
    void runningWithoutMockFailsClearly() throws Exception {
        MockConfig cfg = MockConfig.forBuildTag("f40-build", 7, 42, "x86_64", "http://kojinext.example/kojifiles");
        // an empty search path stands in for a host without mock, wherever the test runs
        MockProvider mock = new MockProvider(cfg, tmp.resolve("empty-path").toString(), Duration.ofMinutes(1));
        mock.prepare(tmp.resolve("task"));
        assertThat(Files.readString(mock.configFile())).isEqualTo(cfg.text());
        assertThat(tmp.resolve("task/logs/mock_config.log")).hasContent(cfg.text());
        Path srpm = Files.writeString(tmp.resolve("x-1-1.src.rpm"), "");
        assertThatThrownBy(() -> mock.rebuild(srpm, "x86_64")).isInstanceOf(KojiFault.class)
                .hasMessageStartingWith("mock is not installed")
                .extracting(e -> ((KojiFault) e).faultName()).isEqualTo("BuildrootError");
        assertThatThrownBy(() -> mock.buildSrpm(tmp.resolve("x.spec"), tmp)).hasMessageStartingWith("mock is not installed");
        assertThat(MockProvider.available(tmp.resolve("empty-path").toString())).isFalse();
        mock.cleanup();
    }
}
