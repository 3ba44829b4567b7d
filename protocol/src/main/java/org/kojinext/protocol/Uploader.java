package org.kojinext.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Uploads a local file to the hub's work area as Koji's fastUpload does, by rawUpload chunks,
 * with Koji Next's stronger checks: every chunk's size, offset and SHA-256 as the hub reports
 * them, and at the end the whole file's SHA-256 by checkUpload. When the connection fails the
 * upload resumes from the size the hub already holds.
 */
public final class Uploader {
    public static final int DEFAULT_CHUNK = 1024 * 1024;

    /** Told after each chunk: bytes the hub holds and the file's size. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private final KojiClient client;
    private int chunkSize = DEFAULT_CHUNK;
    private int resumes = 3;
    private String volume;
    private Progress progress = (done, total) -> { };
    private boolean replace;

    public Uploader(KojiClient client) {
        this.client = Objects.requireNonNull(client);
    }

    public Uploader chunkSize(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        this.chunkSize = bytes;
        return this;
    }

    /** How many times a failed connection is followed by a resume before giving up. */
    public Uploader resumes(int times) {
        this.resumes = times;
        return this;
    }

    /**
     * Replace a file of the same name rather than refuse it. A builder's task writes only its own
     * directory, so a task restarted on another builder may replace what its first run left.
     */
    public Uploader overwrite(boolean replace) {
        this.replace = replace;
        return this;
    }

    public Uploader volume(String name) {
        this.volume = name;
        return this;
    }

    public Uploader progress(Progress callback) {
        this.progress = Objects.requireNonNull(callback);
        return this;
    }

    /**
     * Uploads the file to work/&lt;reldir&gt;/&lt;name&gt; and returns its SHA-256. A fault from the hub
     * (a refused path, no login) ends the upload at once; so does a mismatch in what the hub
     * reports, as a GenericError fault.
     */
    public String upload(Path file, String reldir, String name) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long total = ch.size();
            String sha256 = hex(sha256(ch));
            long offset = 0;
            boolean overwrite = replace;
            boolean complete = false;
            for (int failures = 0; !complete; failures++) {
                try {
                    send(ch, reldir, name, offset, overwrite, total);
                    complete = true;
                } catch (KojiTransportException e) {
                    if (failures >= resumes) {
                        throw e;
                    }
                    Map<?, ?> held = check(reldir, name, null);
                    long size = held == null ? 0 : ((Number) held.get("size")).longValue();
                    // Only our own earlier attempt can have left the file, so it may be rewritten.
                    offset = size <= total ? size : 0;
                    overwrite = true;
                    // The last chunk arrived though its answer did not: nothing is left to send.
                    complete = held != null && size == total;
                    if (complete) {
                        progress.update(total, total);
                    }
                }
            }
            Map<?, ?> whole = check(reldir, name, "sha256");
            if (whole == null || ((Number) whole.get("size")).longValue() != total
                    || !sha256.equals(whole.get("hexdigest"))) {
                throw KojiFault.generic("uploaded file " + reldir + "/" + name + " does not match the local file: "
                        + "hub has " + whole);
            }
            return sha256;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void send(FileChannel ch, String reldir, String name, long from, boolean overwrite, long total)
            throws IOException {
        long offset = from;
        ByteBuffer buf = ByteBuffer.allocate(chunkSize);
        do {
            buf.clear();
            int n = 0;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, offset + n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            byte[] chunk = Arrays.copyOf(buf.array(), n);
            Map<String, String> q = new LinkedHashMap<>();
            q.put("filename", name);
            q.put("filepath", reldir);
            q.put("fileverify", "sha256");
            q.put("offset", Long.toString(offset));
            if (overwrite && offset == from) {
                q.put("overwrite", "1");
            }
            if (volume != null) {
                q.put("volume", volume);
            }
            Map<?, ?> r = client.rawUpload(q, chunk);
            if (((Number) r.get("size")).longValue() != n || ((Number) r.get("offset")).longValue() != offset
                    || !hex(sha256(chunk)).equals(r.get("hexdigest"))) {
                throw KojiFault.generic("hub stored chunk at " + offset + " of " + reldir + "/" + name
                        + " differently: " + r);
            }
            offset += n;
            progress.update(offset, total);
        } while (offset < total);
    }

    private Map<?, ?> check(String reldir, String name, String verify) {
        return (Map<?, ?>) client.call("checkUpload", reldir, name, verify, null, volume);
    }

    private static byte[] sha256(FileChannel ch) throws IOException {
        MessageDigest md = digest();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long pos = 0;
        int n;
        while ((n = ch.read(buf, pos)) > 0) {
            buf.flip();
            md.update(buf);
            buf.clear();
            pos += n;
        }
        return md.digest();
    }

    private static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
