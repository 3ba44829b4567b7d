package org.kojinext.hub.rpm;

import static org.kojinext.hub.rpm.RpmTag.TYPE_BIN;
import static org.kojinext.hub.rpm.RpmTag.TYPE_CHAR;
import static org.kojinext.hub.rpm.RpmTag.TYPE_I18NSTRING;
import static org.kojinext.hub.rpm.RpmTag.TYPE_INT16;
import static org.kojinext.hub.rpm.RpmTag.TYPE_INT32;
import static org.kojinext.hub.rpm.RpmTag.TYPE_INT64;
import static org.kojinext.hub.rpm.RpmTag.TYPE_INT8;
import static org.kojinext.hub.rpm.RpmTag.TYPE_STRING;
import static org.kojinext.hub.rpm.RpmTag.TYPE_STRING_ARRAY;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rpm header structure (signature or main): the 16-byte preamble, the index and the data store.
 * Every index entry's type, offset and size is checked against the store when the header is read, and
 * a string's terminating NUL when the tag is read, so nothing reads outside the store; an accessor
 * throws when a tag has a type it cannot give or a string without its NUL.
 */
public final class Header {
    /** rpm refuses more index entries than this (hdrchkTags). */
    public static final int MAX_ENTRIES = 0xffff;
    /** rpm refuses a larger data store than this (hdrchkData). */
    public static final int MAX_DATA = 256 << 20;
    private static final byte[] MAGIC = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01};
    private static final int PREAMBLE = 16;
    private static final int ENTRY = 16;

    private record Entry(int tag, int type, int offset, int count) {
    }

    private final String what;
    private final byte[] blob;
    private final int storeStart;
    private final Map<Integer, Entry> entries;

    private Header(String what, byte[] blob, int storeStart, Map<Integer, Entry> entries) {
        this.what = what;
        this.blob = blob;
        this.storeStart = storeStart;
        this.entries = entries;
    }

    /**
     * Reads one header from {@code in}, leaving the stream just after its data store (no padding read).
     * {@code what} names the header in messages, e.g. "signature header".
     */
    public static Header read(InputStream in, String what) throws IOException, RpmFormatException {
        byte[] preamble = readExactly(in, PREAMBLE, what);
        if (!Arrays.equals(preamble, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new RpmFormatException("not an RPM: bad " + what + " magic");
        }
        ByteBuffer p = ByteBuffer.wrap(preamble);
        int count = p.getInt(8);
        int dataSize = p.getInt(12);
        checkSizes(what, count, dataSize);
        byte[] rest = readExactly(in, count * ENTRY + dataSize, what);
        byte[] blob = new byte[PREAMBLE + rest.length];
        System.arraycopy(preamble, 0, blob, 0, PREAMBLE);
        System.arraycopy(rest, 0, blob, PREAMBLE, rest.length);
        return parse(blob, what);
    }

    /** Parses a whole header blob (magic through data store, nothing after it). */
    public static Header parse(byte[] blob, String what) throws RpmFormatException {
        if (blob.length < PREAMBLE) {
            throw new RpmFormatException("truncated " + what);
        }
        if (!Arrays.equals(blob, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new RpmFormatException("not an RPM: bad " + what + " magic");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        int count = b.getInt(8);
        int dataSize = b.getInt(12);
        checkSizes(what, count, dataSize);
        long expected = PREAMBLE + (long) count * ENTRY + dataSize;
        if (blob.length < expected) {
            throw new RpmFormatException("truncated " + what);
        }
        if (blob.length > expected) {
            throw new RpmFormatException(what + " has " + (blob.length - expected) + " bytes after its data store");
        }
        int storeStart = PREAMBLE + count * ENTRY;
        Map<Integer, Entry> entries = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int at = PREAMBLE + i * ENTRY;
            Entry e = new Entry(b.getInt(at), b.getInt(at + 4), b.getInt(at + 8), b.getInt(at + 12));
            check(what, e, dataSize);
            // Like Koji's RawHeader: a repeated tag keeps its last entry.
            entries.put(e.tag, e);
        }
        return new Header(what, blob, storeStart, entries);
    }

    private static void checkSizes(String what, int count, int dataSize) throws RpmFormatException {
        if (count < 0 || count > MAX_ENTRIES) {
            throw new RpmFormatException(what + " index count " + Integer.toUnsignedString(count)
                    + " is outside 0.." + MAX_ENTRIES);
        }
        if (dataSize < 0 || dataSize > MAX_DATA) {
            throw new RpmFormatException(what + " data size " + Integer.toUnsignedString(dataSize)
                    + " is outside 0.." + MAX_DATA);
        }
    }

    private static void check(String what, Entry e, int dataSize) throws RpmFormatException {
        String where = what + " tag " + e.tag;
        if (!RpmTag.isKnownType(e.type)) {
            throw new RpmFormatException(where + " has unknown type " + e.type);
        }
        if (e.offset < 0 || e.offset > dataSize) {
            throw new RpmFormatException(where + " offset " + Integer.toUnsignedString(e.offset)
                    + " is outside the data store");
        }
        if (e.count < 0 || (e.count == 0 && e.type != RpmTag.TYPE_NULL) || e.count > dataSize) {
            throw new RpmFormatException(where + " count " + Integer.toUnsignedString(e.count) + " is invalid");
        }
        if (RpmTag.isStringType(e.type)) {
            if (e.type == TYPE_STRING && e.count != 1) {
                throw new RpmFormatException(where + " is a STRING with count " + e.count);
            }
            // Each string needs at least its NUL. The NULs themselves are looked for only when a tag is
            // read: scanning every entry here could cost entries x store size on a hostile header.
            if (e.count > dataSize - e.offset) {
                throw new RpmFormatException(where + " string runs past the data store");
            }
        } else if ((long) e.offset + (long) e.count * RpmTag.elementSize(e.type) > dataSize) {
            throw new RpmFormatException(where + " data runs past the data store");
        }
    }

    private static byte[] readExactly(InputStream in, int n, String what) throws IOException, RpmFormatException {
        // readNBytes grows its buffer as data arrives, so a lying size on a short file costs little memory.
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new RpmFormatException("truncated " + what);
        }
        return b;
    }

    /** The header as stored: magic, index and data store. */
    public byte[] bytes() {
        return blob.clone();
    }

    /** Size in bytes of the header as stored, without padding. */
    public int length() {
        return blob.length;
    }

    public Set<Integer> tags() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    public boolean has(int tag) {
        return entries.containsKey(tag);
    }

    /** The entry type of {@code tag}, or -1 when absent. */
    public int type(int tag) {
        Entry e = entries.get(tag);
        return e == null ? -1 : e.type;
    }

    /** A STRING, or the first value of an I18NSTRING (the C locale); null when absent. */
    public String string(int tag) throws RpmFormatException {
        Entry e = get(tag, TYPE_STRING, TYPE_I18NSTRING);
        return e == null ? null : strings(e).get(0);
    }

    /** A STRING_ARRAY or all values of an I18NSTRING; null when absent. */
    public List<String> stringArray(int tag) throws RpmFormatException {
        Entry e = get(tag, TYPE_STRING_ARRAY, TYPE_I18NSTRING);
        return e == null ? null : strings(e);
    }

    /** An INT8 or CHAR entry; null when absent. */
    public byte[] int8(int tag) throws RpmFormatException {
        Entry e = get(tag, TYPE_INT8, TYPE_CHAR);
        return e == null ? null : raw(e, 1);
    }

    public short[] int16(int tag) throws RpmFormatException {
        Entry e = get(tag, TYPE_INT16, TYPE_INT16);
        if (e == null) {
            return null;
        }
        short[] v = new short[e.count];
        data(e).asShortBuffer().get(v);
        return v;
    }

    public int[] int32(int tag) throws RpmFormatException {
        Entry e = get(tag, TYPE_INT32, TYPE_INT32);
        if (e == null) {
            return null;
        }
        int[] v = new int[e.count];
        data(e).asIntBuffer().get(v);
        return v;
    }

    public long[] int64(int tag) throws RpmFormatException {
        Entry e = get(tag, TYPE_INT64, TYPE_INT64);
        if (e == null) {
            return null;
        }
        long[] v = new long[e.count];
        data(e).asLongBuffer().get(v);
        return v;
    }

    /** The first value of any integer type, INT8/16/32 read unsigned as rpm prints them; null when absent. */
    public Long integer(int tag) throws RpmFormatException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        ByteBuffer d = data(e);
        return switch (e.type) {
            case TYPE_CHAR, TYPE_INT8 -> (long) Byte.toUnsignedInt(d.get());
            case TYPE_INT16 -> (long) Short.toUnsignedInt(d.getShort());
            case TYPE_INT32 -> Integer.toUnsignedLong(d.getInt());
            case TYPE_INT64 -> d.getLong();
            default -> throw wrongType(e);
        };
    }

    public byte[] bin(int tag) throws RpmFormatException {
        Entry e = get(tag, TYPE_BIN, TYPE_BIN);
        return e == null ? null : raw(e, 1);
    }

    private Entry get(int tag, int type, int alternative) throws RpmFormatException {
        Entry e = entries.get(tag);
        if (e != null && e.type != type && e.type != alternative) {
            throw wrongType(e);
        }
        return e;
    }

    private RpmFormatException wrongType(Entry e) {
        return new RpmFormatException(what + " tag " + e.tag + " has unexpected type " + e.type);
    }

    private ByteBuffer data(Entry e) {
        return ByteBuffer.wrap(blob, storeStart + e.offset, e.count * RpmTag.elementSize(e.type)).slice();
    }

    private byte[] raw(Entry e, int size) {
        int from = storeStart + e.offset;
        return Arrays.copyOfRange(blob, from, from + e.count * size);
    }

    private List<String> strings(Entry e) throws RpmFormatException {
        List<String> out = new ArrayList<>(e.count);
        int pos = storeStart + e.offset;
        for (int n = 0; n < e.count; n++) {
            int end = pos;
            while (end < blob.length && blob[end] != 0) {
                end++;
            }
            if (end == blob.length) {
                throw new RpmFormatException(what + " tag " + e.tag + " string runs past the data store");
            }
            // Koji decodes header strings as UTF-8 too; a bad byte becomes U+FFFD rather than failing.
            out.add(new String(blob, pos, end - pos, StandardCharsets.UTF_8));
            pos = end + 1;
        }
        return List.copyOf(out);
    }
}
