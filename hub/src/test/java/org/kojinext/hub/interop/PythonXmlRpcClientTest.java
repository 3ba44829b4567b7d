package org.kojinext.hub.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.hub.testing.TestHub;

/**
 * An independent client: Python's standard xmlrpc.client, with only a transport that adds Koji's
 * session headers. The script asserts each behaviour itself; see python_xmlrpc_client.py.
 */
class PythonXmlRpcClientTest {

    @Test
    void pythonsStandardClientLogsInCallsMethodsRunsMulticallsAndSeesKojisFaults(@TempDir Path dir)
            throws Exception {
        Path script = dir.resolve("client.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/python_xmlrpc_client.py")) {
            Files.copy(in, script);
        }
        try (TestHub hub = TestHub.start()) {
            Process p = new ProcessBuilder("python3", script.toString(), hub.url().toString(), TestHub.ADMIN_PASSWORD)
                    .redirectErrorStream(true)
                    .start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(done).as("python client finished").isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("ok multicall results and faults", "ok callnum retry and sequence errors",
                    "ALL OK");
        }
    }
}
