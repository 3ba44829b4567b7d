package org.kojinext.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.kojinext.hub.events.PgListener;

/**
 * The SHA-256 of uploads that this hub has received from their first byte, in order, taken in
 * chunk by chunk while the next ones travel, so that the checkUpload ending an upload answers
 * without reading the whole file again: a pass that otherwise comes after the last chunk, alone.
 *
 * <p>An answer comes from here only while the file is as this hub left it: its size and
 * modification time unchanged, and no write to it announced by another hub since. Every write
 * through any hub is announced on {@link #CHANNEL} before it happens; a hub that hears of another's
 * write to a file forgets that file, and one whose listener missed notifications forgets all.
 * Anything else reads the file, as before. The import computes every file's SHA-256 again in any
 * case: this only spares the client's early check.
 */
public final class UploadDigests implements PgListener.Subscriber {
    public static final String CHANNEL = "kojinext_upload";
    /**
     * Uploads written since the last forgetting; a finished one is kept until its file changes,
     * as checkUpload may be asked again. Past this many, everything is forgotten.
     */
    private static final int LIMIT = 4096;

    /** Each file's digest goes chunk by chunk, in order, through its chain of futures. */
    private static final Executor DIGESTING = Executors.newVirtualThreadPerTaskExecutor();

    private final String origin = UUID.randomUUID().toString();
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    private record Running(CompletableFuture<MessageDigest> sha256, long length, Instant modified) {
    }

    /** A chunk's write in progress; once it is written whole, the digest takes it in. */
    final class Tracker {
        private final Volume volume;
        private final String path;
        private final CompletableFuture<MessageDigest> before;

        private Tracker(Volume volume, String path, CompletableFuture<MessageDigest> before) {
            this.volume = volume;
            this.path = path;
            this.before = before;
        }

        /**
         * The chunk [at, end) is written, and the file is now of this size and time. The digest
         * reads it back from the file (the page cache, just written) on a thread of its own: the
         * chunk's answer need not wait for it, so it runs while the next chunk travels.
         */
        void written(long at, long end, Instant modified) {
            if (running.size() >= LIMIT) {
                running.clear();
            }
            CompletableFuture<MessageDigest> after = before.thenApplyAsync(md -> {
                try (InputStream in = volume.openRead(path, at)) {
                    byte[] buf = new byte[256 * 1024];
                    long left = end - at;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            throw new IOException("file shorter than written");
                        }
                        md.update(buf, 0, n);
                        left -= n;
                    }
                    return md;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, DIGESTING);
            running.put(key(volume, path), new Running(after, end, modified));
        }
    }

    static String key(Volume volume, String path) {
        return volume.name() + ":" + path;
    }

    /**
     * Announces to the other hubs a write about to happen to the file. Sent at once (outside any
     * transaction, a statement commits by itself), so they hear of it before the bytes land.
     */
    void announce(DSLContext db, Volume volume, String path) {
        db.select(DSL.function("pg_notify", Object.class, DSL.val(CHANNEL), DSL.val(origin + " " + key(volume, path))))
                .fetch();
    }

    /**
     * The tracker for a chunk about to be written at the offset, or null: a chunk at 0 starts the
     * file's digest, one at the end of what this hub digested continues it, and any other write
     * makes the hub forget the file (so does a write that fails, as its tracker is never recorded).
     */
    Tracker begin(Volume volume, String path, long at) {
        Running r = running.remove(key(volume, path));
        if (at == 0) {
            return new Tracker(volume, path, CompletableFuture.completedFuture(newSha256()));
        }
        return r != null && r.length() == at ? new Tracker(volume, path, r.sha256()) : null;
    }

    /** Forgets the file: it is being written in a way this hub does not follow (uploadFile). */
    void forget(Volume volume, String path) {
        running.remove(key(volume, path));
    }

    /**
     * The file's SHA-256 if this hub digested all of it and it is unchanged since, else null.
     * Waits for the digest to take in the last chunks.
     */
    String sha256(Volume volume, String path, Volume.Stat now) {
        Running r = running.get(key(volume, path));
        if (r == null || r.length() != now.size() || !r.modified().equals(now.modified())) {
            return null;
        }
        try {
            // A copy: the upload may go on after the check, and the check be asked again.
            return HexFormat.of().formatHex(((MessageDigest) r.sha256().join().clone()).digest());
        } catch (CloneNotSupportedException | RuntimeException e) {
            // Read back or digested wrong: the caller reads the file itself.
            return null;
        }
    }

    @Override
    public void received(String payload) {
        int space = payload.indexOf(' ');
        if (space > 0 && !payload.substring(0, space).equals(origin)) {
            running.remove(payload.substring(space + 1));
        }
    }

    @Override
    public void listening() {
        running.clear();
    }

    @Override
    public void lost() {
        running.clear();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
