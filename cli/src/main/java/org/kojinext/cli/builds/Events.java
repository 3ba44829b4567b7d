package org.kojinext.cli.builds;

import java.util.List;
import java.util.Map;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;

/** Koji's eventFromOpts: the event named by --event, --ts or --repo, or null for "now". */
public final class Events {
    private Events() {
    }

    public static Map<String, Object> fromOpts(HubLink hub, Integer event, Integer ts, Integer repo) {
        if (event != null && event != 0) {
            return Py.map(hub.call("getEvent", event));
        }
        if (ts != null) {
            return Py.map(hub.callKw("getLastEvent", List.of(), Map.of("before", ts)));
        }
        if (repo != null) {
            Map<String, Object> r = Py.map(hub.callKw("repoInfo", List.of(repo), Map.of("strict", true)));
            return new java.util.LinkedHashMap<>(Map.of("id", r.get("create_event"), "ts", r.get("create_ts")));
        }
        return null;
    }
}
