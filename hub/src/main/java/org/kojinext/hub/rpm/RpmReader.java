package org.kojinext.hub.rpm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.kojinext.hub.storage.CountingInputStream;
import org.kojinext.protocol.Sha256;

/**
 * Reads an rpm file: the 96-byte lead, the signature header padded to 8 bytes, then the main header.
 * The payload after the headers is only counted and digested, never decompressed.
 */
public final class RpmReader {
    public static final int LEAD_SIZE = 96;
    private static final byte[] LEAD_MAGIC = {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb};
    /** RPMSIGTYPE_HEADERSIG, the only signature type rpm has written since 2.1. */
    private static final int HEADER_SIGNATURE = 5;

    private RpmReader() {
    }

    /**
     * The two headers. {@code signatureBytes} is what Koji's rip_rpm_sighdr takes out of a file: the
     * signature header with its padding, from just after the lead to {@code mainHeaderOffset}.
     */
    public record Headers(Header signature, byte[] signatureBytes, Header main, long mainHeaderOffset) {
    }

    /** Reads the lead and both headers, leaving {@code in} at the start of the payload. */
    public static Headers readHeaders(InputStream in) throws IOException, RpmFormatException {
        byte[] lead = in.readNBytes(LEAD_SIZE);
        if (lead.length >= LEAD_MAGIC.length && !Arrays.equals(lead, 0, 4, LEAD_MAGIC, 0, 4)) {
            throw new RpmFormatException("not an RPM: bad lead magic");
        }
        if (lead.length < LEAD_SIZE) {
            throw new RpmFormatException(lead.length == 0 ? "not an RPM: empty file" : "truncated lead");
        }
        int signatureType = ByteBuffer.wrap(lead).getShort(78);
        if (signatureType != HEADER_SIGNATURE) {
            throw new RpmFormatException("unsupported RPM signature type " + signatureType);
        }
        Header signature = Header.read(in, "signature header");
        int padding = (8 - signature.length() % 8) % 8;
        byte[] pad = in.readNBytes(padding);
        if (pad.length != padding) {
            throw new RpmFormatException("truncated signature header");
        }
        byte[] signatureBytes = Arrays.copyOf(signature.bytes(), signature.length() + padding);
        Header main = Header.read(in, "main header");
        return new Headers(signature, signatureBytes, main, LEAD_SIZE + (long) signatureBytes.length);
    }

    public static RpmInfo read(Path file) throws IOException, RpmFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Reads {@code in} to its end. The size and SHA-256 are those of every byte read, so for a file
     * they are the file's own and the import needs no second pass to record its checksum.
     */
    public static RpmInfo read(InputStream in) throws IOException, RpmFormatException {
        MessageDigest sha256 = Sha256.newDigest();
        CountingInputStream counted = new CountingInputStream(
                new DigestInputStream(new BufferedInputStream(in, 1 << 16), sha256));
        Headers headers = readHeaders(counted);
        counted.transferTo(java.io.OutputStream.nullOutputStream());
        checkSize(headers, counted.count());
        return RpmInfo.of(headers, counted.count(), HexFormat.of().formatHex(sha256.digest()));
    }

    /** The signature header's SIZE covers the main header and payload, so a cut-off payload shows here. */
    private static void checkSize(Headers headers, long size) throws RpmFormatException {
        Long signed = headers.signature().integer(RpmTag.SIG_LONGSIZE);
        if (signed == null) {
            signed = headers.signature().integer(RpmTag.SIG_SIZE);
        }
        if (signed == null) {
            return;
        }
        long expected = headers.mainHeaderOffset() + signed;
        if (size < expected) {
            throw new RpmFormatException("truncated payload: file has " + size + " bytes, its signature header says "
                    + expected);
        }
        if (size > expected) {
            throw new RpmFormatException("file has " + (size - expected)
                    + " bytes past the end its signature header gives");
        }
    }
}
