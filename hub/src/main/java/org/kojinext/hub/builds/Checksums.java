package org.kojinext.hub.builds;

import java.util.List;
import java.util.regex.Pattern;
import org.kojinext.protocol.KojiFault;

/** Koji's CHECKSUM_TYPES and the digest checks for what Koji Next records. */
public final class Checksums {
    /** Index = the checksum_type stored in archiveinfo and rpm_checksum. */
    public static final List<String> TYPES = List.of("md5", "sha1", "sha256");
    public static final int SHA256 = 2;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    private Checksums() {
    }

    /** The digest in lowercase, or a fault naming the field when it is not 64 hex digits. */
    public static String sha256(Object value, String field) {
        if (!(value instanceof String s) || !SHA256_HEX.matcher(s).matches()) {
            throw KojiFault.generic("Invalid " + field + ": expected a SHA-256 digest as 64 hex digits, got "
                    + org.kojinext.hub.rpc.PythonRepr.of(value));
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** An MD5 (an rpm's sigmd5) in lowercase hex, or a fault. */
    public static String md5(Object value, String field) {
        if (!(value instanceof String s) || !MD5_HEX.matcher(s).matches()) {
            throw KojiFault.generic("Invalid " + field + ": expected an MD5 digest as 32 hex digits, got "
                    + org.kojinext.hub.rpc.PythonRepr.of(value));
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }
}
