package org.kojinext.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Adler32;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.Sha256;

/**
 * The digests an upload can be verified with, as Koji's get_verify_class names them. adler32 is
 * Koji's default for rawUpload and reads as 8 lowercase hex digits; Koji Next's client asks for
 * sha256.
 */
public abstract sealed class Verify {
    public abstract void update(byte[] b, int off, int len);

    public abstract String hexdigest();

    /** The algorithm named, or null for none (null or empty); GenericError for an unknown one. */
    public static Verify of(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        return switch (name) {
            case "adler32" -> new Adler();
            case "md5" -> new Digest("MD5");
            case "sha256" -> new Digest("SHA-256");
            default -> throw KojiFault.generic("Unsupported verify type: " + name);
        };
    }

    /**
     * A SHA-256 that goes on from the given state (see {@link RunningDigests}): its hexdigest is
     * that of everything the state has taken in, and leaves the state to take in more.
     */
    static Verify continuing(MessageDigest sha256) {
        return new Digest(sha256, true);
    }

    /** The digest of everything the stream holds. */
    public Verify consume(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            update(buf, 0, n);
        }
        return this;
    }

    private static final class Adler extends Verify {
        private final Adler32 sum = new Adler32();

        @Override
        public void update(byte[] b, int off, int len) {
            sum.update(b, off, len);
        }

        @Override
        public String hexdigest() {
            return String.format("%08x", sum.getValue() & 0xffffffffL);
        }
    }

    private static final class Digest extends Verify {
        private final MessageDigest md;
        private final boolean goesOn;

        Digest(String algorithm) {
            try {
                md = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            goesOn = false;
        }

        Digest(MessageDigest state, boolean goesOn) {
            this.md = state;
            this.goesOn = goesOn;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        @Override
        public String hexdigest() {
            return goesOn ? Sha256.hexSoFar(md) : HexFormat.of().formatHex(md.digest());
        }
    }
}
