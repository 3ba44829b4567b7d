package org.kojinext.cli.commands.packages;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;

/** What the package-list commands share: the tag look-up, the names listed, and strict multicalls. */
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

    /** Koji's multiCall(strict=True): the first fault among the answers ends the command. */
    static void strict(HubLink hub, List<RpcCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        for (Object r : hub.multicall(calls)) {
            if (r instanceof KojiFault f) {
                throw f;
            }
        }
    }
}
