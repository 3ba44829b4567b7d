package org.kojinext.builder.tasks;

import java.util.LinkedHashSet;
import java.util.Set;

/** The arch directories host.repoInit makes for a tag: Koji's canonArch of each tag arch, src and noarch aside. */
final class RepoArches {
    private RepoArches() {
    }

    static Set<String> of(String tagArches, boolean separateSrc) {
        Set<String> out = new LinkedHashSet<>();
        if (separateSrc) {
            out.add("src");
        }
        if (tagArches != null) {
            for (String a : tagArches.trim().split("\\s+")) {
                String c = canon(a);
                if (!a.isEmpty() && !c.equals("src") && !c.equals("noarch")) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** koji.canonArch. */
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
}
