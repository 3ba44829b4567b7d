package org.kojinext.hub.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The marks {@link FsVolume}'s writers leave on files, in the extended attribute
 * {@code user.kojinext.mark}: a fresh one at every opening for writing, made under the file's
 * lock, which is an fcntl lock and so holds against other hubs on the same file system too.
 * File systems without user attributes (NFSv3, some old ones) carry no marks; the writers then
 * report none, and nothing that relies on them is trusted.
 */
final class WriteMarks {
    private static final String ATTRIBUTE = "kojinext.mark";
    /** Unique to this process, so that marks never repeat across hubs or restarts. */
    private static final String ORIGIN = origin();
    private static final AtomicLong NEXT = new AtomicLong();

    record Marks(String previous, String current) {
        static final Marks NONE = new Marks(null, null);
    }

    private WriteMarks() {
    }

    /**
     * Reads the file's mark and replaces it with a fresh one; the caller holds the file's lock.
     * Fails only when the old mark stays on a file whose new mark could not be set, since its
     * holder would then take the coming write for none.
     */
    static Marks renew(Path file) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return Marks.NONE;
        }
        String previous = read(view);
        String current = ORIGIN + "-" + NEXT.incrementAndGet();
        try {
            view.write(ATTRIBUTE, ByteBuffer.wrap(current.getBytes(StandardCharsets.US_ASCII)));
            return new Marks(previous, current);
        } catch (IOException | UnsupportedOperationException e) {
            // An old mark must not outlive a write it did not see, even one read() could not read.
            try {
                view.delete(ATTRIBUTE);
            } catch (IOException | UnsupportedOperationException gone) {
                if (previous != null) {
                    throw new IOException("cannot renew the write mark of " + file, gone);
                }
            }
            return Marks.NONE;
        }
    }

    private static String origin() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String read(UserDefinedFileAttributeView view) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(64);
            view.read(ATTRIBUTE, buf);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
        } catch (IOException | UnsupportedOperationException e) {
            // No mark yet (ENODATA), or none possible here (ENOTSUP).
            return null;
        }
    }
}
