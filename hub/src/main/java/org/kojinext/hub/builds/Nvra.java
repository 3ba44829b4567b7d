package org.kojinext.hub.builds;

import org.kojinext.protocol.KojiFault;

/**
 * An rpm's N-V-R.A as Koji's parse_NVRA reads it: an optional {@code @location} suffix naming an
 * external repository, an optional {@code .rpm}, then the arch after the last dot.
 */
public record Nvra(Nvr nvr, String arch, String location) {

    public static Nvra parse(String text) {
        String s = text;
        String location = null;
        int at = s.indexOf('@');
        if (at != -1) {
            location = s.substring(at + 1);
            s = s.substring(0, at);
        }
        if (s.endsWith(".rpm")) {
            s = s.substring(0, s.length() - 4);
        }
        int dot = s.lastIndexOf('.');
        if (dot == -1 || dot == s.length() - 1) {
            throw KojiFault.generic("invalid format: " + s);
        }
        // Python's truthiness: an empty location ("x@") counts as none.
        return new Nvra(Nvr.parse(s.substring(0, dot)), s.substring(dot + 1),
                location == null || location.isEmpty() ? null : location);
    }
}
