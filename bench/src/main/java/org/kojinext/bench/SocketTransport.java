package org.kojinext.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kojinext.protocol.HttpTransport;

/**
 * A minimal HTTP/1.1 client for the benchmark: one kept-alive plain socket, one request at a time.
 * On two cores the client shares the machine with the hub, and the JDK's HTTP client spends as
 * much CPU per request as an empty Jetty handler does, so it would measure itself as much as the
 * hub. This one does what an HTTP client must (status line, headers, Content-Length or chunked
 * bodies, reconnecting after Connection: close) and nothing else: no TLS, no proxies, no
 * redirects. Not thread-safe; one per client thread.
 */
final class SocketTransport implements HttpTransport {
    private static final int MAX_HEAD = 64 * 1024;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    @Override
    public Reply post(URI url, String contentType, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        boolean fresh = socket == null;
        try {
            if (fresh) {
                connect(url, timeout);
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            writeRequest(url, contentType, headers, body);
            return readReply();
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            // A kept-alive connection the server has since closed: one fresh attempt, as browsers do.
            connect(url, timeout);
            writeRequest(url, contentType, headers, body);
            return readReply();
        }
    }

    private void connect(URI url, Duration timeout) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        int port = url.getPort() < 0 ? 80 : url.getPort();
        s.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
    }

    private void writeRequest(URI url, String contentType, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder(256);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        head.append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(url.getHost());
        if (url.getPort() >= 0) {
            head.append(':').append(url.getPort());
        }
        head.append("\r\nContent-Type: ").append(contentType)
                .append("\r\nContent-Length: ").append(body.length).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private Reply readReply() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP reply: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int headBytes = 0;
        for (String h = line(); !h.isEmpty(); h = line()) {
            headBytes += h.length();
            if (headBytes > MAX_HEAD) {
                throw new IOException("reply headers too long");
            }
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>(1))
                        .add(h.substring(colon + 1).trim());
            }
        }
        byte[] body;
        String length = first(headers, "Content-Length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(first(headers, "Transfer-Encoding"))) {
            body = chunked();
        } else {
            // Neither: the body runs to the end of the connection.
            body = in.readAllBytes();
            close();
        }
        if ("close".equalsIgnoreCase(first(headers, "Connection"))) {
            close();
        }
        return new Reply(code, HttpHeaders.of(headers, (k, v) -> true), body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers, ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(n);
            if (chunk.length < n) {
                throw new EOFException("connection closed inside a chunk");
            }
            body.write(chunk);
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            if (sb.length() > MAX_HEAD) {
                throw new IOException("reply line too long");
            }
            sb.append((char) c);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket we are abandoning anyway
            }
            socket = null;
        }
    }
}
