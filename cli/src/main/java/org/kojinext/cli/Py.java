package org.kojinext.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bits of Python's semantics that Koji's handlers lean on when they print or compare hub
 * answers: truth values, {@code str()}, {@code %s}/{@code %i}/{@code %-Ns} conversions,
 * {@code int()} on user input, and the loose typing of hub structures. (Python's repr and pprint
 * are {@link PyRepr}.)
 */
public final class Py {
    private Py() {
    }

    /** Python's bool(): None, False, zero and empty strings or containers are false (as the hub decides). */
    public static boolean truthy(Object v) {
        return org.kojinext.protocol.KojiArgs.truthy(v);
    }

    /**
     * Python's str() of a value as a hub sends it: text as it is, None/True/False, floats as
     * Python writes them (2.0, 1795692777.432446), lists and dicts as their repr.
     */
    public static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == null || v instanceof Boolean || v instanceof Number || v instanceof Map<?, ?>
                || v instanceof Collection<?>) {
            return PyRepr.repr(v);
        }
        return v.toString();
    }

    /** {@code %i} of a number the hub sent. */
    public static String i(Object v) {
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        throw new CliFailure("TypeError: %i format: a real number is required, not " + typeName(v));
    }

    /** {@code %-Ns}: left-justified in at least width characters (as Python counts them). */
    public static String left(Object v, int width) {
        String s = str(v);
        int len = s.codePointCount(0, s.length());
        return len >= width ? s : s + " ".repeat(width - len);
    }

    /** {@code %Ns}: right-justified in at least width characters (as Python counts them). */
    public static String right(Object v, int width) {
        String s = str(v);
        int len = s.codePointCount(0, s.length());
        return len >= width ? s : " ".repeat(width - len) + s;
    }

    /** Koji's truncate_string: one line, at most 47 characters then "...", "" for none. */
    public static String truncate(Object value) {
        if (value == null || value.toString().isEmpty()) {
            return "";
        }
        String s = value.toString().replace('\n', ' ');
        if (s.codePointCount(0, s.length()) <= 47) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, 47)) + "...";
    }

    /**
     * Python's int() on a command-line word. Koji's handlers call it unguarded, so a bad word
     * ends the command with Python's ValueError, which we print the same way.
     */
    public static int parseInt(String s) {
        String t = s.strip().replace("_", "");
        try {
            if (!t.isEmpty() && !s.contains("__") && !s.strip().startsWith("_") && !s.strip().endsWith("_")) {
                return Integer.parseInt(t.startsWith("+") ? t.substring(1) : t);
            }
        } catch (NumberFormatException ignored) {
            // reported below as Python reports it
        }
        throw new CliFailure("ValueError: invalid literal for int() with base 10: " + PyRepr.repr(s));
    }

    /** Python's str.isdigit() for the ASCII words a command line gives. */
    public static boolean isDigits(String s) {
        return s != null && !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Python's ==, as far as hub values go: 3 == 3.0 and int ids of any width compare equal. */
    public static boolean eq(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }

    /** A hub number as an int (hubs send ints as Integer or Long), or null for anything else. */
    public static Integer intOf(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object v) {
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Object v) {
        return (List<Map<String, Object>>) v;
    }

    /** Keyword arguments for a call; values may be None, which Map.of refuses. */
    public static Map<String, Object> kw(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        return v instanceof String ? "str" : v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
