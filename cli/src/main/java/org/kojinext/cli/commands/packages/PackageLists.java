package org.kojinext.cli.commands.packages;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;

/** What the package-list commands share: the tag look-up and the names listed. */
final class PackageLists {
    private PackageLists() {
    }

    static Map<String, Object> requireTag(HubLink hub, String tag) {
        Object info = hub.call("getTag", tag);
        if (info == null) {
            throw new CliFailure("No such tag: " + tag);
        }
        return Py.map(info);
    }

    /** The package names a tag lists, its own or with inherited ones; without owners, which is cheaper. */
    static Set<String> names(HubLink hub, Object tagId, boolean inherited) {
        Map<String, Object> kw = Py.kw("tagID", tagId, "with_owners", false);
        if (inherited) {
            kw.put("inherited", true);
        }
        Set<String> names = new HashSet<>();
        for (Map<String, Object> p : Py.maps(hub.callKw("listPackages", List.of(), kw))) {
            names.add(Py.str(p.get("package_name")));
        }
        return names;
    }
}
