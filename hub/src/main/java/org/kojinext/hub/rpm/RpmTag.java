package org.kojinext.hub.rpm;

/** The header tag and entry type numbers the hub reads (rpmtag.h). */
public final class RpmTag {
    // Entry types.
    public static final int TYPE_NULL = 0;
    public static final int TYPE_CHAR = 1;
    public static final int TYPE_INT8 = 2;
    public static final int TYPE_INT16 = 3;
    public static final int TYPE_INT32 = 4;
    public static final int TYPE_INT64 = 5;
    public static final int TYPE_STRING = 6;
    public static final int TYPE_BIN = 7;
    public static final int TYPE_STRING_ARRAY = 8;
    public static final int TYPE_I18NSTRING = 9;

    // Signature header tags.
    public static final int SIG_SIZE = 1000;
    public static final int SIG_MD5 = 1004;
    public static final int SIG_LONGSIZE = 270;
    public static final int SIG_SHA1 = 269;
    public static final int SIG_SHA256 = 273;

    // Main header tags.
    public static final int NAME = 1000;
    public static final int VERSION = 1001;
    public static final int RELEASE = 1002;
    public static final int EPOCH = 1003;
    public static final int SUMMARY = 1004;
    public static final int BUILDTIME = 1006;
    public static final int ARCH = 1022;
    public static final int SOURCERPM = 1044;
    public static final int SOURCEPACKAGE = 1106;
    public static final int PAYLOADDIGEST = 5092;
    public static final int PAYLOADDIGESTALGO = 5093;

    private RpmTag() {
    }

    /** Bytes per element of a fixed-size type, 0 for the NUL-terminated string types. */
    static int elementSize(int type) {
        return switch (type) {
            case TYPE_NULL -> 0;
            case TYPE_CHAR, TYPE_INT8, TYPE_BIN -> 1;
            case TYPE_INT16 -> 2;
            case TYPE_INT32 -> 4;
            case TYPE_INT64 -> 8;
            default -> 0;
        };
    }

    static boolean isStringType(int type) {
        return type == TYPE_STRING || type == TYPE_STRING_ARRAY || type == TYPE_I18NSTRING;
    }

    static boolean isKnownType(int type) {
        return type >= TYPE_NULL && type <= TYPE_I18NSTRING;
    }
}
