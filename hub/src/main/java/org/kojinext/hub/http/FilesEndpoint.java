package org.kojinext.hub.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kojinext.hub.storage.Volume;
import org.slf4j.LoggerFactory;

/**
 * GET and HEAD {@code /kojifiles/<path>}: the default volume's files, read-only, as Koji's httpd
 * alias serves its top directory. Files only; a directory, a missing file and any path that
 * would leave the volume are all 404. A single byte range is honoured.
 */
final class FilesEndpoint {
    static final String PREFIX = "/kojifiles";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Volume volume;

    FilesEndpoint(Volume volume) {
        this.volume = volume;
    }

    void handle(Context ctx) throws IOException {
        String path = path(ctx.req().getRequestURI());
        try {
            path = path == null ? null : volume.resolve(path);
        } catch (IllegalArgumentException e) {
            path = null;
        }
        Optional<Volume.Stat> stat = path == null ? Optional.empty() : volume.stat(path);
        if (stat.isEmpty() || !stat.get().regularFile()) {
            ctx.status(404).contentType("text/plain").result("Not Found\n");
            return;
        }
        long size = stat.get().size();
        long start = 0;
        long end = size - 1;
        int status = 200;
        HttpServletResponse res = ctx.res();
        String range = ctx.header("Range");
        // A Range header that is not one "bytes=" range is ignored, as HTTP allows.
        if (range != null && RANGE.matcher(range.trim()).matches()) {
            long[] r = range(range, size);
            if (r == null) {
                ctx.header("Content-Range", "bytes */" + size);
                ctx.status(416).contentType("text/plain").result("Range Not Satisfiable\n");
                return;
            }
            start = r[0];
            end = r[1];
            status = 206;
            res.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        ctx.status(status);
        res.setStatus(status);
        res.setContentType(contentType(path));
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                stat.get().modified().atOffset(ZoneOffset.UTC)));
        long length = end - start + 1;
        res.setContentLengthLong(length);
        if (ctx.method().name().equals("HEAD")) {
            return;
        }
        try (InputStream in = volume.openRead(path, start); OutputStream out = res.getOutputStream()) {
            byte[] buf = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(FilesEndpoint.class).debug("file not delivered: {}", e.toString());
        }
    }

    /** The volume path the request URI names, decoded; null when it is not one. */
    static String path(String requestUri) {
        if (requestUri == null || !requestUri.startsWith(PREFIX + "/")) {
            return null;
        }
        String decoded;
        try {
            decoded = URI.create(requestUri.substring(PREFIX.length())).getPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (decoded == null) {
            return null;
        }
        String rel = decoded.substring(1);
        for (String seg : rel.split("/")) {
            if (seg.equals("..") || seg.indexOf('\0') >= 0) {
                return null;
            }
        }
        return rel.isEmpty() ? null : rel;
    }

    /** [first, last] of a single "bytes=" range within the size; null when unsatisfiable. */
    static long[] range(String header, long size) {
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                return suffix == 0 || size == 0 ? null : new long[] {Math.max(size - suffix, 0), size - 1};
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            return first >= size || last < first ? null : new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".log") || path.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        if (path.endsWith(".xml")) {
            return "application/xml";
        }
        return "application/octet-stream";
    }
}
