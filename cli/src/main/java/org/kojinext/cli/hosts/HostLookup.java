package org.kojinext.cli.hosts;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Multicalls;
import org.kojinext.protocol.RpcCall;

/** The hosts a command names, looked up in one multicall before anything changes. */
public final class HostLookup {
    private HostLookup() {
    }

    /**
     * Each name's host, reporting every missing one to {@code missing}; returns whether all exist.
     */
    public static boolean allExist(HubLink hub, List<String> names, Consumer<String> missing) {
        List<RpcCall> calls = new ArrayList<>();
        for (String n : names) {
            calls.add(Multicalls.call("getHost", List.of(n)));
        }
        List<Object> found = Multicalls.strict(hub, calls);
        boolean all = true;
        for (int i = 0; i < names.size(); i++) {
            if (!(found.get(i) instanceof Map<?, ?>)) {
                missing.accept(names.get(i));
                all = false;
            }
        }
        return all;
    }

    /**
     * Koji's enable-host and disable-host: the switch (enableHost or disableHost) and the comment
     * for every host, in one multicall, and nothing at all if one name is unknown. Koji prints the
     * unknown names on standard output, only the verdict on standard error.
     */
    public static void switchAll(HubLink hub, PrintStream out, List<String> hosts, String method, String comment) {
        if (!allExist(hub, hosts, h -> out.println("No such host: " + h))) {
            throw new CliFailure("No changes made. Please correct the command line.");
        }
        List<RpcCall> calls = new ArrayList<>();
        for (String h : hosts) {
            calls.add(Multicalls.call(method, List.of(h)));
            if (comment != null) {
                calls.add(Multicalls.call("editHost", List.of(h), "comment", comment));
            }
        }
        Multicalls.strict(hub, calls);
    }
}
