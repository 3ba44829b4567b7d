package org.kojinext.cli.hosts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
}
