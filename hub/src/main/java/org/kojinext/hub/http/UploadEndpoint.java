package org.kojinext.hub.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kojinext.hub.rpc.Dispatcher;
import org.kojinext.hub.rpc.RequestMeta;
import org.kojinext.hub.rpc.RequestRunner;
import org.kojinext.hub.storage.Uploads;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's rawUpload: a POST to {@code /kojihub} of type application/octet-stream whose body is one
 * chunk and whose query string says where it goes. It runs under the request's session like any
 * call, and is answered with an XML-RPC methodResponse.
 */
final class UploadEndpoint {
    static final String METHOD = "rawUpload";

    private final RequestRunner runner;
    private final Uploads uploads;
    private final XmlRpcEndpoint xml;

    UploadEndpoint(RequestRunner runner, Uploads uploads, XmlRpcEndpoint xml) {
        this.runner = runner;
        this.uploads = uploads;
        this.xml = xml;
    }

    /**
     * Handles a chunk whose body, of the given length, is still to be read from the stream. The
     * session and path are checked in the request's transaction; the body is written after it,
     * so a slow sender holds no database connection. Whatever a refusal left unread is read and
     * dropped before the answer goes out: a server that answers and closes while the client is
     * still sending makes the client's TCP stack drop the answer.
     */
    void handle(Context ctx, RequestMeta meta, InputStream body, long length) {
        Object result;
        try {
            Map<String, String> query = query(ctx.req().getQueryString());
            result = runner.runAs(meta, METHOD, c -> uploads.raw(c, query)).write(body, length);
        } catch (RuntimeException e) {
            refuse(ctx, body, Dispatcher.asFault(e));
            return;
        }
        xml.run(ctx, () -> result);
    }

    /** Answers with the fault once the rest of the body has been read. */
    void refuse(Context ctx, InputStream body, KojiFault fault) {
        try {
            byte[] skip = new byte[8192];
            while (body.read(skip) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // The client is gone or sent less than it said; it may still read the answer.
            ctx.header("Connection", "close");
        }
        xml.fault(ctx, fault);
    }

    /** The query as Koji's parse_qs(strict_parsing=True) reads it; the first of repeated keys wins. */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw KojiFault.generic("Invalid upload query: bad field: " + pair);
                }
                try {
                    out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw KojiFault.generic("Invalid upload query: " + e.getMessage());
                }
            }
        }
        if (out.get("filename") == null) {
            throw KojiFault.generic("Invalid upload query: filename is missing");
        }
        return out;
    }
}
