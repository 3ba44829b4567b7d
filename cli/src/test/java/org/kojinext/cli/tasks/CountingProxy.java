package org.kojinext.cli.tasks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A reverse proxy in front of a hub that records every request line it passes on, so a test can
 * count what a command asked of the hub. Requests whose line matches {@code refuse} get a 404
 * from the proxy itself, as a hub without that endpoint answers. Answers are relayed byte by
 * byte as they come, so event streams pass through live.
 */
final class CountingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final URI hub;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> refuse = line -> false;

    CountingProxy(URI hub) throws IOException {
        this.hub = hub;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    /** The hub's RPC URL through this proxy. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + hub.getRawPath());
    }

    void refuse(Predicate<String> requestLine) {
        refuse = requestLine;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    void reset() {
        requests.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(hub.getHost(), hub.getPort())) {
            InputStream in = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            OutputStream toHub = upstream.getOutputStream();
            Thread back = Thread.ofVirtual().start(() -> pipe(upstream, toClient));
            while (true) {
                String head = head(in);
                if (head == null) {
                    break;
                }
                String line = head.substring(0, head.indexOf("\r\n"));
                byte[] body = in.readNBytes(contentLength(head));
                if (refuse.test(line)) {
                    synchronized (toClient) {
                        toClient.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        toClient.flush();
                    }
                    continue;
                }
                requests.add(line);
                toHub.write(head.getBytes(StandardCharsets.ISO_8859_1));
                toHub.write(body);
                toHub.flush();
            }
            back.interrupt();
        } catch (IOException ignored) {
            // either side went away
        }
    }

    private static void pipe(Socket from, OutputStream to) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (to) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            }
        } catch (IOException ignored) {
            // the connection closed
        }
    }

    /** A request's head up to and with the blank line, or null at the end of the connection. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] so = b.toByteArray();
            int n = so.length;
            if (n >= 4 && so[n - 4] == '\r' && so[n - 3] == '\n' && so[n - 2] == '\r' && so[n - 1] == '\n') {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String h : head.split("\r\n")) {
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(h.substring(15).strip());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
