package org.kojinext.cli.commands.hosts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's add-host-to-channel: the channel must exist unless --new creates it. */
@Command(name = "add-host-to-channel", description = "[admin] Add a host to a channel")
public final class AddHostToChannelCommand extends CliCommand {
    /** Koji keeps a hidden --list that prints every channel's name instead. */
    @Option(names = "--list", hidden = true)
    boolean list;

    @Option(names = "--new", description = "Create channel if needed")
    boolean create;

    @Option(names = "--force", description = "force added, if possible")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "<hostname> <channel>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (!list && args.size() != 2) {
            throw new CliFailure("Please specify a hostname and a channel", 2);
        }
        HubLink hub = login();
        if (list) {
            for (Object c : (List<?>) hub.call("listChannels")) {
                out().println(((Map<?, ?>) c).get("name"));
            }
            return 0;
        }
        String host = args.get(0);
        String channel = args.get(1);
        if (!create && hub.call("getChannel", channel) == null) {
            throw new CliFailure("No such channel: " + channel);
        }
        if (hub.call("getHost", host) == null) {
            throw new CliFailure("No such host: " + host);
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        if (create) {
            kw.put("create", true);
        }
        if (force) {
            kw.put("force", true);
        }
        hub.callKw("addHostToChannel", List.of(host, channel), kw);
        return 0;
    }
}
