package org.kojinext.hub.repos;

/** Koji's canonArch and is_debuginfo, as repositories sort rpms by them. */
final class RepoArches {
    private RepoArches() {
    }

    static String canon(String arch) {
        if (arch.matches("i.86") || arch.equals("athlon")) {
            return "i386";
        } else if (arch.equals("ia32e")) {
            return "x86_64";
        } else if (arch.equals("ppc64le")) {
            return "ppc64le";
        } else if (arch.startsWith("ppc64")) {
            return "ppc64";
        } else if (arch.startsWith("sparc64")) {
            return "sparc64";
        } else if (arch.startsWith("sparc")) {
            return "sparc";
        } else if (arch.startsWith("alpha")) {
            return "alpha";
        } else if (arch.matches("arm.*h.*")) {
            return "armhfp";
        } else if (arch.startsWith("arm")) {
            return "arm";
        }
        return arch;
    }

    static boolean isDebuginfo(String name) {
        return name.endsWith("-debuginfo") || name.endsWith("-debugsource") || name.contains("-debuginfo-");
    }
}
