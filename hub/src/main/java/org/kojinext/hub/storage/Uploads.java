package org.kojinext.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's three upload calls over a {@link Volume}: the rawUpload POST (a chunk per request,
 * written at its offset), the legacy base64 uploadFile, and checkUpload. A chunk sent again at
 * the same offset rewrites the same bytes, so a client may retry and resume freely; the file is
 * held exclusively while a chunk is written, and a second writer is refused with LockError.
 */
public final class Uploads {
    private final Volumes volumes;
    private final RunningDigests running;

    /** @param running the hub's running digests, one for all its upload entry points */
    public Uploads(Volumes volumes, RunningDigests running) {
        this.volumes = volumes;
        this.running = running;
    }

    /**
     * The checks of one rawUpload chunk that need the session and the database: login, the verify
     * type, the offset, and the right to write the path. Query keys: filename, filepath,
     * fileverify (Koji's adler32, md5, sha256, or Koji Next's {@value RunningDigests#VERIFY}),
     * offset (-1 appends), overwrite, volume. The chunk itself is then written by
     * {@link RawChunk#write}, outside the request's transaction, so that a slow body does not
     * hold a database connection.
     */
    public RawChunk raw(CallContext ctx, Map<String, String> query) {
        if (!ctx.loggedIn()) {
            throw KojiFault.notAllowed("you must be logged-in to upload a file");
        }
        String verifyName = query.getOrDefault("fileverify", "");
        if (!verifyName.equals(RunningDigests.VERIFY)) {
            Verify.of(verifyName);
        }
        long offset = integer(query.getOrDefault("offset", "0"), "offset");
        boolean overwrite = !query.getOrDefault("overwrite", "").isEmpty();
        UploadTarget t = UploadTarget.resolve(ctx, volumes.lookup(query.getOrDefault("volume", Volumes.DEFAULT)),
                query.getOrDefault("filepath", ""), query.get("filename"), true);
        if (offset < -1) {
            throw KojiFault.generic("Invalid upload offset: " + offset);
        }
        return new RawChunk(t, verifyName, offset, overwrite, running);
    }

    /**
     * Koji's uploadFile: a base64 chunk at an offset, checked against its size and digest (False
     * when they do not match); offset -1 with the whole file's size and digest ends the upload,
     * cutting the file to that size and checking it whole.
     */
    public boolean uploadFile(CallContext ctx, Object path, Object name, Object sizeArg, Object checksum,
                              Object offsetArg, Object data, Object volume) {
        byte[] contents = base64(data);
        long offset = integer(offsetArg, "offset");
        Long size = sizeArg == null ? null : integer(sizeArg, "size");
        String verifyName;
        String digest = null;
        if (checksum == null) {
            verifyName = null;
        } else if (checksum instanceof String s) {
            verifyName = "md5";
            digest = s;
        } else if (checksum instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String v
                && l.get(1) instanceof String d) {
            verifyName = v;
            digest = d;
        } else {
            throw KojiFault.parameter("Invalid checksum: expected an md5 hex string or [type, hexdigest]");
        }
        Verify.of(verifyName);
        if (offset != -1) {
            if (size != null && size != contents.length) {
                return false;
            }
            if (verifyName != null && !digest.equals(digestOf(verifyName, contents))) {
                return false;
            }
        }
        UploadTarget t = UploadTarget.resolve(ctx, volumes.lookup(volume), path, name, true);
        try {
            Optional<Volume.Stat> st = t.volume().stat(t.path());
            if (st.isPresent()) {
                if (!st.get().regularFile()) {
                    throw KojiFault.generic("destination not a file: " + t.display());
                }
                if (offset == 0 && !t.path().endsWith(".log")) {
                    throw KojiFault.generic("file already exists: " + t.display());
                }
            }
            try (Volume.Writer w = t.volume().openWriter(t.path())) {
                if (offset == 0 || (offset == -1 && size != null && size == contents.length)) {
                    w.truncate(0);
                }
                w.write(offset == -1 ? w.size() : offset, contents, 0, contents.length);
                if (offset == -1) {
                    if (size != null) {
                        w.truncate(size);
                    }
                    if (verifyName != null) {
                        try (InputStream in = w.readFrom(0)) {
                            return digest.equals(Verify.of(verifyName).consume(in).hexdigest());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw fault(e, t);
        }
        return true;
    }

    /** Koji's checkUpload: {size, mtime[, sumlength, hexdigest]}, or None when there is no such file. */
    public Map<String, Object> check(CallContext ctx, Object path, Object name, Object verifyArg, Object tailArg,
                                     Object volume) {
        if (verifyArg != null && !(verifyArg instanceof String)) {
            throw KojiFault.parameter("Invalid verify type: " + verifyArg);
        }
        Verify verify = Verify.of((String) verifyArg);
        Long tail = tailArg == null ? null : integer(tailArg, "tail");
        if (tail != null && tail < 0) {
            throw KojiFault.generic("Invalid tail value: " + tail);
        }
        UploadTarget t = UploadTarget.resolve(ctx, volumes.lookup(volume), path, name, false);
        try {
            Optional<Volume.Stat> st = t.volume().stat(t.path());
            if (st.isEmpty()) {
                return null;
            }
            if (!st.get().regularFile()) {
                throw KojiFault.generic("Not a regular file: " + t.display());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            long fileSize = st.get().size();
            out.put("size", number(fileSize));
            out.put("mtime", st.get().modified().toEpochMilli() / 1000.0);
            if (verify != null) {
                long from = tail == null ? 0 : Math.max(fileSize - tail, 0);
                CountingInputStream in = new CountingInputStream(t.volume().openRead(t.path(), from));
                try (in) {
                    verify.consume(in);
                }
                out.put("sumlength", number(in.count()));
                out.put("hexdigest", verify.hexdigest());
            }
            return out;
        } catch (IOException e) {
            throw fault(e, t);
        }
    }

    /** An I/O failure as the client should see it: a clear fault for what it caused, else an error. */
    static RuntimeException fault(IOException e, UploadTarget t) {
        if (e instanceof Volume.LockedException) {
            return new KojiFault(FaultCode.LOCK, "upload in progress by another writer: " + t.display());
        }
        if (e instanceof FsVolume.SymlinkException) {
            return KojiFault.generic("Invalid upload directory, symbolic link in path: " + t.display());
        }
        // A full or failing disk is the operator's to fix; the client is told what happened to its file.
        return KojiFault.generic("cannot store " + t.display() + ": " + e.getMessage());
    }

    private static String digestOf(String verify, byte[] data) {
        Verify v = Verify.of(verify);
        v.update(data, 0, data.length);
        return v.hexdigest();
    }

    private static byte[] base64(Object data) {
        if (data instanceof byte[] b) {
            return b;
        }
        if (!(data instanceof String s)) {
            throw KojiFault.parameter("Invalid upload data: expected base64 text");
        }
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw KojiFault.parameter("Invalid upload data: not base64 (" + e.getMessage() + ")");
        }
    }

    /** Koji's decode_int: an integer, or a string of one (XML-RPC ints are 32 bits). */
    static long integer(Object v, String what) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the fault
            }
        }
        throw KojiFault.parameter("Invalid " + what + ": " + v);
    }

    /** A size as XML-RPC carries it: an int while it fits, else i8. */
    static Object number(long n) {
        return n == (int) n ? (Object) (int) n : (Object) n;
    }
}
