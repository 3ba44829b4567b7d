package org.kojinext.cli.tags;

import java.util.Map;
import org.kojinext.cli.Py;

/** Koji's four-letter summary of an inheritance link: M(axdepth) F(ilter) I(ntransitive) N(oconfig). */
public final class InheritanceFlags {
    private InheritanceFlags() {
    }

    public static String format(Map<String, Object> link) {
        return (link.get("maxdepth") != null ? "M" : ".")
                + (Py.truthy(link.get("pkg_filter")) ? "F" : ".")
                + (Py.truthy(link.get("intransitive")) ? "I" : ".")
                + (Py.truthy(link.get("noconfig")) ? "N" : ".");
    }
}
