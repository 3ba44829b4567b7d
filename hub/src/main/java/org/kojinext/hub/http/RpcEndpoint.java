package org.kojinext.hub.http;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.kojinext.hub.rpc.RequestMeta;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * POST {@code /kojihub}: reads the body within the size limit, reads the session headers, and
 * hands the request to the encoding its content type names. Koji treats any body that is not an
 * upload as XML-RPC, so XML is also the fallback.
 */
final class RpcEndpoint {
    private final XmlRpcEndpoint xml;
    private final JsonRpcEndpoint json;
    private final UploadEndpoint upload;
    private final long maxRequestLength;

    RpcEndpoint(XmlRpcEndpoint xml, JsonRpcEndpoint json, UploadEndpoint upload, long maxRequestLength) {
        this.xml = xml;
        this.json = json;
        this.upload = upload;
        this.maxRequestLength = maxRequestLength;
    }

    void handle(Context ctx) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        boolean isJson = type.startsWith("application/json");
        boolean isUpload = type.startsWith("application/octet-stream");
        long declared = ctx.req().getContentLengthLong();
        if (isUpload && declared >= 0 && declared <= maxRequestLength) {
            streamUpload(ctx, declared);
            return;
        }
        byte[] body;
        try {
            body = readBounded(ctx);
        } catch (TooLarge e) {
            // Koji answers an oversized request with a GenericError fault, not an HTTP error. The
            // body may be only partly read (see drainLimit), so the connection carries no more requests.
            ctx.header("Connection", "close");
            KojiFault tooLong = KojiFault.generic("Request too long");
            if (isJson) {
                json.fault(ctx, tooLong);
            } else {
                xml.fault(ctx, tooLong);
            }
            return;
        }
        // An empty file is uploaded as one empty chunk.
        if (body.length == 0 && !isUpload) {
            ctx.status(400).contentType("text/plain").result("Empty request\n");
            return;
        }
        RequestMeta meta;
        try {
            meta = meta(ctx);
        } catch (KojiFault f) {
            if (isJson) {
                json.fault(ctx, f);
            } else {
                xml.fault(ctx, f);
            }
            return;
        }
        if (isJson) {
            json.handle(ctx, meta, body);
        } else if (isUpload) {
            upload.handle(ctx, meta, new ByteArrayInputStream(body), body.length);
        } else {
            xml.handle(ctx, meta, body);
        }
    }

    /** A chunk of a length known to be allowed goes from the socket to the file, not to memory first. */
    private void streamUpload(Context ctx, long length) throws IOException {
        try (InputStream in = ctx.req().getInputStream()) {
            RequestMeta meta;
            try {
                meta = meta(ctx);
            } catch (KojiFault f) {
                upload.refuse(ctx, in, f);
                return;
            }
            upload.handle(ctx, meta, in, length);
        }
    }

    private byte[] readBounded(Context ctx) throws IOException, TooLarge {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > drainLimit()) {
                throw new TooLarge();
            }
            if (declared >= 0 && declared <= maxRequestLength) {
                // The usual case: the length is known and allowed, so read it in one piece.
                return in.readNBytes((int) declared);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > drainLimit()) {
                    throw new TooLarge();
                }
                if (total <= maxRequestLength) {
                    out.write(buf, 0, n);
                }
            }
            if (total > maxRequestLength) {
                throw new TooLarge();
            }
            return out.toByteArray();
        }
    }

    /**
     * How much of an oversized body is read and thrown away before answering. A server that
     * answers and closes while the client is still sending makes the client's TCP stack drop the
     * answer, so a moderately oversized request is drained and gets its fault; a huge one is cut
     * off.
     */
    private long drainLimit() {
        return Math.max(maxRequestLength * 4, 16L * 1024 * 1024);
    }

    /** Session id, key and callnum from Koji's headers, or from the pre-1.30 query string. */
    private static RequestMeta meta(Context ctx) {
        String remote = ctx.req().getRemoteAddr();
        String id = ctx.header("Koji-Session-Id");
        String key = ctx.header("Koji-Session-Key");
        String callnum = ctx.header("Koji-Session-Callnum");
        if (callnum == null) {
            callnum = ctx.header("Koji-Callnum");
        }
        if (id == null) {
            id = ctx.queryParam("session-id");
            key = ctx.queryParam("session-key");
            callnum = ctx.queryParam("callnum");
        }
        if (id == null) {
            return RequestMeta.anonymous(remote);
        }
        if (key == null) {
            throw KojiFault.auth("session-key not specified");
        }
        try {
            return new RequestMeta(remote, Integer.valueOf(id.trim()), key,
                    callnum == null ? null : Integer.valueOf(callnum.trim()));
        } catch (NumberFormatException e) {
            throw new KojiFault(FaultCode.AUTH, "Invalid session id or callnum");
        }
    }

    private static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
