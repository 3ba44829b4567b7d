package org.kojinext.cli.tags;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.Py;
import picocli.CommandLine.Option;

/**
 * Koji's standard history options (--event, --ts, --repo) and its eventFromOpts: which event a
 * query reads the database at, or none for now.
 */
public final class EventOptions {
    @Option(names = "--event", paramLabel = "EVENT#", description = "query at event")
    Integer event;

    @Option(names = "--ts", paramLabel = "TIMESTAMP", description = "query at last event before timestamp")
    Integer ts;

    @Option(names = "--repo", paramLabel = "REPO#", description = "query at event for a repo")
    Integer repo;

    /** The event chosen (id and ts), or null when the query reads the present. */
    public Map<String, Object> resolve(HubLink hub) {
        // Koji tests the event id for truth, so --event 0 means "now", as there.
        if (event != null && event != 0) {
            Object e = hub.call("getEvent", event);
            if (e == null) {
                throw new CliFailure("No such event: " + event);
            }
            return Py.map(e);
        }
        if (ts != null) {
            Object e = hub.callKw("getLastEvent", java.util.List.of(), Py.kw("before", ts));
            if (e == null) {
                throw new CliFailure("No event before timestamp " + ts);
            }
            return Py.map(e);
        }
        if (repo != null) {
            Map<String, Object> r = Py.map(hub.callKw("repoInfo", java.util.List.of(repo), Py.kw("strict", true)));
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", r.get("create_event"));
            e.put("ts", r.get("create_ts"));
            return e;
        }
        return null;
    }

    /** Koji's "Querying at event N (asctime)" line. */
    public static String queryingLine(Map<String, Object> event) {
        return "Querying at event " + Py.i(event.get("id")) + " (" + KojiTimes.asctime(event.get("ts")) + ")";
    }
}
