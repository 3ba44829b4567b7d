package org.kojinext.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A UTF-8 buffer that encoders write into and replies are sent from. It grows by adding chunks,
 * never by copying: a tag's 25,000 latest builds are some 50 MB of XML, and a StringBuilder, its
 * String, that String's bytes and a growing array would each have copied all of it.
 */
public final class ByteSink extends OutputStream {
    private static final int CHUNK = 1 << 20;

    private final List<byte[]> full = new ArrayList<>();
    private final List<Integer> fullLengths = new ArrayList<>();
    private byte[] cur;
    private int pos;
    private long before;

    public ByteSink(int initialCapacity) {
        cur = new byte[Math.max(64, Math.min(initialCapacity, CHUNK))];
    }

    public int length() {
        long n = before + pos;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException("reply too large to send: " + n + " bytes");
        }
        return (int) n;
    }

    @Override
    public void write(int b) {
        ensure(1);
        cur[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int n) {
        while (n > 0) {
            if (pos == cur.length) {
                ensure(1);
            }
            int k = Math.min(n, cur.length - pos);
            System.arraycopy(b, off, cur, pos, k);
            pos += k;
            off += k;
            n -= k;
        }
    }

    public void reset() {
        full.clear();
        fullLengths.clear();
        before = 0;
        pos = 0;
    }

    public void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < full.size(); i++) {
            out.write(full.get(i), 0, fullLengths.get(i));
        }
        out.write(cur, 0, pos);
    }

    public byte[] toByteArray() {
        byte[] all = new byte[length()];
        int at = 0;
        for (int i = 0; i < full.size(); i++) {
            System.arraycopy(full.get(i), 0, all, at, fullLengths.get(i));
            at += fullLengths.get(i);
        }
        System.arraycopy(cur, 0, all, at, pos);
        return all;
    }

    /** Appends text known to be ASCII (markup), one byte per char. */
    @SuppressWarnings("deprecation") // the byte-per-char copy is exactly what ASCII wants, and fast
    ByteSink ascii(String s) {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, cur, pos);
        pos += n;
        return this;
    }

    ByteSink ascii(char c) {
        ensure(1);
        cur[pos++] = (byte) c;
        return this;
    }

    /** Appends bytes that are already encoded. */
    ByteSink bytes(byte[] b) {
        write(b, 0, b.length);
        return this;
    }

    ByteSink decimal(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii(Long.toString(v));
        }
        ensure(20);
        if (v < 0) {
            cur[pos++] = '-';
            v = -v;
        }
        int start = pos;
        do {
            cur[pos++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte t = cur[i];
            cur[i] = cur[j];
            cur[j] = t;
        }
        return this;
    }

    /**
     * Appends text as UTF-8 with XML's markup characters escaped as Python's xmlrpc.client does
     * (plus carriage returns, which XML parsers would otherwise fold into newlines).
     */
    ByteSink xmlText(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = cur;
        int p = pos;
        int i = 0;
        // Most text is plain ASCII: one byte per char, room for all of it made above.
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '\r') {
                break;
            }
            b[p++] = (byte) c;
        }
        pos = p;
        for (; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> ascii("&amp;");
                case '<' -> ascii("&lt;");
                case '>' -> ascii("&gt;");
                case '\r' -> ascii("&#13;");
                default -> {
                    if (c < 0x80) {
                        ascii(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        codePoint(Character.toCodePoint(c, s.charAt(++i)));
                    } else if (Character.isSurrogate(c)) {
                        // An unpaired surrogate cannot be UTF-8; String.getBytes writes '?' too.
                        ascii('?');
                    } else {
                        codePoint(c);
                    }
                }
            }
        }
        return this;
    }

    private void codePoint(int cp) {
        ensure(4);
        if (cp < 0x800) {
            cur[pos++] = (byte) (0xC0 | (cp >> 6));
        } else if (cp < 0x10000) {
            cur[pos++] = (byte) (0xE0 | (cp >> 12));
            cur[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        } else {
            cur[pos++] = (byte) (0xF0 | (cp >> 18));
            cur[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            cur[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        }
        cur[pos++] = (byte) (0x80 | (cp & 0x3F));
    }

    /** Makes room for {@code more} contiguous bytes in the current chunk. */
    private void ensure(int more) {
        if (pos + more <= cur.length) {
            return;
        }
        if (pos > 0) {
            full.add(cur);
            fullLengths.add(pos);
            before += pos;
        }
        // Chunks double up to 1 MiB: a 5 KB answer should not cost a megabyte of garbage.
        cur = new byte[Math.max(more, Math.min(CHUNK, cur.length * 2))];
        pos = 0;
    }
}
