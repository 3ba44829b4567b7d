package org.kojinext.hub.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Koji's parse_arches in its strict form, the one tag configuration uses. */
public final class Arches {
    private static final Pattern ARCH = Pattern.compile("[a-zA-Z0-9_\\-]*");

    private Arches() {
    }

    /**
     * A space-separated string or a list of arch names, normalised to single spaces; None becomes
     * the empty string, as in Koji.
     */
    public static String parseStrict(Object arches) {
        List<String> names = new ArrayList<>();
        switch (arches) {
            case null -> { }
            case String s -> {
                for (String part : s.strip().split("\\s+")) {
                    if (!part.isEmpty()) {
                        names.add(part);
                    }
                }
            }
            case List<?> l -> l.forEach(a -> names.add(String.valueOf(a)));
            default -> throw KojiFault.generic("Invalid arches: " + PythonRepr.of(arches));
        }
        for (String a : names) {
            if (!ARCH.matcher(a).matches()) {
                throw KojiFault.generic("Architecture can be only [a-zA-Z0-9_-]");
            }
        }
        return String.join(" ", names);
    }
}
