package org.kojinext.protocol;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;

/**
 * How {@link KojiClient} carries one POST. The default is the JDK's {@link java.net.http.HttpClient},
 * which knows proxies and TLS; a caller with narrower needs (a benchmark measuring the hub rather
 * than the client) can plug in something leaner.
 */
public interface HttpTransport {
    /**
     * Sends one request and waits for the whole reply.
     *
     * @throws IOException when no reply arrived; the client may then resend the same request
     */
    Reply post(URI url, String contentType, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException, InterruptedException;

    record Reply(int status, HttpHeaders headers, byte[] body) {
    }
}
