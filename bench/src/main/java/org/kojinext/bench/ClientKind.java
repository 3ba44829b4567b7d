package org.kojinext.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.UrlConnectionTransport;

/** Which HTTP client the benchmark drives the hub with. */
enum ClientKind {
    /** {@link SocketTransport}: one kept-alive socket per client, so the hub's cost dominates. */
    SOCKET,
    /** The JDK's {@code java.net.http} client, KojiClient's default. */
    JDK,
    /** The JDK's HttpURLConnection, as the project's own CLI and builder use it. */
    URLCONNECTION;

    String description() {
        return switch (this) {
            case SOCKET -> "socket (lean HTTP/1.1, one kept-alive connection per client, in this process)";
            case JDK -> "jdk (java.net.http, in this process)";
            case URLCONNECTION -> "urlconnection (HttpURLConnection, as the CLI and builder, in this process)";
        };
    }

    /** Sets the transport on a client builder; {@code shared} is used only by {@link #JDK}. */
    KojiClient.Builder apply(KojiClient.Builder b, HttpClient shared) {
        return switch (this) {
            case SOCKET -> b.transport(new SocketTransport());
            case JDK -> b.httpClient(shared);
            case URLCONNECTION -> b.transport(new UrlConnectionTransport(Duration.ofSeconds(30)));
        };
    }
}
