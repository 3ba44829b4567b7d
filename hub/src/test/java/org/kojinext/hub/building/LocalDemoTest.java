package org.kojinext.hub.building;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kojinext.builder.Builder;
import org.kojinext.hub.demo.LocalDemo;
import org.kojinext.hub.scheduler.LocalBuilder;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * What ./kojinext up does after starting: the local builder (host, password, channels), the
 * demo tag and target, the bundled package built from a git commit in the data directory and
 * published; a second run finds it built and only says where to look.
 */
class LocalDemoTest {
    @Test
    @SuppressWarnings("unchecked")
    void theDemoBuildsTheBundledPackageAndASecondRunOnlyPointsAtIt() {
        try (TestHub hub = TestHub.start()) {
            URI url = hub.url();
            String password = LocalBuilder.ensureHost(hub.hub().database(), hub.dataDir(), "demo-builder");
            Builder builder = LocalBuilder.start(url, "demo-builder", password,
                    LocalBuilder.settings(url, hub.dataDir().resolve("files"), hub.dataDir()));
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                LocalDemo demo = new LocalDemo(url, TestHub.ADMIN_PASSWORD, hub.dataDir(), hub.hub().database(),
                        hub.hub().dispatch(), new PrintStream(out, true, StandardCharsets.UTF_8));
                assertThat(demo.run(LocalBuilder.machineArch())).as(out.toString(StandardCharsets.UTF_8)).isTrue();
                String first = out.toString(StandardCharsets.UTF_8);
                assertThat(first).contains("demo: building git+file://" + hub.dataDir().toAbsolutePath()
                        + "/demo/kojinext-hello#")
                        .contains("buildArch (" + LocalBuilder.machineArch() + "): open").contains("build (noarch): closed")
                        .contains("kojinext-hello-1.0-1 is built")
                        .contains("/kojifiles/packages/kojinext-hello/1.0/1/noarch/kojinext-hello-doc-1.0-1.noarch.rpm")
                        .contains("/kojifiles/repos/demo-build/");

                KojiClient admin = hub.admin(Encoding.XML);
                Map<String, Object> build = (Map<String, Object>) admin.call("getBuild", "kojinext-hello-1.0-1");
                assertThat(build.get("state")).isEqualTo(1);
                List<Map<String, Object>> tagged = (List<Map<String, Object>>) admin.call("listTagged", "demo");
                assertThat(tagged).extracting(b -> b.get("nvr")).containsExactly("kojinext-hello-1.0-1");

                out.reset();
                assertThat(demo.run(LocalBuilder.machineArch())).isTrue();
                String second = out.toString(StandardCharsets.UTF_8);
                assertThat(second).doesNotContain("demo: building").contains("kojinext-hello-1.0-1 is built");
                assertThat((List<Object>) admin.call("listBuilds")).hasSize(1);
            } finally {
                builder.kill();
            }
        }
    }
}
