package org.kojinext.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP to the hub, bypassing our codecs, so tests can send exactly the bytes they mean. */
public final class RawHttp {
    private final URI url;
    private final HttpClient http;

    /** Each instance has its own client and connection pool, so tests do not share connections. */
    public RawHttp(URI url) {
        this.url = url;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public HttpResponse<String> post(String contentType, String body, String... headers) {
        return post(contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> post(String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> get() {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One POST on a connection of its own, closed after the answer; returns the HTTP status.
     * Written on a bare socket so that no client connection pool is involved: the JDK
     * HttpClient's pool can lose a reply under heavy concurrency, which is not the hub's doing.
     */
    public int postOnNewConnection(String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket s = new java.net.Socket(url.getHost(), url.getPort())) {
            s.setSoTimeout(30_000);
            String head = "POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            if (status == null || !status.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP status line, got: " + status);
            }
            return Integer.parseInt(status.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-method XML-RPC call whose params are given as raw {@code <param>} XML. */
    public static String xmlCall(String method, String... rawParams) {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<methodCall><methodName>")
                .append(method).append("</methodName><params>");
        for (String p : rawParams) {
            sb.append("<param><value>").append(p).append("</value></param>");
        }
        return sb.append("</params></methodCall>").toString();
    }
}
