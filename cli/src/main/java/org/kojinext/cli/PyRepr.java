package org.kojinext.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Hub values printed as Python prints them, for output that must read as Koji's CLI prints it:
 * {@link #repr} is Python's repr(), {@link #pformat} is pprint.pformat() (dict keys sorted, one
 * item per line once a value no longer fits in 80 columns).
 */
public final class PyRepr {
    private static final int WIDTH = 80;

    private PyRepr() {
    }

    public static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        repr(sb, v);
        return sb.toString();
    }

    public static String pformat(Object v) {
        StringBuilder sb = new StringBuilder();
        format(sb, v, 0, 0);
        return sb.toString();
    }

    private static void format(StringBuilder sb, Object v, int indent, int allowance) {
        String rep = repr(v);
        if (rep.length() <= WIDTH - indent - allowance) {
            sb.append(rep);
            return;
        }
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append('{');
            List<Map.Entry<?, ?>> items = sorted(m);
            int in = indent + 1;
            for (int i = 0; i < items.size(); i++) {
                boolean last = i == items.size() - 1;
                String key = repr(items.get(i).getKey());
                sb.append(key).append(": ");
                format(sb, items.get(i).getValue(), in + key.length() + 2, last ? allowance + 1 : 1);
                if (!last) {
                    sb.append(",\n").append(" ".repeat(in));
                }
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c && !c.isEmpty()) {
            sb.append('[');
            List<?> items = new ArrayList<>(c);
            int in = indent + 1;
            for (int i = 0; i < items.size(); i++) {
                boolean last = i == items.size() - 1;
                format(sb, items.get(i), in, last ? allowance + 1 : 1);
                if (!last) {
                    sb.append(",\n").append(" ".repeat(in));
                }
            }
            sb.append(']');
        } else {
            sb.append(rep);
        }
    }

    private static void repr(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "True" : "False");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isNaN(d) ? "nan" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : floatRepr(d));
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : sorted(m)) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                repr(sb, e.getKey());
                sb.append(": ");
                repr(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                repr(sb, o);
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    /**
     * Python's float repr: the shortest digits that read back the same (as Java's), written
     * plainly between 1e-4 and 1e16 ("1795692777.432446", "5.0") and as "1.5e-05" or "1e+16"
     * outside.
     */
    public static String floatRepr(double d) {
        String java = Double.toString(d);
        double abs = Math.abs(d);
        if (abs == 0 || (abs >= 1e-4 && abs < 1e16)) {
            String plain = new java.math.BigDecimal(java).toPlainString();
            if (!plain.contains(".")) {
                return plain + ".0";
            }
            // BigDecimal keeps the zeros of "1.0E-4"; Python's shortest digits do not.
            plain = plain.replaceAll("0+$", "");
            return plain.endsWith(".") ? plain + "0" : plain;
        }
        int e = java.indexOf('E');
        String mantissa = java.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(java.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static List<Map.Entry<?, ?>> sorted(Map<?, ?> m) {
        List<Map.Entry<?, ?>> items = new ArrayList<>(m.entrySet());
        items.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
        return items;
    }

    /** Python's str repr: single quotes unless the text has one and no double quote. */
    private static void string(StringBuilder sb, String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == q || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append(q);
    }
}
