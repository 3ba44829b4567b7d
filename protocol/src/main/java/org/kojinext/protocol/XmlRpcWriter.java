package org.kojinext.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/** Marshals plain Java values into XML-RPC {@code <value>} elements the way Koji's hub does. */
final class XmlRpcWriter {
    private static final long INT_MIN = Integer.MIN_VALUE;
    private static final long INT_MAX = Integer.MAX_VALUE;

    private XmlRpcWriter() {
    }

    static void value(Object v, StringBuilder sb) {
        sb.append("<value>");
        switch (v) {
            case null -> sb.append("<nil/>");
            case String s -> {
                sb.append("<string>");
                escape(s, sb);
                sb.append("</string>");
            }
            case Boolean b -> sb.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
            case Integer i -> sb.append("<int>").append(i.intValue()).append("</int>");
            case Short s -> sb.append("<int>").append(s.intValue()).append("</int>");
            case Byte b -> sb.append("<int>").append(b.intValue()).append("</int>");
            case Long l -> integer(l, sb);
            case java.math.BigInteger bi -> {
                if (bi.bitLength() > 63) {
                    throw new IllegalArgumentException("int exceeds XML-RPC limits");
                }
                integer(bi.longValue(), sb);
            }
            case Double d -> sb.append("<double>").append(d.doubleValue()).append("</double>");
            case Float f -> sb.append("<double>").append(f.doubleValue()).append("</double>");
            case byte[] bytes -> sb.append("<base64>").append(Base64.getEncoder().encodeToString(bytes))
                    .append("</base64>");
            case OffsetDateTime t -> string(KojiTime.format(t), sb);
            case LocalDateTime t -> string(KojiTime.format(t), sb);
            case Instant t -> string(KojiTime.format(t), sb);
            case Map<?, ?> m -> struct(m, sb);
            case Collection<?> c -> {
                sb.append("<array><data>\n");
                for (Object item : c) {
                    value(item, sb);
                }
                sb.append("</data></array>");
            }
            case Object[] arr -> {
                sb.append("<array><data>\n");
                for (Object item : arr) {
                    value(item, sb);
                }
                sb.append("</data></array>");
            }
            default -> throw new IllegalArgumentException("cannot marshal " + v.getClass().getName() + " objects");
        }
        sb.append("</value>\n");
    }

    private static void struct(Map<?, ?> m, StringBuilder sb) {
        sb.append("<struct>\n");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                // XML-RPC structs have string keys only; Koji's hub converts before it returns.
                throw new IllegalArgumentException("dictionary key must be string");
            }
            sb.append("<member>\n<name>");
            escape(key, sb);
            sb.append("</name>\n");
            value(e.getValue(), sb);
            sb.append("</member>\n");
        }
        sb.append("</struct>");
    }

    private static void integer(long l, StringBuilder sb) {
        if (l >= INT_MIN && l <= INT_MAX) {
            sb.append("<int>").append(l).append("</int>");
        } else {
            sb.append("<i8>").append(l).append("</i8>");
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append("<string>");
        escape(s, sb);
        sb.append("</string>");
    }

    static void escape(String s, StringBuilder sb) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c);
            }
        }
    }
}
