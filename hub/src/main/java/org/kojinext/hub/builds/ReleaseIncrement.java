package org.kojinext.hub.builds;

import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's rule for the release after a given one: a plain number, the number before a single
 * dist suffix ("5.fc40"), or the number ending a three-part release ("20240101.nightly.3").
 * Anything else is a BuildError, because guessing would hand out releases nobody expects.
 */
public final class ReleaseIncrement {
    private ReleaseIncrement() {
    }

    /** The release {@code incr} after {@code release}; {@code String.valueOf(incr)} when there is none. */
    public static String next(String release, int incr) {
        if (release == null || release.isEmpty()) {
            return String.valueOf(incr);
        }
        if (isDigits(release)) {
            return add(release, incr);
        }
        String[] parts = release.split("\\.", -1);
        if (parts.length == 2 && isDigits(parts[0])) {
            return add(parts[0], incr) + "." + parts[1];
        }
        if (parts.length == 3 && isDigits(parts[2])) {
            return parts[0] + "." + parts[1] + "." + add(parts[2], incr);
        }
        throw new KojiFault(FaultCode.BUILD, "Unable to increment release value: " + release);
    }

    /** Python's str.isdigit for the ASCII releases Koji deals with: non-empty, digits only. */
    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String add(String digits, int incr) {
        return new java.math.BigInteger(digits).add(java.math.BigInteger.valueOf(incr)).toString();
    }
}
