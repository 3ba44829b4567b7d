package org.kojinext.cli.commands.hosts;

import static org.kojinext.cli.Py.left;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.Py;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Koji's list-channels: each channel with how many of its hosts are enabled, ready and disabled,
 * their summed load and capacity, and the load as a percentage of the capacity.
 */
@Command(name = "list-channels", description = "[info] Print channels listing")
public final class ListChannelsCommand extends CliCommand {
    @Option(names = "--simple", description = "Print just list of channels without additional info")
    boolean simple;

    @Option(names = "--quiet", description = "Do not print header information")
    boolean quiet;

    @Option(names = "--comment", description = "Show comments")
    boolean comment;

    @Option(names = "--description", description = "Show descriptions")
    boolean description;

    @Option(names = "--arch", description = "Limit to channels with specific arch")
    String arch;

    @Option(names = "--json", description = "Print the channels as JSON, with their host counts")
    boolean json;

    private Boolean enabled;

    @Option(names = "--enabled", description = "Limit to enabled channels")
    void enabled(boolean on) {
        enabled = Boolean.TRUE;
    }

    @Option(names = {"--not-enabled", "--disabled"}, description = "Limit to not enabled channels (--disabled is an alias)")
    void notEnabled(boolean on) {
        enabled = Boolean.FALSE;
    }

    @Override
    protected int run() {
        HubLink hub = hub();
        Map<String, Object> opts = new LinkedHashMap<>();
        if (enabled != null) {
            opts.put("enabled", enabled);
        }
        List<Map<String, Object>> channels = new ArrayList<>();
        for (Object o : (List<?>) hub.callKw("listChannels", List.of(), opts)) {
            Map<String, Object> c = new LinkedHashMap<>();
            ((Map<?, ?>) o).forEach((k, v) -> c.put(String.valueOf(k), v));
            channels.add(c);
        }
        channels.sort(Comparator.comparing(c -> String.valueOf(c.get("name"))));
        List<RpcCall> calls = new ArrayList<>();
        for (Map<String, Object> c : channels) {
            calls.add(arch != null
                    ? Multicalls.call("listHosts", List.of(), "channelID", c.get("id"), "arches", arch)
                    : Multicalls.call("listHosts", List.of(), "channelID", c.get("id")));
        }
        List<Object> hostLists = Multicalls.strict(hub, calls);
        for (int i = 0; i < channels.size(); i++) {
            count(channels.get(i), (List<?>) hostLists.get(i));
        }
        if (json) {
            printJson(channels);
            return 0;
        }
        print(channels);
        return 0;
    }

    private static void count(Map<String, Object> channel, List<?> hosts) {
        int enabledHosts = 0;
        int ready = 0;
        double capacity = 0;
        double load = 0;
        for (Object o : hosts) {
            Map<?, ?> h = (Map<?, ?>) o;
            enabledHosts += Boolean.TRUE.equals(h.get("enabled")) ? 1 : 0;
            ready += Boolean.TRUE.equals(h.get("ready")) ? 1 : 0;
            capacity += h.get("capacity") instanceof Number n ? n.doubleValue() : 0;
            load += h.get("task_load") instanceof Number n ? n.doubleValue() : 0;
        }
        channel.put("enabled_host", enabledHosts);
        channel.put("disabled", hosts.size() - enabledHosts);
        channel.put("ready", ready);
        channel.put("capacity", capacity);
        channel.put("load", load);
        channel.put("perc_load", capacity != 0 ? load / capacity * 100.0 : 0.0);
    }

    private void print(List<Map<String, Object>> channels) {
        // Koji decides on the optional columns from what the first channel carries (older hubs lack them).
        Map<String, Object> first = channels.isEmpty() ? Map.of() : channels.get(0);
        boolean showDescription = description && first.containsKey("description");
        boolean showComment = comment && first.containsKey("comment");
        List<String> names = new ArrayList<>();
        for (Map<String, Object> c : channels) {
            boolean off = first.containsKey("enabled") && !Boolean.TRUE.equals(c.get("enabled"));
            names.add(c.get("name") + (off ? " [disabled]" : ""));
        }
        int longest = names.stream().mapToInt(String::length).max().orElse(8);
        boolean header = !quiet && !global().quiet();
        if (simple) {
            if (header) {
                out().println("Channel");
                out().println("-------");
            }
            names.forEach(out()::println);
            return;
        }
        if (header) {
            StringBuilder hdr = new StringBuilder(left("Channel", longest))
                    .append("Enabled  Ready Disbld   Load    Cap   Perc    ");
            if (showDescription) {
                hdr.append(left("Description", 53));
            }
            if (showComment) {
                hdr.append(left("Comment", 53));
            }
            out().println(hdr);
            out().println("-".repeat(hdr.length()));
        }
        for (int i = 0; i < channels.size(); i++) {
            Map<String, Object> c = channels.get(i);
            // Koji formats every figure with %d, which drops the fraction of the float ones.
            StringBuilder row = new StringBuilder(left(names.get(i), longest)).append(String.format(Locale.ROOT,
                    " %6d %6d %6d %6d %6d %6d%%", whole(c.get("enabled_host")), whole(c.get("ready")),
                    whole(c.get("disabled")), whole(c.get("load")), whole(c.get("capacity")), whole(c.get("perc_load"))));
            if (showDescription) {
                row.append("   ").append(left(Py.truncate(c.get("description")), 50));
            }
            if (showComment) {
                row.append("   ").append(left(Py.truncate(c.get("comment")), 50));
            }
            out().println(row);
        }
    }

    private static long whole(Object v) {
        return (long) ((Number) v).doubleValue();
    }
}
