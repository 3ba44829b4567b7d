package org.kojinext.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kojinext.protocol.KojiFault;

/**
 * A rawUpload chunk whose caller may write its path ({@link Uploads#raw}), to be written from
 * the request body. The body goes to the file as it arrives, digested on the way, rather than
 * gathered in memory first.
 */
public final class RawChunk {
    private final UploadTarget target;
    private final String verifyName;
    private final long offset;
    private final boolean overwrite;
    private final RunningDigests running;

    RawChunk(UploadTarget target, String verifyName, long offset, boolean overwrite, RunningDigests running) {
        this.target = target;
        this.verifyName = verifyName;
        this.offset = offset;
        this.overwrite = overwrite;
        this.running = running;
    }

    /**
     * Writes length bytes of the body at the chunk's offset (its end, for -1) and answers as Koji
     * does: {size, fileverify, offset[, hexdigest]}. Asked for {@value RunningDigests#VERIFY}, the
     * answer's fileverify says which digest it holds: that one when the hub could go on from the
     * digest of the bytes before the chunk, else the chunk's own "sha256".
     */
    public Map<String, Object> write(InputStream body, long length) {
        UploadTarget t = target;
        boolean prefix = RunningDigests.VERIFY.equals(verifyName);
        String answered = prefix ? "sha256" : verifyName;
        String hexdigest = null;
        long at = offset;
        try {
            Optional<Volume.Stat> st = t.volume().stat(t.path());
            if (st.isPresent()) {
                if (!st.get().regularFile()) {
                    throw KojiFault.generic("destination not a file: " + t.display());
                }
                if (at == 0 && !overwrite && !t.path().endsWith(".log")) {
                    throw KojiFault.generic("upload path exists: " + t.display());
                }
            } else if (at > 0) {
                throw KojiFault.generic("upload offset " + at + " is past the end of " + t.display()
                        + " (no such file)");
            }
            try (Volume.Writer w = t.volume().openWriter(t.path())) {
                long end = w.size();
                if (at == -1) {
                    at = end;
                } else if (at > end) {
                    // Koji would leave a hole of zeros here; a resuming client must start at checkUpload's size.
                    throw KojiFault.generic("upload offset " + at + " is past the end of " + t.display()
                            + " (" + end + " bytes)");
                }
                MessageDigest state = prefix ? running.resume(t.volume(), t.path(), at, w, stat(t)) : null;
                Verify verify;
                if (state != null) {
                    answered = RunningDigests.VERIFY;
                    verify = Verify.continuing(state);
                } else {
                    verify = Verify.of(answered);
                }
                if (at < end) {
                    w.truncate(at);
                }
                w.writeFrom(at, body, length, verify);
                if (verify != null) {
                    hexdigest = verify.hexdigest();
                }
                // Only now: once recorded, the state may go on with another request's chunk.
                if (state != null) {
                    running.written(t.volume(), t.path(), state, w.mark(), stat(t));
                }
            }
        } catch (IOException e) {
            throw Uploads.fault(e, t);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("size", Uploads.number(length));
        out.put("fileverify", answered);
        out.put("offset", Uploads.number(at));
        if (hexdigest != null) {
            out.put("hexdigest", hexdigest);
        }
        return out;
    }

    private static Volume.Stat stat(UploadTarget t) throws IOException {
        return t.volume().stat(t.path()).orElseThrow(() -> new IOException("vanished while held: " + t.display()));
    }
}
