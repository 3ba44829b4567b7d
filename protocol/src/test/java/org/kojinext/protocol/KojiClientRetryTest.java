package org.kojinext.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A connection that closes without an answer is retried, with the same session headers. */
class KojiClientRetryTest {
    /** Hangs up on the first {@code dropped} connections, then answers every request with 1. */
    private static final class FlakyServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final List<String> callnums = new ArrayList<>();
        final Thread thread;

        FlakyServer(int dropped) throws Exception {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        int length = 0;
                        String line;
                        while ((line = in.readLine()) != null && !line.isEmpty()) {
                            String lower = line.toLowerCase();
                            if (lower.startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                            if (lower.startsWith("koji-session-callnum:")) {
                                synchronized (callnums) {
                                    callnums.add(line.substring(21).trim());
                                }
                            }
                        }
                        in.skip(length);
                        if (connections.incrementAndGet() <= dropped) {
                            continue; // closes without a word
                        }
                        byte[] body = ("<?xml version='1.0'?><methodResponse><params><param><value><int>1</int>"
                                + "</value></param></params></methodResponse>").getBytes(StandardCharsets.UTF_8);
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\nContent-Length: "
                                + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body);
                        out.flush();
                    } catch (Exception e) {
                        // closed or broken: the next accept decides
                    }
                }
            });
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/kojihub");
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void aDroppedConnectionIsRetriedWithTheSameCallnum() throws Exception {
        try (FlakyServer server = new FlakyServer(2)) {
            KojiClient c = KojiClient.builder(server.url()).build();
            c.setSession(7, "7-key");
            assertThat(c.call("getAPIVersion")).isEqualTo(1);
            assertThat(server.connections.get()).isEqualTo(3);
            assertThat(server.callnums).containsExactly("0", "0", "0");
            assertThat(c.call("getAPIVersion")).isEqualTo(1);
            assertThat(server.callnums).endsWith("1");
        }
    }

    @Test
    void retriesAreBoundedAndCanBeTurnedOff() throws Exception {
        try (FlakyServer server = new FlakyServer(100)) {
            assertThatThrownBy(() -> KojiClient.builder(server.url()).build().call("hello"))
                    .isInstanceOf(KojiTransportException.class).hasMessageContaining("cannot reach");
            assertThat(server.connections.get()).isEqualTo(3);
            assertThatThrownBy(() -> KojiClient.builder(server.url()).retries(0).build().call("hello"))
                    .isInstanceOf(KojiTransportException.class);
            assertThat(server.connections.get()).isEqualTo(4);
        }
    }
}
