package org.kojinext.hub.history;

import java.util.Map;
import org.kojinext.protocol.KojiFault;

/** Koji's parse_NVR: the last two dashes split name, version and release; an epoch prefix is dropped. */
final class Nvr {
    private Nvr() {
    }

    static Map<String, String> parse(String nvr) {
        int p2 = nvr.lastIndexOf('-');
        if (p2 <= -1 || p2 == nvr.length() - 1) {
            throw KojiFault.generic("invalid format: " + nvr);
        }
        int p1 = p2 == 0 ? -1 : nvr.lastIndexOf('-', p2 - 1);
        if (p1 == -1 || p1 == p2 - 1) {
            throw KojiFault.generic("invalid format: " + nvr);
        }
        String name = nvr.substring(0, p1);
        int colon = name.indexOf(':');
        if (colon != -1) {
            name = name.substring(colon + 1);
        }
        return Map.of("name", name, "version", nvr.substring(p1 + 1, p2), "release", nvr.substring(p2 + 1));
    }
}
