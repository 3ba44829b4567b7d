package org.kojinext.cli.commands.hosts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.Py;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's hostinfo: a host's settings, state, channels and active buildroots. An unknown host is
 * warned about and the others still shown; the exit status is then 1.
 */
@Command(name = "hostinfo", description = "[info] Print basic information about a host")
public final class HostinfoCommand extends CliCommand {
    /** The buildroot states hostinfo lists, in Koji's order: INIT, WAITING, BUILDING. */
    private static final List<String> ACTIVE_STATES = List.of("INIT", "WAITING", "BUILDING");

    @Option(names = "--json", description = "Print the hosts as JSON, with their channels and active buildroots")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "<hostname>")
    List<String> names = List.of();

    @Override
    protected int run() {
        if (names.isEmpty()) {
            throw new CliFailure("Please specify a host", 2);
        }
        HubLink hub = hub();
        boolean missing = false;
        List<Map<String, Object>> infos = new ArrayList<>();
        for (String name : names) {
            // Koji takes a name made of digits as the host's id.
            Object key = name.matches("\\d+") ? (Object) Integer.valueOf(name) : name;
            if (!(hub.call("getHost", key) instanceof Map<?, ?> found)) {
                warn("No such host: " + name + "\n");
                missing = true;
                continue;
            }
            Map<String, Object> info = new LinkedHashMap<>();
            found.forEach((k, v) -> info.put(String.valueOf(k), v));
            Object id = info.get("id");
            List<Object> channels = new ArrayList<>();
            for (Object c : (List<?>) hub.callKw("listChannels", List.of(), Map.of("hostID", id))) {
                channels.add(((Map<?, ?>) c).get("name"));
            }
            info.put("channels", channels);
            List<Object> buildroots = new ArrayList<>();
            for (int state = 0; state < ACTIVE_STATES.size(); state++) {
                buildroots.addAll((List<?>) hub.callKw("listBuildroots", List.of(), Map.of("hostID", id, "state", state)));
            }
            info.put("active_buildroots", buildroots);
            if (json) {
                infos.add(info);
            } else {
                print(info);
            }
        }
        if (json) {
            printJson(infos);
        }
        return missing ? 1 : 0;
    }

    private void print(Map<String, Object> info) {
        out().println("Name: " + info.get("name"));
        out().println("ID: " + ((Number) info.get("id")).intValue());
        out().println("Arches: " + Py.str(info.get("arches")));
        out().println("Capacity: " + Py.str(info.get("capacity")));
        out().println("Task Load: " + String.format(Locale.ROOT, "%.2f", ((Number) info.get("task_load")).doubleValue()));
        printIndented("Description:", info.get("description"));
        printIndented("Comment:", info.get("comment"));
        out().println("Enabled: " + (Boolean.TRUE.equals(info.get("enabled")) ? "yes" : "no"));
        out().println("Ready: " + (Boolean.TRUE.equals(info.get("ready")) ? "yes" : "no"));
        Object update = info.get("update_ts");
        out().println("Last Update: " + (update == null ? "never" : KojiTimes.formatTimeLong(update)));
        List<String> channels = ((List<?>) info.get("channels")).stream().map(String::valueOf).toList();
        out().println("Channels: " + String.join(" ", channels));
        out().println("Active Buildroots:");
        List<?> buildroots = (List<?>) info.get("active_buildroots");
        if (buildroots.isEmpty()) {
            out().println("None");
            return;
        }
        out().println(row("NAME", "STATE", "CREATION TIME"));
        for (Object o : buildroots) {
            Map<?, ?> b = (Map<?, ?>) o;
            String name = b.get("tag_name") + "-" + b.get("id") + "-" + b.get("repo_id");
            out().println(row(name, state(b.get("state")), seconds(String.valueOf(b.get("create_event_time")))));
        }
    }

    /** A label, then the first line of the text after a space and the rest under it. */
    private void printIndented(String label, Object text) {
        if (text == null || text.toString().isEmpty()) {
            out().println(label);
            return;
        }
        List<String> lines = text.toString().lines().toList();
        out().println(label + " " + lines.get(0));
        String indent = " ".repeat(label.length() + 1);
        lines.stream().skip(1).forEach(l -> out().println(indent + l));
    }

    private static String state(Object state) {
        int s = state instanceof Number n ? n.intValue() : -1;
        return s >= 0 && s < ACTIVE_STATES.size() ? ACTIVE_STATES.get(s) : String.valueOf(state);
    }

    /** The event time without its fraction of a second, as Koji shows it. */
    private static String seconds(String time) {
        int dot = time.indexOf('.');
        return dot >= 0 ? time.substring(0, dot) : time;
    }

    private static String row(String name, String state, String time) {
        return Py.left(name, 50) + " " + Py.left(state, 10) + " " + Py.left(time, 20);
    }
}
