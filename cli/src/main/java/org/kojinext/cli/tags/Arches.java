package org.kojinext.cli.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.kojinext.cli.CliFailure;

/** Koji's parse_arches: "x86_64,ppc64le" or "x86_64 ppc64le" to the hub's space-separated form. */
public final class Arches {
    private static final Pattern ARCH = Pattern.compile("[a-zA-Z0-9_\\-]*");

    private Arches() {
    }

    public static String parse(String arches) {
        List<String> words = new ArrayList<>();
        for (String w : arches.replace(',', ' ').strip().split("\\s+")) {
            if (!w.isEmpty()) {
                if (!ARCH.matcher(w).matches()) {
                    // Koji raises this GenericError in the client, before any call.
                    throw new CliFailure("GenericError: Architecture can be only [a-zA-Z0-9_-]");
                }
                words.add(w);
            }
        }
        return String.join(" ", words);
    }
}
