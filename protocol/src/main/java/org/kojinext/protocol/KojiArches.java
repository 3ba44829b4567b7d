package org.kojinext.protocol;

/** Koji's arch names, which the hub (repositories) and the builder (buildroots, subtasks) agree on. */
public final class KojiArches {
    private KojiArches() {
    }

    /** koji.canonArch: the arch a tag's arches, task arches and repository directories are compared by. */
    public static String canon(String arch) {
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

    /** This machine's arch by Koji's name (the JVM says amd64 where rpm says x86_64). */
    public static String machine() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> canon(a);
        };
    }
}
