package org.kojinext.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Uploads a local file to the hub's work area as Koji's fastUpload does, by rawUpload chunks,
 * with Koji Next's stronger checks: every chunk's size, offset and SHA-256 as the hub reports
 * them, and the whole file's SHA-256. The file is read once, ahead of the sending (see
 * {@link ChunkReader}). When the connection fails the upload resumes from the size the hub
 * already holds.
 *
 * <p>A Koji Next hub is asked for {@value #PREFIX_VERIFY}: it answers each chunk with the SHA-256
 * of the file from its start to the chunk's end, which the client takes from the whole file's
 * digest it computes anyway. Each side then hashes every byte once, for the chunks and the whole
 * file together, and the last chunk's answer checks the whole file, so no checkUpload is needed.
 * Where the hub cannot go on from the bytes before a chunk (another hub took the previous one, a
 * resume), it answers with the chunk's own SHA-256 and the client checks that, and the whole file
 * by checkUpload. A hub that does not know the type (Koji's) is asked for "sha256" per chunk.
 */
public final class Uploader {
    /**
     * 4 MiB: Koji's default MaxRequestLength, and so the largest chunk a hub with default settings
     * takes. Koji's own client sends 1 MiB; every chunk costs a request, a session check and a
     * file open, so fewer, larger ones upload faster. A hub that takes less makes the uploader
     * halve its chunks.
     */
    public static final int DEFAULT_CHUNK = 4 * 1024 * 1024;
    /** Koji Next's fileverify: the SHA-256 of the file from byte 0 to the chunk's end. */
    public static final String PREFIX_VERIFY = "sha256-prefix";
    /**
     * The digest of a chunk by itself, for hubs without {@link #PREFIX_VERIFY}: SHA-256, as the
     * whole file's. adler32 (Koji's default) would be cheaper but checks a chunk only against
     * damage on the way, not against anything made to match it.
     */
    static final String CHUNK_VERIFY = "sha256";
    private static final String UNSUPPORTED = "Unsupported verify type";
    private static final int MIN_CHUNK = 64 * 1024;
    private static final String TOO_LONG = "Request too long";

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
            FileDigest whole = new FileDigest(ch);
            long offset = 0;
            boolean overwrite = replace;
            boolean complete = false;
            boolean checked = false;
            for (int failures = 0; !complete; failures++) {
                try {
                    checked = send(ch, whole, reldir, name, offset, overwrite, total);
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
            String sha256 = whole.finish(total);
            if (checked) {
                return sha256;
            }
            Map<?, ?> hub = check(reldir, name, "sha256");
            if (hub == null || ((Number) hub.get("size")).longValue() != total
                    || !sha256.equals(hub.get("hexdigest"))) {
                throw KojiFault.generic("uploaded file " + reldir + "/" + name + " does not match the local file: "
                        + "hub has " + hub);
            }
            return sha256;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Sends the chunks from the offset on; true when the hub's answer to the last one was the
     * SHA-256 of the whole file, checked.
     */
    private boolean send(FileChannel ch, FileDigest whole, String reldir, String name, long from, boolean overwrite,
                         long total) throws IOException {
        int size = chunkSize;
        long start = from;
        // Answers go on from the bytes before each chunk until the hub says it cannot.
        boolean prefixes = !client.prefixUploadsRefused();
        while (true) {
            try (ChunkReader chunks = new ChunkReader(ch, start, total, size, whole, !prefixes)) {
                ChunkReader.Chunk c;
                boolean checked = false;
                while ((c = chunks.next()) != null) {
                    long offset = c.offset();
                    int n = c.data().length;
                    String asked = prefixes && c.prefix() != null ? PREFIX_VERIFY : CHUNK_VERIFY;
                    Map<?, ?> r;
                    try {
                        r = client.rawUpload(query(reldir, name, asked, offset, overwrite && offset == from), c.data());
                    } catch (KojiFault f) {
                        String why = String.valueOf(f.getMessage());
                        if (asked.equals(PREFIX_VERIFY) && why.contains(UNSUPPORTED)) {
                            // Koji's hub checks the type before it opens the file: nothing was written.
                            // (With KojiDebug on, its fault string is the traceback, message last.)
                            // Remembered by the client (one hub), so its next uploads ask for sha256 at once.
                            client.refusedPrefixUploads();
                            prefixes = false;
                        } else if (TOO_LONG.equals(why) && n > MIN_CHUNK) {
                            // A hub whose request.max_length (Koji's MaxRequestLength) is below our
                            // chunk refuses it whole; smaller chunks from the same offset fit.
                            size = Math.max(MIN_CHUNK, n / 2);
                        } else {
                            throw f;
                        }
                        start = offset;
                        break;
                    }
                    Object kind = r.get("fileverify");
                    String expected = PREFIX_VERIFY.equals(kind) && asked.equals(PREFIX_VERIFY) ? c.prefix()
                            : CHUNK_VERIFY.equals(kind) ? c.ownDigest() : null;
                    if (((Number) r.get("size")).longValue() != n || ((Number) r.get("offset")).longValue() != offset
                            || expected == null || !expected.equals(r.get("hexdigest"))) {
                        throw KojiFault.generic("hub stored chunk at " + offset + " of " + reldir + "/" + name
                                + " differently: " + r);
                    }
                    if (prefixes && !PREFIX_VERIFY.equals(kind)) {
                        prefixes = false;
                        chunks.ownAhead();
                    }
                    checked = PREFIX_VERIFY.equals(kind) && offset + n == total;
                    chunks.done(c);
                    progress.update(offset + n, total);
                }
                if (c == null) {
                    return checked;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KojiTransportException("interrupted while uploading " + reldir + "/" + name, e);
            }
        }
    }

    private Map<String, String> query(String reldir, String name, String verify, long offset, boolean overwrite) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("filename", name);
        q.put("filepath", reldir);
        q.put("fileverify", verify);
        q.put("offset", Long.toString(offset));
        if (overwrite) {
            q.put("overwrite", "1");
        }
        if (volume != null) {
            q.put("volume", volume);
        }
        return q;
    }

    private Map<?, ?> check(String reldir, String name, String verify) {
        return (Map<?, ?>) client.call("checkUpload", reldir, name, verify, null, volume);
    }
}
