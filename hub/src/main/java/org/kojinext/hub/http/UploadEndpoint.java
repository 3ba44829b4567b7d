package org.kojinext.hub.http;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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

    void handle(Context ctx, RequestMeta meta, byte[] body) {
        Map<String, String> query;
        try {
            query = query(ctx.req().getQueryString());
        } catch (IllegalArgumentException e) {
            xml.fault(ctx, KojiFault.generic("Invalid upload query: " + e.getMessage()));
            return;
        }
        if (query.get("filename") == null) {
            xml.fault(ctx, KojiFault.generic("Invalid upload query: filename is missing"));
            return;
        }
        xml.run(ctx, () -> runner.runAs(meta, METHOD, c -> uploads.raw(c, query, body)));
    }

    /** The query as Koji's parse_qs(strict_parsing=True) reads it; the first of repeated keys wins. */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad field: " + pair);
            }
            String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }
}
