package org.kojinext.cli.commands.packages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.Py;
import org.kojinext.protocol.RpcCall;

/** What the package-list commands share: the tag look-up, the names listed, and block/remove. */
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

    /**
     * What block-pkg and remove-pkg share: every package must be listed in the tag (counting
     * inherited ones or not), each missing one warned about as {@code notListed} says (a format
     * of the package and the tag), and only then one call each, in a strict multicall. Returns
     * the exit status.
     */
    static int changeListed(HubLink hub, String tag, List<String> packages, boolean inherited, String notListed,
            Consumer<String> warn, Function<String, RpcCall> call) {
        Map<String, Object> dest = requireTag(hub, tag);
        Set<String> listed = names(hub, dest.get("id"), inherited);
        boolean missing = false;
        for (String p : packages) {
            if (!listed.contains(p)) {
                warn.accept(String.format(notListed, p, tag));
                missing = true;
            }
        }
        if (missing) {
            return 1;
        }
        List<RpcCall> calls = new ArrayList<>();
        for (String p : packages) {
            calls.add(call.apply(p));
        }
        Multicalls.strict(hub, calls);
        return 0;
    }
}
