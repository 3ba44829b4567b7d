package org.kojinext.protocol;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** {@link HttpTransport} over the JDK's HTTP client, HTTP/1.1 like Koji's own. */
public final class JdkHttpTransport implements HttpTransport {
    private final HttpClient http;

    public JdkHttpTransport(HttpClient http) {
        this.http = Objects.requireNonNull(http);
    }

    static JdkHttpTransport withConnectTimeout(Duration timeout) {
        return new JdkHttpTransport(HttpClient.newBuilder().connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build());
    }

    @Override
    public Reply post(URI url, String contentType, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(req::header);
        HttpResponse<byte[]> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(resp.statusCode(), resp.headers(), resp.body());
    }
}
