package org.kojinext.hub.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/** GET /kojihub/events?task=ID: the task tree's changes as server-sent events, from any hub. */
class TaskEventsStreamTest {
    @Test
    void aWatcherOnOneHubSeesTheTreeMadeAndRunThroughAnother() throws Exception {
        try (TestHub a = TestHub.start();
             TestHub b = TestHub.startOn(a.jdbcUrl(), Duration.ofMinutes(1440));
             TestBuilders builders = new TestBuilders()) {
            TestHosts.create(a.jdbcUrl(), "b-watch", "x86_64", 4.0, List.of("default"));
            KojiClient admin = a.admin(Encoding.XML);
            int parent = (Integer) admin.call("makeTask", "waittest", List.of(1, 0));
            List<String> lines = new CopyOnWriteArrayList<>();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<java.io.InputStream> resp = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + b.hub().port() + "/kojihub/events?task=" + parent)).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(resp.statusCode()).as(() -> {
                try {
                    return new String(resp.body().readAllBytes());
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).isEqualTo(200);
            assertThat(resp.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/event-stream"));
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (Exception ignored) {
                    // the stream ends with the test
                }
            });
            // The first event is the task as it is; the builder starts only now.
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream()
                    .anyMatch(l -> l.startsWith("data:") && l.contains("\"id\":" + parent + ",\"state\":0")));
            builders.start(a.url(), "b-watch");
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream()
                    .anyMatch(l -> l.contains("\"id\":" + parent + ",\"state\":2")));
            // The subtasks, made while the stream was open, were followed too: one failed on purpose.
            assertThat(lines).anyMatch(l -> l.contains("\"state\":5") && l.contains("\"parent\":" + parent));
            assertThat(lines).anyMatch(l -> l.contains("\"state\":2") && l.contains("\"parent\":" + parent));
            assertThat(lines).contains("event: task");
            reader.interrupt();
            resp.body().close();
        }
    }
}
