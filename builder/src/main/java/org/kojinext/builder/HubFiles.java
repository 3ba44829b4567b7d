package org.kojinext.builder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Pattern;
import org.kojinext.protocol.KojiFault;

/**
 * Files under the hub's storage topdir, as kojid reads them: from the topdir itself when it is
 * mounted on the builder (kojid's topdir option), otherwise over HTTP from topurl (/kojifiles).
 * Paths come from task arguments, so they are checked before use either way.
 */
public final class HubFiles {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._+~@=,-]+(/[A-Za-z0-9._+~@=,-]+)*");

    private final Path topdir;
    private final URI topurl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** @param topdir the hub's topdir mounted here, or null to download from topurl */
    public HubFiles(Path topdir, URI topurl) {
        this.topdir = topdir;
        this.topurl = topurl;
    }

    /** The hub's files URL, e.g. http://hub:8080/kojifiles. */
    public URI topurl() {
        return topurl;
    }

    /** Where relpath is served, for messages pointing users at a log. */
    public String url(String relpath) {
        return topurl.toString().replaceAll("/+$", "") + "/" + check(relpath);
    }

    /**
     * A local copy of topdir/relpath: the file itself when the topdir is mounted, else a download
     * into dir.
     */
    public Path fetch(String relpath, Path dir) throws IOException, InterruptedException {
        String rel = check(relpath);
        if (topdir != null) {
            Path p = topdir.resolve(rel);
            if (!Files.isRegularFile(p)) {
                throw KojiFault.generic("No such file in the hub's topdir: " + rel);
            }
            return p;
        }
        Files.createDirectories(dir);
        Path dest = dir.resolve(rel.substring(rel.lastIndexOf('/') + 1));
        HttpRequest req = HttpRequest.newBuilder(URI.create(url(rel))).GET().build();
        HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw KojiFault.generic("cannot download " + url(rel) + ": HTTP " + resp.statusCode());
            }
            Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
        }
        return dest;
    }

    private static String check(String relpath) {
        if (relpath == null || !SAFE.matcher(relpath).matches() || relpath.contains("..")) {
            throw KojiFault.parameter("Invalid path: " + relpath);
        }
        return relpath;
    }
}
