package org.kojinext.hub.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.hub.HubMain;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * Two hub processes on one database serve one logged-in session alternately: sessions live in
 * PostgreSQL, not in a hub's memory.
 */
class TwoHubsOneDatabaseTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/kojihub)");

    @Test
    void aSessionOpenedOnOneHubIsServedByTheOtherAndBack(@TempDir Path dir) throws Exception {
        try (TestHub hubA = TestHub.start()) {
            Process hubB = startSecondHub(hubA.jdbcUrl(), dir);
            try {
                URI urlB = awaitUrl(hubB);
                KojiClient viaA = hubA.admin(Encoding.XML);
                KojiClient viaB = KojiClient.builder(urlB).encoding(Encoding.JSON).timeout(Duration.ofSeconds(30)).build();
                viaB.setSession(viaA.sessionId(), viaA.sessionKey());

                int callnum = 10;
                for (int i = 0; i < 6; i++) {
                    KojiClient hub = i % 2 == 0 ? viaB : viaA;
                    String name = "roamer-" + i;
                    hub.callWithCallnum(callnum++, "createUser", name);
                    KojiClient other = hub == viaA ? viaB : viaA;
                    Map<?, ?> seen = (Map<?, ?>) other.callWithCallnum(callnum++, "getUser", name);
                    assertThat(seen.get("name")).isEqualTo(name);
                    assertThat(((Map<?, ?>) other.callWithCallnum(callnum++, "getLoggedInUser")).get("name"))
                            .isEqualTo("kojiadmin");
                }
                // The callnum a write stored on hub B guards the session on hub A too.
                viaB.callWithCallnum(100, "grantPermission", "roamer-0", "tag");
                assertThatThrownBy(() -> viaA.callWithCallnum(100, "revokePermission", "roamer-0", "tag"))
                        .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1009));
                // A logout on A ends the session on B.
                viaA.callWithCallnum(101, "logout");
                assertThatThrownBy(() -> viaB.callWithCallnum(102, "getUserPerms"))
                        .isInstanceOfSatisfying(KojiFault.class, f -> assertThat(f.code()).isEqualTo(1002));
            } finally {
                hubB.destroy();
                hubB.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Hub A caches a tag's latest builds; a tagging through hub B reaches A through PostgreSQL's
     * notification, and A's next answer has the new build, with no call to A in between.
     */
    @Test
    void aCachedListingIsVoidedByAWriteThroughTheOtherHub(@TempDir Path dir) throws Exception {
        try (TestHub hubA = TestHub.start()) {
            Process hubB = startSecondHub(hubA.jdbcUrl(), dir);
            try {
                KojiClient viaA = hubA.admin(Encoding.XML);
                KojiClient viaB = KojiClient.builder(awaitUrl(hubB)).encoding(Encoding.XML)
                        .timeout(Duration.ofSeconds(30)).build();
                viaB.login("kojiadmin", TestHub.ADMIN_PASSWORD);
                viaA.call("createTag", "shared");
                viaA.call("packageListAdd", "shared", "pkg", "kojiadmin");
                int first = (Integer) viaA.call("createEmptyBuild", "pkg", "1", "1", null);
                int second = (Integer) viaA.call("createEmptyBuild", "pkg", "1", "2", null);
                viaA.call("tagBuildBypass", "shared", first);
                Map<String, Object> latest = Map.of("latest", true);
                assertThat(latestIds(viaA.callKw("listTagged", List.of("shared"), latest))).containsExactly(first);
                assertThat(latestIds(viaA.callKw("listTagged", List.of("shared"), latest))).containsExactly(first);

                viaB.call("tagBuildBypass", "shared", second);

                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(latestIds(viaA.callKw("listTagged", List.of("shared"), latest)))
                                .containsExactly(second));
            } finally {
                hubB.destroy();
                hubB.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Object> latestIds(Object listTagged) {
        return ((List<?>) listTagged).stream().<Object>map(b -> ((Map<?, ?>) b).get("build_id")).toList();
    }

    private static Process startSecondHub(String jdbcUrl, Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HubMain.class.getName(), "--port", "0", "--data-dir", dir.toString())
                .redirectErrorStream(true);
        pb.environment().put("KOJINEXT_DB_URL", jdbcUrl);
        pb.environment().put("KOJINEXT_DB_USER", "postgres");
        Files.createDirectories(dir);
        return pb.start();
    }

    private static URI awaitUrl(Process p) throws Exception {
        StringBuffer seen = new StringBuffer();
        CompletableFuture<URI> url = CompletableFuture.supplyAsync(() -> {
            // Not try-with-resources: the reader must stay open for the drain thread, and closing
            // it here would block on the lock that thread holds.
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    seen.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        Thread.ofVirtual().start(() -> drain(r));
                        return URI.create(m.group(1));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(seen.toString(), e);
            }
            throw new IllegalStateException("second hub exited:\n" + seen);
        });
        try {
            return url.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("second hub did not start within 120 s; its output:\n" + seen, e);
        }
    }

    private static void drain(BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // Keep the child's output pipe from filling up.
            }
        } catch (Exception ignored) {
            // The child exited.
        }
    }
}
