package org.kojinext.hub.builds;

import org.kojinext.protocol.KojiFault;

/**
 * A name-version-release split the way Koji's parse_NVR splits it: at the last two dashes, with
 * an optional {@code epoch:} prefix on the name. Epoch is "" when absent, as in Koji.
 */
public record Nvr(String name, String version, String release, String epoch) {

    public static Nvr parse(String nvr) {
        int p2 = nvr.lastIndexOf('-');
        if (p2 == -1 || p2 == nvr.length() - 1) {
            throw KojiFault.generic("invalid format: " + nvr);
        }
        int p1 = nvr.lastIndexOf('-', p2 - 1);
        if (p1 == -1 || p1 == p2 - 1) {
            throw KojiFault.generic("invalid format: " + nvr);
        }
        String name = nvr.substring(0, p1);
        String epoch = "";
        int colon = name.indexOf(':');
        if (colon != -1) {
            epoch = name.substring(0, colon);
            name = name.substring(colon + 1);
        }
        return new Nvr(name, nvr.substring(p1 + 1, p2), nvr.substring(p2 + 1), epoch);
    }

    @Override
    public String toString() {
        return name + "-" + version + "-" + release;
    }
}
