package org.kojinext.builder.buildroot;

import java.util.List;

/** Python's repr() of the few value types a mock config holds, since mock reads it as Python. */
final class PyRepr {
    private PyRepr() {
    }

    static String of(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof String s) {
            return string(s);
        }
        if (v instanceof List<?> l) {
            // a tuple, as mock's own configs write legal_host_arches
            StringBuilder b = new StringBuilder("(");
            for (Object o : l) {
                b.append(of(o)).append(", ");
            }
            if (!l.isEmpty()) {
                b.setLength(b.length() - (l.size() == 1 ? 1 : 2));
            }
            return b.append(')').toString();
        }
        throw new IllegalArgumentException("no Python repr for " + v);
    }

    /** repr(str): single quotes unless the text has ' and no ", backslash escapes for the rest. */
    static String string(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == quote) {
                        b.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append(quote).toString();
    }
}
