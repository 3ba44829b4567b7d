package org.kojinext.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Marshals plain Java values into XML-RPC {@code <value>} elements the way Koji's hub does. */
final class XmlRpcWriter {
    private static final long INT_MIN = Integer.MIN_VALUE;
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final int MEMO_LIMIT = 4096;
    private static final ConcurrentHashMap<String, byte[]> MEMBER_START = new ConcurrentHashMap<>();

    private XmlRpcWriter() {
    }

    static void value(Object v, ByteSink sb) {
        sb.ascii("<value>");
        switch (v) {
            case null -> sb.ascii("<nil/>");
            case String s -> {
                sb.ascii("<string>");
                escape(s, sb);
                sb.ascii("</string>");
            }
            case Boolean b -> sb.ascii("<boolean>").ascii(b ? '1' : '0').ascii("</boolean>");
            case Integer i -> sb.ascii("<int>").decimal(i.intValue()).ascii("</int>");
            case Short s -> sb.ascii("<int>").decimal(s.intValue()).ascii("</int>");
            case Byte b -> sb.ascii("<int>").decimal(b.intValue()).ascii("</int>");
            case Long l -> integer(l, sb);
            case java.math.BigInteger bi -> {
                if (bi.bitLength() > 63) {
                    throw new IllegalArgumentException("int exceeds XML-RPC limits");
                }
                integer(bi.longValue(), sb);
            }
            case Double d -> sb.ascii("<double>").ascii(Double.toString(d.doubleValue())).ascii("</double>");
            case Float f -> sb.ascii("<double>").ascii(Double.toString(f.doubleValue())).ascii("</double>");
            case byte[] bytes -> sb.ascii("<base64>").ascii(Base64.getEncoder().encodeToString(bytes))
                    .ascii("</base64>");
            case OffsetDateTime t -> string(KojiTime.format(t), sb);
            case LocalDateTime t -> string(KojiTime.format(t), sb);
            case Instant t -> string(KojiTime.format(t), sb);
            case Map<?, ?> m -> struct(m, sb);
            case Collection<?> c -> {
                sb.ascii("<array><data>\n");
                for (Object item : c) {
                    value(item, sb);
                }
                sb.ascii("</data></array>");
            }
            case Object[] arr -> {
                sb.ascii("<array><data>\n");
                for (Object item : arr) {
                    value(item, sb);
                }
                sb.ascii("</data></array>");
            }
            default -> throw new IllegalArgumentException("cannot marshal " + v.getClass().getName() + " objects");
        }
        sb.ascii("</value>\n");
    }

    private static void struct(Map<?, ?> m, ByteSink sb) {
        sb.ascii("<struct>\n");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                // XML-RPC structs have string keys only; Koji's hub converts before it returns.
                throw new IllegalArgumentException("dictionary key must be string");
            }
            sb.bytes(memberStart(key));
            value(e.getValue(), sb);
            sb.ascii("</member>\n");
        }
        sb.ascii("</struct>");
    }

    /**
     * A member's opening markup and name, encoded once per key: answers repeat the same few dozen
     * keys in every struct. Keys from user data (extra) could be anything, so the memo is bounded.
     */
    private static byte[] memberStart(String key) {
        byte[] b = MEMBER_START.get(key);
        if (b == null) {
            ByteSink one = new ByteSink(64).ascii("<member>\n<name>").xmlText(key).ascii("</name>\n");
            b = one.toByteArray();
            if (MEMBER_START.size() < MEMO_LIMIT) {
                MEMBER_START.put(key, b);
            }
        }
        return b;
    }

    private static void integer(long l, ByteSink sb) {
        if (l >= INT_MIN && l <= INT_MAX) {
            sb.ascii("<int>").decimal(l).ascii("</int>");
        } else {
            sb.ascii("<i8>").decimal(l).ascii("</i8>");
        }
    }

    private static void string(String s, ByteSink sb) {
        sb.ascii("<string>");
        escape(s, sb);
        sb.ascii("</string>");
    }

    static void escape(String s, ByteSink sb) {
        sb.xmlText(s);
    }
}
