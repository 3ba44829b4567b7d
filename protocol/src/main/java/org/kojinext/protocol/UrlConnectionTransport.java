package org.kojinext.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP through the JDK's HttpURLConnection, for the command line and the builder. It keeps
 * connections alive between calls and knows proxies and TLS, and it costs far less per call than
 * the java.net.http client: that one spends as much CPU per request as the hub does to answer it
 * (see the README's API benchmark), which on a builder competes with its builds and in the
 * command line doubles a short run's time, since it sets up TLS even for an http:// hub.
 */
public final class UrlConnectionTransport implements HttpTransport {
    /**
     * Bodies up to this size are buffered and leave with the headers in one write. Streamed, they
     * would leave in a second one that Nagle's algorithm holds until the hub acknowledges the
     * first, which a small call pays as a millisecond of idle waiting (744 instead of 12845
     * getUser calls/s in `bench api --client urlconnection`). Upload chunks are streamed: a copy
     * of megabytes costs more than that wait.
     */
    private static final int STREAM_ABOVE = 64 * 1024;

    private final Duration connectTimeout;
    private final Proxy proxy;

    /** Direct connections, or the JVM's default proxy settings (http.proxyHost...). */
    public UrlConnectionTransport(Duration connectTimeout) {
        this(connectTimeout, null);
    }

    /** Every request through the given proxy; null for the JVM's default. */
    public UrlConnectionTransport(Duration connectTimeout, Proxy proxy) {
        this.connectTimeout = connectTimeout;
        this.proxy = proxy;
    }

    @Override
    public Reply post(URI url, String contentType, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) (proxy == null ? url.toURL().openConnection()
                : url.toURL().openConnection(proxy));
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(millis(connectTimeout));
        c.setReadTimeout(millis(timeout));
        if (body.length > STREAM_ABOVE) {
            c.setFixedLengthStreamingMode(body.length);
        }
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
