package org.kojinext.builder.tasks;

import java.util.LinkedHashSet;
import java.util.Set;
import org.kojinext.protocol.KojiArches;

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
        return KojiArches.canon(arch);
    }
}
