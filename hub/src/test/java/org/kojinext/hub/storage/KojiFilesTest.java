package org.kojinext.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.Uploader;

/** GET and HEAD /kojifiles: the default volume, read-only, never anything outside it. */
class KojiFilesTest {
    private static TestHub hub;
    private static HttpClient http;
    private static byte[] content;

    @BeforeAll
    static void start() throws IOException {
        hub = TestHub.start();
        http = HttpClient.newHttpClient();
        content = new byte[150_000];
        new Random(7).nextBytes(content);
        Path local = Files.createTempFile("kojifiles", ".bin");
        Files.write(local, content);
        KojiClient admin = hub.admin(Encoding.XML);
        new Uploader(admin).chunkSize(40_000).upload(local, "cli-build/served", "pkg.src.rpm");
        Files.delete(local);
        // Something the hub holds outside its top directory, which must never be served.
        Files.writeString(hub.dataDir().resolve("secret.txt"), "top secret");
        Files.createSymbolicLink(hub.dataDir().resolve("files/work/outlink"), hub.dataDir());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub().port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request line sent exactly as written, with no client normalizing the path. */
    private static String rawGet(String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", hub.hub().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Test
    void anUploadedFileIsServedBackIdentical() throws Exception {
        HttpResponse<byte[]> r = get("/kojifiles/work/cli-build/served/pkg.src.rpm");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.hub().port()
                        + "/kojifiles/work/cli-build/served/pkg.src.rpm"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
    }

    @Test
    void aByteRangeIsServed() throws Exception {
        HttpResponse<byte[]> r = get("/kojifiles/work/cli-build/served/pkg.src.rpm", "Range", "bytes=100-199");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 200));
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + content.length);
        HttpResponse<byte[]> tail = get("/kojifiles/work/cli-build/served/pkg.src.rpm", "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(content, content.length - 10, content.length));
        assertThat(get("/kojifiles/work/cli-build/served/pkg.src.rpm", "Range", "bytes=999999-").statusCode())
                .isEqualTo(416);
    }

    @Test
    void missingFilesAndDirectoriesAreNotFound() throws Exception {
        assertThat(get("/kojifiles/work/cli-build/served/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/kojifiles/work/cli-build/served").statusCode()).isEqualTo(404);
        assertThat(get("/kojifiles/work/cli-build/served/").statusCode()).isEqualTo(404);
    }

    @Test
    void nothingOutsideTheTopDirectoryIsServed() throws Exception {
        for (String path : new String[] {"/kojifiles/../secret.txt", "/kojifiles/%2e%2e/secret.txt",
                "/kojifiles/work/%2E%2E/%2e%2e/secret.txt", "/kojifiles/work/..%2f..%2fsecret.txt",
                "/kojifiles/%2fetc%2fpasswd", "/kojifiles//etc/passwd", "/kojifiles/work/outlink/secret.txt",
                "/kojifiles/work/outlink/hub.conf", "/kojifiles/a%00b"}) {
            String reply = rawGet(path);
            assertThat(reply).as(path).doesNotContain("top secret").doesNotContain("root:x:0");
            assertThat(reply.substring(9, 12)).as(path).isIn("400", "404");
        }
    }
}
