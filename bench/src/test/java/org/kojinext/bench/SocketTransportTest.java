package org.kojinext.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kojinext.protocol.HttpTransport;

/** The benchmark's lean client against the JDK's HTTP server: bodies of both kinds, and closes. */
class SocketTransportTest {
    private HttpServer server;
    private final AtomicInteger closingReplies = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("X-Echo-Header", ex.getRequestHeaders().getFirst("X-Test"));
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(201, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("first-".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/close", ex -> {
            closingReplies.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Connection", "close");
            ex.sendResponseHeaders(200, 2);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String text(HttpTransport.Reply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void readsFixedAndChunkedBodiesOverOneConnection() throws Exception {
        SocketTransport t = new SocketTransport();
        for (int i = 0; i < 3; i++) {
            HttpTransport.Reply r = t.post(url("/fixed"), "text/xml", Map.of("X-Test", "h" + i),
                    ("body-" + i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
            assertThat(r.status()).isEqualTo(200);
            assertThat(text(r)).isEqualTo("body-" + i);
            assertThat(r.headers().firstValue("x-echo-header")).contains("h" + i);
            HttpTransport.Reply c = t.post(url("/chunked"), "text/xml", Map.of(), new byte[0], Duration.ofSeconds(5));
            assertThat(c.status()).isEqualTo(201);
            assertThat(text(c)).isEqualTo("first-second");
        }
        t.close();
    }

    @Test
    void reconnectsAfterTheServerClosed() throws Exception {
        SocketTransport t = new SocketTransport();
        for (int i = 0; i < 3; i++) {
            assertThat(text(t.post(url("/close"), "text/xml", Map.of(), new byte[] {1}, Duration.ofSeconds(5))))
                    .isEqualTo("ok");
        }
        assertThat(closingReplies).hasValue(3);
        t.close();
    }
}
