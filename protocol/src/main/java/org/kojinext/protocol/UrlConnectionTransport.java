package org.kojinext.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.protocol.HttpTransport;

/**
 * The command line's HTTP: the JDK's HttpURLConnection. A run makes a handful of calls in a row,
 * so the java.net.http client's strengths do not matter, while its start does: it sets up TLS
 * (the trust store and every cipher suite) even for an http:// hub, a quarter of a short run's
 * time. HttpURLConnection touches TLS only for https, and keeps the connection alive between calls.
 */
final class UrlConnectionTransport implements HttpTransport {
    private final Duration connectTimeout;

    UrlConnectionTransport(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Reply post(URI url, String contentType, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(millis(connectTimeout));
        c.setReadTimeout(millis(timeout));
        c.setFixedLengthStreamingMode(body.length);
        c.setRequestProperty("Content-Type", contentType);
        headers.forEach(c::setRequestProperty);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        byte[] reply;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            reply = in == null ? new byte[0] : readAll(in);
        }
        Map<String, List<String>> fields = new HashMap<>();
        c.getHeaderFields().forEach((name, values) -> {
            // the status line comes as the entry without a name
            if (name != null) {
                fields.put(name, values);
            }
        });
        return new Reply(status, HttpHeaders.of(fields, (n, v) -> true), reply);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toByteArray();
    }

    /** HttpURLConnection's timeouts: milliseconds, 0 for none. */
    private static int millis(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
