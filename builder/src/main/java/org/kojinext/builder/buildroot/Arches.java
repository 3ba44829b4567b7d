package org.kojinext.builder.buildroot;

import java.util.regex.Pattern;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/** Checks an arch name before it becomes a tool argument or a path component. */
final class Arches {
    private static final Pattern ARCH = Pattern.compile("[A-Za-z0-9_]+");

    private Arches() {
    }

    static String check(String arch) {
        if (arch == null || !ARCH.matcher(arch).matches()) {
            throw new KojiFault(FaultCode.PARAMETER, "Invalid arch: " + arch);
        }
        return arch;
    }
}
