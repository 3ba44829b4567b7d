package org.kojinext.cli.hosts;

/** Koji's CLI text helpers for table cells. */
public final class KojiText {
    private KojiText() {
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

    /** Python's str() of a hub value: floats as repr, so 2.0 stays "2.0". */
    public static String str(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Double || value instanceof Float) {
            return org.kojinext.cli.PyRepr.repr(value);
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value.toString();
    }

    /** Python's "%-Ns": left-aligned, padded to at least width. */
    public static String left(String s, int width) {
        int len = s.codePointCount(0, s.length());
        return len >= width ? s : s + " ".repeat(width - len);
    }
}
