package org.kojinext.builder.tasks;

import java.util.Map;

/** Koji's canonArch: the arch name a tag's arches and task arches are compared by. */
final class CanonArch {
    private static final Map<String, String> CANON = Map.ofEntries(
            Map.entry("i386", "i386"), Map.entry("i486", "i386"), Map.entry("i586", "i386"), Map.entry("i686", "i386"),
            Map.entry("athlon", "i386"), Map.entry("geode", "i386"), Map.entry("pentium3", "i386"),
            Map.entry("pentium4", "i386"), Map.entry("amd64", "x86_64"), Map.entry("ia32e", "x86_64"),
            Map.entry("x86_64", "x86_64"), Map.entry("x86_64_v2", "x86_64"), Map.entry("x86_64_v3", "x86_64"),
            Map.entry("x86_64_v4", "x86_64"), Map.entry("armv7hl", "arm"), Map.entry("armv7l", "arm"),
            Map.entry("armhfp", "arm"), Map.entry("aarch64", "aarch64"), Map.entry("ppc64le", "ppc64le"),
            Map.entry("ppc64", "ppc64"), Map.entry("s390x", "s390x"), Map.entry("riscv64", "riscv64"),
            Map.entry("noarch", "noarch"), Map.entry("src", "src"));

    private CanonArch() {
    }

    static String of(String arch) {
        return CANON.getOrDefault(arch, arch);
    }
}
