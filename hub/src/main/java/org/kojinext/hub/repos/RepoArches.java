package org.kojinext.hub.repos;

import org.kojinext.protocol.KojiArches;

/** Koji's canonArch and is_debuginfo, as repositories sort rpms by them. */
final class RepoArches {
    private RepoArches() {
    }

    static String canon(String arch) {
        return KojiArches.canon(arch);
    }

    static boolean isDebuginfo(String name) {
        return name.endsWith("-debuginfo") || name.endsWith("-debugsource") || name.contains("-debuginfo-");
    }
}
