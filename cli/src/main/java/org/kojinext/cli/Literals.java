package org.kojinext.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads argument values as Koji's {@code call} does: JSON ({@code --json-input}), Python literals
 * ({@code --python}, what ast.literal_eval takes: numbers, strings, True/False/None, lists,
 * tuples, dicts), or plain words ({@link #plain}: Koji's arg_filter).
 */
public final class Literals {
    private final String text;
    private final boolean python;
    private int pos;

    private Literals(String text, boolean python) {
        this.text = text;
        this.python = python;
    }

    public static Object json(String text) {
        return new Literals(text, false).whole();
    }

    public static Object python(String text) {
        return new Literals(text, true).whole();
    }

    /** Koji's arg_filter: an int, else a float, else None/True/False, else the string itself. */
    public static Object plain(String arg) {
        try {
            long v = Long.parseLong(arg.strip().replace("_", ""));
            return v == (int) v ? (Object) (int) v : (Object) v;
        } catch (NumberFormatException ignored) {
            // not an integer
        }
        try {
            if (!arg.isBlank() && !arg.strip().matches("(?i).*[a-z&&[^e]].*")) {
                return Double.parseDouble(arg.strip());
            }
        } catch (NumberFormatException ignored) {
            // not a float
        }
        return switch (arg) {
            case "None" -> null;
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            default -> arg;
        };
    }

    private Object whole() {
        Object v = value();
        skipSpace();
        if (pos != text.length()) {
            throw error("unexpected text after the value");
        }
        return v;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return dict();
        }
        if (c == '[' || (python && c == '(')) {
            return list(c == '[' ? ']' : ')');
        }
        if (c == '"' || (python && c == '\'')) {
            return string(c);
        }
        if (c == '-' || c == '+' || Character.isDigit(c) || c == '.') {
            return number();
        }
        String word = word();
        if (python) {
            switch (word) {
                case "None": return null;
                case "True": return Boolean.TRUE;
                case "False": return Boolean.FALSE;
                default: break;
            }
        } else {
            switch (word) {
                case "null": return null;
                case "true": return Boolean.TRUE;
                case "false": return Boolean.FALSE;
                default: break;
            }
        }
        throw error("unknown word " + (word.isEmpty() ? String.valueOf(c) : word));
    }

    private Map<Object, Object> dict() {
        pos++;
        Map<Object, Object> m = new LinkedHashMap<>();
        skipSpace();
        if (peek('}')) {
            pos++;
            return m;
        }
        while (true) {
            Object key = value();
            if (!python && !(key instanceof String)) {
                throw error("a JSON object key must be a string");
            }
            skipSpace();
            expect(':');
            m.put(key, value());
            skipSpace();
            if (peek(',')) {
                pos++;
                skipSpace();
                if (python && peek('}')) {
                    pos++;
                    return m;
                }
                continue;
            }
            expect('}');
            return m;
        }
    }

    private List<Object> list(char close) {
        pos++;
        List<Object> l = new ArrayList<>();
        skipSpace();
        if (peek(close)) {
            pos++;
            return l;
        }
        while (true) {
            l.add(value());
            skipSpace();
            if (peek(',')) {
                pos++;
                skipSpace();
                if (python && peek(close)) {
                    pos++;
                    return l;
                }
                continue;
            }
            expect(close);
            return l;
        }
    }

    private String string(char quote) {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("a \\u escape needs four hex digits");
                    }
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
        throw error("a string is not closed");
    }

    private Object number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE_".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String n = text.substring(start, pos).replace("_", "");
        try {
            if (n.matches("[+-]?\\d+")) {
                long v = Long.parseLong(n.startsWith("+") ? n.substring(1) : n);
                return v == (int) v ? (Object) (int) v : (Object) v;
            }
            return Double.parseDouble(n);
        } catch (NumberFormatException e) {
            throw error("bad number " + n);
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String why) {
        return new IllegalArgumentException(why + " at character " + (pos + 1) + " of " + text);
    }
}
