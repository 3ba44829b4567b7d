package org.kojinext.hub.rpm;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The signing key of an rpm's signature header, as Koji names it in rpmsigs.sigkey: the last 4
 * bytes of the issuer's key id in lowercase hex, or '' when the header carries no signature.
 * Koji reads the issuer subpacket (16) only; a v4 signature that names its issuer solely by
 * fingerprint (subpacket 33), as newer signers write, is read here too (a v4 key's id is the
 * fingerprint's last 8 bytes). rpmsigs has no column for the fingerprint itself.
 */
public final class SigKeys {
    /** The signature tags Koji looks at, in Koji's order: GPG, PGP, DSA, RSA. */
    private static final int[] SIGNATURE_TAGS = {1005, 1002, 267, 268};
    private static final int SIGNATURE_PACKET = 2;
    private static final int ISSUER = 16;
    private static final int ISSUER_FINGERPRINT = 33;

    private SigKeys() {
    }

    /** The sigkey of a signature header as Koji's rip_rpm_sighdr gives it (padding included). */
    public static String of(byte[] sighdr) throws RpmFormatException {
        if (sighdr.length < 16) {
            throw new RpmFormatException("truncated signature header");
        }
        ByteBuffer b = ByteBuffer.wrap(sighdr);
        long length = 16 + 16L * b.getInt(8) + b.getInt(12);
        if (length > sighdr.length || length < 16) {
            throw new RpmFormatException("truncated signature header");
        }
        Header sig = Header.parse(Arrays.copyOf(sighdr, (int) length), "signature header");
        for (int tag : SIGNATURE_TAGS) {
            byte[] packet = sig.bin(tag);
            if (packet != null && packet.length > 0) {
                return keyId(packet);
            }
        }
        return "";
    }

    /** Koji's get_sigpacket_key_id: the short key id of one OpenPGP signature packet. */
    static String keyId(byte[] packet) throws RpmFormatException {
        ByteBuffer body = packetBody(packet);
        int version = u8(body, 0);
        byte[] id;
        if (version == 3) {
            need(body, 19);
            id = Arrays.copyOfRange(body.array(), body.arrayOffset() + 11, body.arrayOffset() + 15);
        } else if (version == 4) {
            need(body, 6);
            int hashed = u16(body, 4);
            need(body, 6 + hashed + 2);
            int unhashed = u16(body, 6 + hashed);
            need(body, 8 + hashed + unhashed);
            Set<String> ids = new LinkedHashSet<>();
            Set<String> fromFingerprints = new LinkedHashSet<>();
            subpackets(body, 6, 6 + hashed, ids, fromFingerprints);
            subpackets(body, 8 + hashed, 8 + hashed + unhashed, ids, fromFingerprints);
            Set<String> found = ids.isEmpty() ? fromFingerprints : ids;
            if (found.size() != 1) {
                throw new RpmFormatException("signature names " + found.size() + " issuer key ids");
            }
            return found.iterator().next();
        } else {
            throw new RpmFormatException("unknown OpenPGP signature packet version " + version);
        }
        return HexFormat.of().formatHex(id);
    }

    /** The packet's body, after a check that it is one whole signature packet. */
    private static ByteBuffer packetBody(byte[] p) throws RpmFormatException {
        if (p.length < 2 || (p[0] & 0x80) == 0) {
            throw new RpmFormatException("signature is not an OpenPGP packet");
        }
        int tag;
        int offset;
        long length;
        int b0 = p[0] & 0xff;
        if ((b0 & 0x40) == 0) {
            tag = (b0 & 0x3c) >> 2;
            switch (b0 & 0x03) {
                case 0 -> { offset = 2; length = p[1] & 0xff; }
                case 1 -> { offset = 3; length = p.length < 3 ? -1 : ((p[1] & 0xff) << 8) | (p[2] & 0xff); }
                case 2 -> { offset = 5; length = p.length < 5 ? -1 : ByteBuffer.wrap(p, 1, 4).getInt() & 0xffffffffL; }
                default -> { offset = 1; length = p.length - 1; }
            }
        } else {
            tag = b0 & 0x3f;
            int b1 = p[1] & 0xff;
            if (b1 < 192) {
                offset = 2;
                length = b1;
            } else if (b1 < 224) {
                offset = 3;
                length = p.length < 3 ? -1 : ((b1 - 192) << 8) + (p[2] & 0xff) + 192;
            } else if (b1 == 255) {
                offset = 6;
                length = p.length < 6 ? -1 : ByteBuffer.wrap(p, 2, 4).getInt() & 0xffffffffL;
            } else {
                throw new RpmFormatException("OpenPGP signature packet with partial body lengths");
            }
        }
        if (tag != SIGNATURE_PACKET) {
            throw new RpmFormatException("signature is not an OpenPGP signature packet");
        }
        if (length < 1 || offset + length != p.length) {
            throw new RpmFormatException("invalid OpenPGP packet length");
        }
        return ByteBuffer.wrap(p, offset, (int) length).slice();
    }

    private static void subpackets(ByteBuffer body, int from, int to, Set<String> ids, Set<String> fingerprints)
            throws RpmFormatException {
        int at = from;
        while (at < to) {
            int b0 = u8(body, at);
            long length;
            int off;
            if (b0 < 192) {
                length = b0;
                off = 1;
            } else if (b0 < 255) {
                need(body, at + 2);
                length = ((b0 - 192) << 8) + u8(body, at + 1) + 192;
                off = 2;
            } else {
                need(body, at + 5);
                length = body.getInt(at + 1) & 0xffffffffL;
                off = 5;
            }
            if (length < 1 || at + off + length > to) {
                throw new RpmFormatException("invalid OpenPGP signature subpacket length");
            }
            int type = u8(body, at + off) & 0x7f;
            int data = at + off + 1;
            int dataLength = (int) length - 1;
            if (type == ISSUER && dataLength == 8) {
                ids.add(hex(body, data + 4, 4));
            } else if (type == ISSUER_FINGERPRINT && dataLength == 21 && u8(body, data) == 4) {
                fingerprints.add(hex(body, data + 1 + 16, 4));
            }
            at += off + (int) length;
        }
    }

    private static String hex(ByteBuffer b, int at, int n) {
        byte[] out = new byte[n];
        b.get(at, out);
        return HexFormat.of().formatHex(out);
    }

    private static int u8(ByteBuffer b, int at) throws RpmFormatException {
        need(b, at + 1);
        return b.get(at) & 0xff;
    }

    private static int u16(ByteBuffer b, int at) throws RpmFormatException {
        need(b, at + 2);
        return b.getShort(at) & 0xffff;
    }

    private static void need(ByteBuffer b, int length) throws RpmFormatException {
        if (b.limit() < length) {
            throw new RpmFormatException("truncated OpenPGP signature packet");
        }
    }
}
