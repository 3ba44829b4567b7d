package org.kojinext.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The SHA-256 of a file being uploaded, taken from the chunks as they are read for sending so the
 * file is read once, not once to hash and once to send. A resumed upload sends some bytes again:
 * those are not hashed twice, and bytes never read for sending are read here, so the digest
 * always covers the file exactly once, in order.
 */
final class FileDigest {
    private final MessageDigest md = Sha256.newDigest();
    private final FileChannel file;
    private long hashed;

    FileDigest(FileChannel file) {
        this.file = file;
    }

    /** Takes in the part of a chunk read at the offset that the digest has not covered yet. */
    synchronized void chunk(long offset, byte[] data, int length) throws IOException {
        if (offset > hashed) {
            readUpTo(offset);
        }
        long skip = hashed - offset;
        if (skip < length) {
            md.update(data, (int) skip, (int) (length - skip));
            hashed = offset + length;
        }
    }

    /**
     * The SHA-256 of the file's first end bytes when the digest stands exactly there (after the
     * chunk ending there was taken in), else null. The digest goes on unchanged.
     */
    synchronized String through(long end) {
        return hashed == end ? Sha256.hexSoFar(md) : null;
    }

    /** The digest of the whole file, reading whatever no chunk brought. */
    synchronized String finish(long size) throws IOException {
        readUpTo(size);
        return HexFormat.of().formatHex(md.digest());
    }

    private void readUpTo(long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (hashed < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - hashed));
            int n = file.read(buf, hashed);
            if (n < 0) {
                throw new IOException("file shrank to " + hashed + " bytes while being uploaded");
            }
            buf.flip();
            md.update(buf);
            hashed += n;
        }
    }
}
