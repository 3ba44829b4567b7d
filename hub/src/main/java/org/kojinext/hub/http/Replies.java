package org.kojinext.hub.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.kojinext.protocol.ByteSink;
import org.slf4j.LoggerFactory;

/**
 * Writes an encoded reply straight to the servlet response. Javalin's {@code ctx.result(bytes)}
 * copies the bytes again through a fresh buffer on every request, which under load was the
 * largest source of garbage in the hub.
 */
final class Replies {
    private Replies() {
    }

    static void send(Context ctx, int status, String contentType, ByteSink body) {
        ctx.status(status);
        HttpServletResponse res = ctx.res();
        res.setStatus(status);
        res.setContentType(contentType);
        res.setContentLength(body.length());
        try (OutputStream out = res.getOutputStream()) {
            body.writeTo(out);
        } catch (IOException e) {
            // The client went away before its answer: nobody is left to tell, and it is not the
            // hub's error, so no stack trace in the log either.
            LoggerFactory.getLogger(Replies.class).debug("reply not delivered: {}", e.toString());
        }
    }
}
