package org.kojinext.hub.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One of Koji's storage volumes: a tree of files addressed by relative paths with '/' separators.
 * Paths given to a volume are ones the hub built ({@link KojiPaths}) or already validated; the
 * volume still refuses any that could leave it, so a bug upstream cannot become an escape. A
 * directory tree on disk is {@link FsVolume}; an object store can implement the same.
 */
public interface Volume {
    /** Koji's volume name; "DEFAULT" is the volume at the top directory. */
    String name();

    /**
     * The canonical form of a trusted relative path: empty and "." segments dropped. Throws
     * IllegalArgumentException for an absolute path, a ".." segment or a NUL.
     */
    String resolve(String trustedPath);

    /** What is at the path, without following a final symlink out of the volume; empty if nothing. */
    Optional<Stat> stat(String path) throws IOException;

    default boolean exists(String path) throws IOException {
        return stat(path).isPresent();
    }

    /** The size of the file at the path; NoSuchFileException when there is none. */
    default long size(String path) throws IOException {
        return stat(path).orElseThrow(() -> new java.nio.file.NoSuchFileException(path)).size();
    }

    /** Reads a regular file from the offset on. */
    InputStream openRead(String path, long offset) throws IOException;

    /**
     * Opens a file for writing, creating it and its directories when missing, and holds it
     * exclusively until closed: a second writer gets {@link LockedException}.
     */
    Writer openWriter(String path) throws IOException;

    /** Renames a file or directory within the volume; the target's directories are created. */
    void move(String from, String to) throws IOException;

    /** Names of the entries directly in a directory, sorted; empty when it does not exist. */
    List<String> list(String dir) throws IOException;

    /** Deletes a file, or a directory with everything under it (work files are thrown away so). */
    void delete(String path) throws IOException;

    record Stat(boolean regularFile, boolean directory, long size, Instant modified) {
    }

    /** An open, exclusively held file. Writes go where they are told; nothing is buffered. */
    interface Writer extends Closeable {
        long size() throws IOException;

        /** Cuts the file to the size (or extends it with zeros). */
        void truncate(long size) throws IOException;

        void write(long offset, byte[] data, int off, int len) throws IOException;

        /**
         * Writes exactly length bytes read from the stream at the offset, showing each piece to
         * the digest (when not null) as it passes. A stream that ends early leaves what arrived
         * written and fails with EOFException, as a client cut off mid-chunk leaves a file a
         * resumed upload continues from.
         */
        default void writeFrom(long offset, InputStream in, long length, Verify seen) throws IOException {
            byte[] buf = new byte[(int) Math.min(Math.max(length, 1), 256 * 1024)];
            long done = 0;
            while (done < length) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, length - done));
                if (n < 0) {
                    throw new java.io.EOFException("upload body ended after " + done + " of " + length + " bytes");
                }
                if (seen != null) {
                    seen.update(buf, 0, n);
                }
                write(offset + done, buf, 0, n);
                done += n;
            }
        }

        /** Reads back from the offset, for digests of what was written. */
        InputStream readFrom(long offset) throws IOException;

        /**
         * The mark this writer left on the file. Every opening for writing gives the file a fresh
         * mark while it holds the lock, so whoever remembers the mark its own writer left can tell,
         * under the lock again, whether anyone has opened the file for writing since, from any
         * hub. Null where the volume cannot mark files: then nothing can be told.
         */
        default String mark() {
            return null;
        }

        /** The mark the file carried when this writer opened it; null when it carried none. */
        default String previousMark() {
            return null;
        }
    }

    /** Another writer holds the file. */
    final class LockedException extends IOException {
        public LockedException(String path) {
            super("file is locked by another writer: " + path);
        }
    }
}
