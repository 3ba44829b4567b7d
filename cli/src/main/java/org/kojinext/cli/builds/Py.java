package org.kojinext.cli.builds;

import java.util.List;
import java.util.Map;

/**
 * The few pieces of Python's %-formatting and dict access that Koji's output relies on, so that
 * columns come out with Koji's widths and values print as Python prints them.
 */
public final class Py {
    private Py() {
    }

    /** {@code %-Ns}: left-justified in at least n characters. */
    public static String left(Object v, int n) {
        String s = str(v);
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    /** {@code %Ns}: right-justified in at least n characters. */
    public static String right(Object v, int n) {
        String s = str(v);
        return s.length() >= n ? s : " ".repeat(n - s.length()) + s;
    }

    /** Python's str() of a hub value: None, True, False, and ints without a decimal point. */
    public static String str(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d);
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return org.kojinext.cli.PyRepr.repr(v);
        }
        return String.valueOf(v);
    }

    /** The map's value as an int, or null. */
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

    /** Python truthiness of a hub value. */
    public static boolean truthy(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return false;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        return true;
    }

    /** Python's str.isdigit() for the ASCII digits Koji's arguments use. */
    public static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
