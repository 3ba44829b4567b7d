package org.kojinext.cli;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes hub values as Python's {@code json.dumps(value, indent=2)} does, so that {@code --json}
 * output and {@code call --json-output} match Koji's CLI byte for byte: two-space indents,
 * {@code ": "} and {@code ","} separators, non-ASCII escaped as {@code \\uXXXX}, empty containers
 * as {@code []} and {@code {}}.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : PyRepr.floatRepr(d));
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                newline(sb, depth + 1);
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), depth + 1);
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            newline(sb, depth);
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            list(sb, c.iterator(), c.isEmpty(), depth);
        } else if (v.getClass().isArray() && !(v instanceof byte[])) {
            int n = Array.getLength(v);
            java.util.List<Object> items = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(Array.get(v, i));
            }
            list(sb, items.iterator(), n == 0, depth);
        } else if (v instanceof byte[] bytes) {
            string(sb, java.util.Base64.getEncoder().encodeToString(bytes));
        } else {
            string(sb, v.toString());
        }
    }

    private static void list(StringBuilder sb, Iterator<?> it, boolean empty, int depth) {
        if (empty) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        while (it.hasNext()) {
            newline(sb, depth + 1);
            write(sb, it.next(), depth + 1);
            if (it.hasNext()) {
                sb.append(',');
            }
        }
        newline(sb, depth);
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int depth) {
        sb.append('\n');
        sb.append("  ".repeat(depth));
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
