package org.kojinext.hub.tools.seed;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Plausible, unique source package names, like a distribution's mix of ecosystems. */
final class PackageNames {
    private static final String[] PREFIXES = {"", "", "", "", "python-", "perl-", "rust-", "golang-", "nodejs-",
        "ghc-", "php-", "R-", "texlive-", "mingw-", "java-", "lib"};
    private static final String[] SYLLABLES = {"ka", "ro", "zen", "lib", "xml", "net", "gtk", "qt", "mon", "tor",
        "ex", "al", "vi", "sta", "cor", "dro", "fu", "ma", "pix", "sol", "ter", "uni", "wa", "yo", "ber", "cli",
        "dat", "fir", "gra", "hel", "io", "jet"};

    private PackageNames() {
    }

    static List<String> generate(int count, Random random) {
        Set<String> names = new LinkedHashSet<>(count * 2);
        while (names.size() < count) {
            StringBuilder sb = new StringBuilder(PREFIXES[random.nextInt(PREFIXES.length)]);
            int parts = 1 + random.nextInt(3);
            for (int i = 0; i < parts; i++) {
                sb.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (random.nextInt(4) == 0) {
                sb.append(random.nextInt(20));
            }
            String name = sb.toString();
            // A repeat gets a suffix rather than a retry, so generation always ends quickly.
            names.add(names.contains(name) ? name + "-" + names.size() : name);
        }
        return List.copyOf(names);
    }
}
