package org.kojinext.cli.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.kojinext.cli.CliFailure;

/**
 * Koji's download_file: fetches a URL into a file relative to the working directory, resuming a
 * partial file when the expected size is known, and keeping the server's modification time.
 */
public final class Download {
    private final PrintStream out;
    private final Path cwd;
    private final boolean quiet;
    private final Progress progress;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public Download(PrintStream out, Path cwd, boolean quiet, Progress progress) {
        this.out = out;
        this.cwd = cwd;
        this.quiet = quiet;
        this.progress = progress;
    }

    /** Where a relative path lands. */
    public Path path(String relpath) {
        return cwd.resolve(relpath);
    }

    /**
     * @param filesize the expected size, or null to ask the server; with a size a partial file
     *                 is appended to
     */
    public void fetch(String url, String relpath, Integer num, Integer count, Long filesize) {
        Path target = path(relpath);
        if (!quiet) {
            out.println(count != null && num != null ? "Downloading [" + num + "/" + count + "]: " + relpath
                    : "Downloading: " + relpath);
        }
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            if (filesize == null) {
                HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(url))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (head.statusCode() == 200) {
                    filesize = head.headers().firstValueAsLong("Content-Length").stream().boxed().findFirst().orElse(null);
                }
            }
            long pos = 0;
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(url));
            if (filesize != null && Files.exists(target)) {
                pos = Files.size(target);
                if (pos != 0) {
                    if (pos == filesize) {
                        if (!quiet) {
                            out.println("File " + relpath + " already downloaded, skipping");
                        }
                        return;
                    }
                    if (!quiet) {
                        out.println("Appending to existing file " + relpath);
                    }
                    get.header("Range", "bytes=" + pos + "-");
                }
            }
            HttpResponse<InputStream> response = http.send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            boolean append = status == 206 && pos > 0;
            if (!append) {
                pos = 0;
            }
            if (status >= 400) {
                response.body().close();
                if (!append && Files.exists(target) && Files.size(target) == 0) {
                    Files.delete(target);
                }
                throw new CliFailure("Error downloading " + url + ": HTTP " + status);
            }
            long length = filesize != null ? filesize : response.headers().firstValueAsLong("Content-Length").orElse(0);
            try (InputStream in = response.body();
                 OutputStream o = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 20];
                for (int n; (n = in.read(buf)) > 0; ) {
                    o.write(buf, 0, n);
                    pos += n;
                    progress.download(length, pos, filesize);
                }
            }
            if (length == 0) {
                progress.download(pos, pos, filesize);
            }
            if (pos == 0) {
                Files.deleteIfExists(target);
            } else {
                response.headers().firstValue("Last-Modified").ifPresent(lm -> setMtime(target, lm));
            }
            progress.done();
        } catch (IOException e) {
            throw new CliFailure("Error downloading " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("Interrupted downloading " + url);
        }
    }

    private static void setMtime(Path target, String lastModified) {
        try {
            ZonedDateTime t = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);
            Files.setLastModifiedTime(target, FileTime.from(t.toInstant()));
        } catch (RuntimeException | IOException ignored) {
            // a bad or missing date leaves the download's own time, as Koji does
        }
    }
}
