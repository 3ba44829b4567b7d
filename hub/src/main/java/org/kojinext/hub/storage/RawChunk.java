package org.kojinext.hub.storage;

import java.io.IOException;
import java.io.InputStream;
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

    RawChunk(UploadTarget target, String verifyName, long offset, boolean overwrite) {
        this.target = target;
        this.verifyName = verifyName;
        this.offset = offset;
        this.overwrite = overwrite;
    }

    /**
     * Writes length bytes of the body at the chunk's offset (its end, for -1) and answers as Koji
     * does: {size, fileverify, offset[, hexdigest]}.
     */
    public Map<String, Object> write(InputStream body, long length) {
        UploadTarget t = target;
        Verify verify = Verify.of(verifyName);
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
                } else {
                    w.truncate(at);
                }
                w.writeFrom(at, body, length, verify);
            }
        } catch (IOException e) {
            throw Uploads.fault(e, t);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("size", Uploads.number(length));
        out.put("fileverify", verifyName);
        out.put("offset", Uploads.number(at));
        if (verify != null) {
            out.put("hexdigest", verify.hexdigest());
        }
        return out;
    }
}
