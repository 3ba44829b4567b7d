package org.kojinext.hub.tags;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/**
 * Inheritance package filters. Koji applies each one with Python's re.match, i.e. anchored at the
 * start of the package name only; a filter that does not compile fails the read that applies it.
 */
public final class PkgFilter {
    private PkgFilter() {
    }

    public static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw KojiFault.generic("Invalid package filter " + PythonRepr.of(regex)
                    + ": " + e.getDescription());
        }
    }

    /** Whether a package passes every filter of a path (an empty list passes everything). */
    public static boolean passes(List<Pattern> filters, String packageName) {
        for (Pattern p : filters) {
            if (!p.matcher(packageName).lookingAt()) {
                return false;
            }
        }
        return true;
    }
}
