package org.kojinext.hub.rpm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kojinext.protocol.KojiFault;

/**
 * Named fields of an rpm header, as Koji's get_header_fields returns them to getRPMHeaders: the
 * value as rpm's Python bindings give it (a string, a number, a list), None for a tag the header
 * does not carry. Names are rpm's tag names, case-insensitive; the table holds the tags clients
 * ask for, and an unknown name is an error, as in Koji.
 */
public final class HeaderFields {
    private static final Map<String, Integer> TAGS = Map.ofEntries(
            Map.entry("name", 1000), Map.entry("version", 1001), Map.entry("release", 1002),
            Map.entry("epoch", 1003), Map.entry("summary", 1004), Map.entry("description", 1005),
            Map.entry("buildtime", 1006), Map.entry("buildhost", 1007), Map.entry("size", 1009),
            Map.entry("distribution", 1010), Map.entry("vendor", 1011), Map.entry("license", 1014),
            Map.entry("packager", 1015), Map.entry("group", 1016), Map.entry("url", 1020), Map.entry("os", 1021),
            Map.entry("arch", 1022), Map.entry("sourcerpm", 1044), Map.entry("provides", 1047),
            Map.entry("requireflags", 1048), Map.entry("requires", 1049), Map.entry("requireversion", 1050),
            Map.entry("conflicts", 1054), Map.entry("obsoletes", 1090), Map.entry("changelogtime", 1080),
            Map.entry("changelogname", 1081), Map.entry("changelogtext", 1082), Map.entry("buildarchs", 1089),
            Map.entry("excludearch", 1059), Map.entry("exclusivearch", 1061), Map.entry("sourcepackage", 1106),
            Map.entry("rpmversion", 1064), Map.entry("cookie", 1094), Map.entry("optflags", 1122),
            Map.entry("disturl", 1123), Map.entry("payloadformat", 1124), Map.entry("payloadcompressor", 1125),
            Map.entry("platform", 1132), Map.entry("payloaddigest", 5092), Map.entry("payloaddigestalgo", 5093),
            Map.entry("recommends", 5046), Map.entry("suggests", 5049), Map.entry("supplements", 5052),
            Map.entry("enhances", 5055), Map.entry("modularitylabel", 5096));

    private HeaderFields() {
    }

    /** The requested fields of the main header; the keys as the caller spelled them. */
    public static Map<String, Object> of(Header h, List<?> names) throws RpmFormatException {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Object n : names) {
            String name = String.valueOf(n);
            Integer tag = TAGS.get(name.toLowerCase(Locale.ROOT));
            if (tag == null) {
                throw KojiFault.generic("No such rpm header field: " + name);
            }
            out.put(name, value(h, tag));
        }
        return out;
    }

    private static Object value(Header h, int tag) throws RpmFormatException {
        if (!h.has(tag)) {
            return null;
        }
        return switch (h.type(tag)) {
            case RpmTag.TYPE_STRING, RpmTag.TYPE_I18NSTRING -> h.string(tag);
            case RpmTag.TYPE_STRING_ARRAY -> h.stringArray(tag);
            case RpmTag.TYPE_BIN -> java.util.HexFormat.of().formatHex(h.bin(tag));
            case RpmTag.TYPE_INT8, RpmTag.TYPE_INT16, RpmTag.TYPE_INT32, RpmTag.TYPE_INT64 -> numbers(h, tag);
            default -> null;
        };
    }

    /** One number as a number, several as a list, as rpm's bindings give them. */
    private static Object numbers(Header h, int tag) throws RpmFormatException {
        List<Long> values = new ArrayList<>();
        switch (h.type(tag)) {
            case RpmTag.TYPE_INT8 -> {
                for (byte b : h.int8(tag)) {
                    values.add((long) (b & 0xff));
                }
            }
            case RpmTag.TYPE_INT16 -> {
                for (short s : h.int16(tag)) {
                    values.add((long) (s & 0xffff));
                }
            }
            case RpmTag.TYPE_INT32 -> {
                for (int i : h.int32(tag)) {
                    values.add(i & 0xffffffffL);
                }
            }
            default -> {
                for (long l : h.int64(tag)) {
                    values.add(l);
                }
            }
        }
        List<Object> asInts = new ArrayList<>();
        for (long v : values) {
            asInts.add(v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v);
        }
        return asInts.size() == 1 ? asInts.get(0) : asInts;
    }
}
