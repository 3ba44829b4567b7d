package org.kojinext.bench;

import java.net.http.HttpClient;
import org.kojinext.protocol.KojiClient;

/** Which HTTP client the benchmark drives the hub with. */
enum ClientKind {
    /** {@link SocketTransport}: one kept-alive socket per client, so the hub's cost dominates. */
    SOCKET,
    /** The JDK's {@code java.net.http} client, as the project's own CLI and builder use it. */
    JDK;

    String description() {
        return this == SOCKET ? "socket (lean HTTP/1.1, one kept-alive connection per client, in this process)"
                : "jdk (java.net.http, in this process)";
    }

    /** Sets the transport on a client builder; {@code shared} is used only by {@link #JDK}. */
    KojiClient.Builder apply(KojiClient.Builder b, HttpClient shared) {
        return this == SOCKET ? b.transport(new SocketTransport()) : b.httpClient(shared);
    }
}
