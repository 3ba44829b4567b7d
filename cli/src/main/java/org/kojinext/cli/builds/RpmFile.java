package org.kojinext.cli.builds;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header fields of an rpm file that import and download need (Koji's get_header_fields),
 * and the MD5 of its header and payload, which is what rpm calls SIGMD5 and Koji stores as an
 * rpm's payloadhash. Only the rpm format's lead and header structures are read; nothing is run.
 */
public final class RpmFile {
    private static final int LEAD = 96;
    private static final int NAME = 1000;
    private static final int VERSION = 1001;
    private static final int RELEASE = 1002;
    private static final int EPOCH = 1003;
    private static final int ARCH = 1022;
    private static final int SOURCERPM = 1044;
    private static final int SOURCEPACKAGE = 1106;
    private static final int SIG_MD5 = 1004;

    private RpmFile() {
    }

    /** name, version, release, epoch (Integer or null), arch, sourcepackage (0/1), sourcerpm, sigmd5 (hex). */
    public static Map<String, Object> fields(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            lead(in, file);
            Header sig = header(in, file);
            in.skipNBytes(pad(sig.dataLength + 16 + 16L * sig.count));
            Header main = header(in, file);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", main.string(NAME));
            out.put("version", main.string(VERSION));
            out.put("release", main.string(RELEASE));
            out.put("epoch", main.int32(EPOCH));
            out.put("arch", main.string(ARCH));
            out.put("sourcepackage", main.has(SOURCEPACKAGE) ? 1 : 0);
            out.put("sourcerpm", main.string(SOURCERPM));
            byte[] md5 = sig.bin(SIG_MD5);
            out.put("sigmd5", md5 == null ? null : HexFormat.of().formatHex(md5));
            return out;
        }
    }

    /**
     * The MD5 of everything after the signature header: what rpm signs as SIGMD5. Throws when
     * the file is not an rpm.
     */
    public static String payloadHash(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            lead(in, file);
            Header sig = header(in, file);
            in.skipNBytes(pad(sig.dataLength + 16 + 16L * sig.count));
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lead(DataInputStream in, Path file) throws IOException {
        byte[] lead = in.readNBytes(LEAD);
        if (lead.length < LEAD || (lead[0] & 0xff) != 0xed || (lead[1] & 0xff) != 0xab
                || (lead[2] & 0xff) != 0xee || (lead[3] & 0xff) != 0xdb) {
            throw new IOException("Not an rpm file: " + file);
        }
    }

    /** Bytes to skip after the signature header's store so the main header starts 8-aligned. */
    private static long pad(long signatureSize) {
        return (8 - signatureSize % 8) % 8;
    }

    private static Header header(DataInputStream in, Path file) throws IOException {
        int magic = in.readInt();
        if (magic >>> 8 != 0x8eade8) {
            throw new IOException("Bad rpm header magic in " + file);
        }
        in.readInt();
        int count = in.readInt();
        int dataLength = in.readInt();
        if (count < 0 || count > 100_000 || dataLength < 0 || dataLength > 256 << 20) {
            throw new IOException("Unreasonable rpm header in " + file);
        }
        byte[] index = in.readNBytes(16 * count);
        byte[] data = in.readNBytes(dataLength);
        if (index.length != 16 * count || data.length != dataLength) {
            throw new IOException("Truncated rpm header in " + file);
        }
        return new Header(count, dataLength, ByteBuffer.wrap(index), data);
    }

    private record Header(int count, int dataLength, ByteBuffer index, byte[] data) {
        private int entry(int tag) {
            for (int i = 0; i < count; i++) {
                if (index.getInt(16 * i) == tag) {
                    return i;
                }
            }
            return -1;
        }

        boolean has(int tag) {
            return entry(tag) >= 0;
        }

        String string(int tag) {
            int i = entry(tag);
            if (i < 0) {
                return null;
            }
            int off = index.getInt(16 * i + 8);
            int end = off;
            while (end < data.length && data[end] != 0) {
                end++;
            }
            return new String(data, off, end - off, StandardCharsets.UTF_8);
        }

        Integer int32(int tag) {
            int i = entry(tag);
            return i < 0 ? null : ByteBuffer.wrap(data).getInt(index.getInt(16 * i + 8));
        }

        byte[] bin(int tag) {
            int i = entry(tag);
            if (i < 0) {
                return null;
            }
            int off = index.getInt(16 * i + 8);
            int len = index.getInt(16 * i + 12);
            return java.util.Arrays.copyOfRange(data, off, off + len);
        }
    }
}
