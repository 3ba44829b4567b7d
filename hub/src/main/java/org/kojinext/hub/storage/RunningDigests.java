package org.kojinext.hub.storage;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kojinext.protocol.Sha256;
import org.kojinext.protocol.Uploader;

/**
 * The running SHA-256 of uploads this hub writes from their first byte on, in order. A client
 * that asks rawUpload for {@value #VERIFY} has each chunk checked with the SHA-256 of the file
 * from its start to the chunk's end, taken as the chunk passes: the last chunk's answer is the
 * whole file's digest. One SHA-256 pass on each side then checks every chunk and the whole file,
 * where a digest per chunk and a checkUpload cost two on each side.
 *
 * <p>A state serves again only the chunk that starts where this hub's last write to the file
 * ended, and only while the file is as that write left it. That is checked under the file's lock:
 * by the mark every opening for writing leaves ({@link Volume.Writer#mark()}), so a write through
 * any hub shows, and by the file's size and modification time, for a write past the hubs. In any
 * doubt the chunk is answered with its own SHA-256 instead ({@code fileverify} "sha256" in the
 * answer), which the client also takes. So the states are never shared or announced: a hub
 * without one answers the safe way, and the import takes every file's SHA-256 again anyway.
 */
public final class RunningDigests {
    public static final String VERIFY = Uploader.PREFIX_VERIFY;
    /** Uploads remembered; the oldest is forgotten first (a finished upload is never asked again). */
    private static final int KEPT = 1024;

    private record Held(MessageDigest state, long end, String mark, Instant modified) {
    }

    private final Map<String, Held> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * The SHA-256 state of the file's first {@code at} bytes, for a chunk about to be written
     * there by {@code writer}, which holds the file; {@code now} is the file as the writer found
     * it. A fresh state at 0; null when this hub cannot vouch for the bytes before the chunk.
     * Either way the file is forgotten until {@link #written} tells of it again.
     */
    synchronized MessageDigest resume(Volume volume, String path, long at, Volume.Writer writer, Volume.Stat now) {
        Held e = entries.remove(key(volume, path));
        if (at == 0) {
            return Sha256.newDigest();
        }
        boolean asLeft = e != null && e.end() == at && now.size() == at && e.modified().equals(now.modified())
                && e.mark().equals(writer.previousMark());
        return asLeft ? e.state() : null;
    }

    /**
     * The chunk is written whole: the state has taken in the file up to end, and the file is now
     * as {@code now} says, marked by its writer with {@code mark} (null: it cannot be vouched for).
     */
    synchronized void written(Volume volume, String path, MessageDigest state, String mark, Volume.Stat now) {
        if (mark != null) {
            entries.put(key(volume, path), new Held(state, now.size(), mark, now.modified()));
        }
    }

    private static String key(Volume volume, String path) {
        return volume.name() + ":" + path;
    }
}
