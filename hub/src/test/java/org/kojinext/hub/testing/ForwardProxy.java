package org.kojinext.hub.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An ordinary forward HTTP/1.1 proxy, as small as a test can have one: it takes requests in
 * absolute form ({@code POST http://host:port/path HTTP/1.1}), forwards each on a connection of
 * its own with {@code Connection: close}, and relays the answer until the server closes. It
 * buffers nothing of the answer and knows nothing of Koji, as a site's proxy would not.
 */
public final class ForwardProxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();

    public ForwardProxy() throws IOException {
        server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("forward-proxy").start(this::accept);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** The request lines seen so far, as the client sent them. */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
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
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            requestLines.add(requestLine);
            String[] parts = requestLine.split(" ");
            URI target = URI.create(parts[1]);
            StringBuilder head = new StringBuilder(parts[0] + " " + target.getRawPath() + " " + parts[2] + "\r\n");
            int length = 0;
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("connection:") || lower.startsWith("proxy-connection:")) {
                    continue;
                }
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
                }
                head.append(h).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes(length);
            try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                OutputStream up = upstream.getOutputStream();
                up.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                up.write(body);
                up.flush();
                // The answer goes back as it comes, in the server's own framing, and the
                // client's connection ends with it.
                upstream.getInputStream().transferTo(out);
            }
        } catch (IOException e) {
            // Either side went away; a proxy just drops the connection.
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
