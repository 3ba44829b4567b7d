package org.kojinext.cli.commands.hosts;

import static org.kojinext.cli.Py.left;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.Py;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Koji's list-hosts: one row per host, sorted by name, with optional comment, description and channels. */
@Command(name = "list-hosts", description = "[info] Print the host listing")
public final class ListHostsCommand extends CliCommand {
    @Option(names = "--arch", description = "Specify an architecture")
    List<String> arches = new ArrayList<>();

    @Option(names = "--channel", description = "Specify a channel")
    String channel;

    private Boolean ready;
    private Boolean enabled;

    @Option(names = "--quiet", description = "Do not print header information")
    boolean quiet;

    @Option(names = "--show-channels", description = "Show host's channels")
    boolean showChannels;

    @Option(names = "--comment", description = "Show comments")
    boolean comment;

    @Option(names = "--description", description = "Show descriptions")
    boolean description;

    @Option(names = "--json", description = "Print the hub's host structures as JSON")
    boolean json;

    @Option(names = "--ready", description = "Limit to ready hosts")
    void ready(boolean on) {
        ready = Boolean.TRUE;
    }

    @Option(names = "--not-ready", description = "Limit to not ready hosts")
    void notReady(boolean on) {
        ready = Boolean.FALSE;
    }

    @Option(names = "--enabled", description = "Limit to enabled hosts")
    void enabled(boolean on) {
        enabled = Boolean.TRUE;
    }

    @Option(names = {"--not-enabled", "--disabled"}, description = "Limit to not enabled hosts (--disabled is an alias)")
    void notEnabled(boolean on) {
        enabled = Boolean.FALSE;
    }

    @Override
    protected int run() {
        HubLink hub = hub();
        Map<String, Object> opts = new LinkedHashMap<>();
        if (!arches.isEmpty()) {
            opts.put("arches", arches);
        }
        if (channel != null && !channel.isEmpty()) {
            if (!(hub.call("getChannel", channel) instanceof Map<?, ?> c)) {
                throw new CliFailure("No such channel: " + channel, 2);
            }
            opts.put("channelID", c.get("id"));
        }
        if (ready != null) {
            opts.put("ready", ready);
        }
        if (enabled != null) {
            opts.put("enabled", enabled);
        }
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (Object o : (List<?>) hub.callKw("listHosts", List.of(), opts)) {
            Map<String, Object> h = new LinkedHashMap<>();
            ((Map<?, ?>) o).forEach((k, v) -> h.put(String.valueOf(k), v));
            hosts.add(h);
        }
        hosts.sort(Comparator.comparing(h -> String.valueOf(h.get("name"))));
        if (showChannels) {
            addChannels(hub, hosts);
        }
        if (json) {
            printJson(hosts);
            return 0;
        }
        if (hosts.isEmpty()) {
            warn("No hosts found.");
            return 0;
        }
        print(hosts);
        return 0;
    }

    /** Each host's channels, sorted, a disabled one marked with '*'. */
    private static void addChannels(HubLink hub, List<Map<String, Object>> hosts) {
        List<RpcCall> calls = new ArrayList<>();
        for (Map<String, Object> h : hosts) {
            calls.add(Multicalls.call("listChannels", List.of(h.get("id"))));
        }
        List<Object> answers = Multicalls.strict(hub, calls);
        for (int i = 0; i < hosts.size(); i++) {
            List<String> names = new ArrayList<>();
            for (Object o : (List<?>) answers.get(i)) {
                Map<?, ?> c = (Map<?, ?>) o;
                boolean off = Boolean.FALSE.equals(c.get("enabled"));
                names.add((off ? "*" : "") + c.get("name"));
            }
            names.sort(null);
            hosts.get(i).put("channels", String.join(",", names));
        }
    }

    private void print(List<Map<String, Object>> hosts) {
        int longest = hosts.stream().mapToInt(h -> String.valueOf(h.get("name")).length()).max().orElse(0);
        if (!quiet && !global().quiet()) {
            StringBuilder hdr = new StringBuilder(left("Hostname", longest))
                    .append(" Enb Rdy Load/Cap  Arches           Last Update                         ");
            if (description) {
                hdr.append(left("Description", 51));
            }
            if (comment) {
                hdr.append(left("Comment", 51));
            }
            if (showChannels) {
                hdr.append("Channels");
            }
            out().println(hdr);
            out().println("-".repeat(hdr.length()));
        }
        for (Map<String, Object> h : hosts) {
            StringBuilder row = new StringBuilder();
            row.append(left(String.valueOf(h.get("name")), longest)).append(' ')
                    .append(left(yesNo(h.get("enabled")), 3)).append(' ')
                    .append(left(yesNo(h.get("ready")), 3)).append(' ')
                    .append(String.format(Locale.ROOT, "%4.1f/%-4.1f", number(h.get("task_load")), number(h.get("capacity"))))
                    .append(' ')
                    .append(left(String.join(",", String.valueOf(h.get("arches")).trim().split("\\s+")), 16)).append(' ')
                    .append(left(h.get("update_ts") == null ? "-" : KojiTimes.formatTimeLong(h.get("update_ts")), 35));
            if (description) {
                row.append(' ').append(left(Py.truncate(h.get("description")), 50));
            }
            if (comment) {
                row.append(' ').append(left(Py.truncate(h.get("comment")), 50));
            }
            if (showChannels) {
                row.append(' ').append(h.get("channels"));
            }
            out().println(row);
        }
    }

    private static String yesNo(Object v) {
        return Boolean.TRUE.equals(v) ? "Y" : "N";
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }
}
