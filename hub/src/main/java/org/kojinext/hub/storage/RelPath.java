package org.kojinext.hub.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Relative paths inside a volume as the hub accepts them: '/'-separated, never absolute, never
 * with a ".." segment or a NUL. Stricter than Koji's normpath, which would fold "a/../b" to "b":
 * there is no honest reason for a client to send one.
 */
final class RelPath {
    private RelPath() {
    }

    /** The path's segments without empty and "." ones; null when the path is not acceptable. */
    static List<String> segments(String path) {
        if (path == null || path.startsWith("/") || path.indexOf('\0') >= 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    /** The canonical form; IllegalArgumentException when the path is not acceptable. */
    static String normalize(String path) {
        List<String> parts = segments(path);
        if (parts == null) {
            throw new IllegalArgumentException("not a path inside the volume: " + printable(path));
        }
        return String.join("/", parts);
    }

    /** The path with control characters shown escaped, for messages. */
    static String printable(String s) {
        if (s == null) {
            return "None";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
