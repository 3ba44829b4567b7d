package org.kojinext.cli.commands.hosts;

import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Koji's remove-host-from-channel: checks the membership itself, so the error names both. */
@Command(name = "remove-host-from-channel", description = "[admin] Remove a host from a channel")
public final class RemoveHostFromChannelCommand extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "<hostname> <channel>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (args.size() != 2) {
            throw new CliFailure("Please specify a hostname and a channel", 2);
        }
        String host = args.get(0);
        String channel = args.get(1);
        HubLink hub = login();
        if (!(hub.call("getHost", host) instanceof Map<?, ?> info)) {
            throw new CliFailure("No such host: " + host);
        }
        boolean member = false;
        for (Object c : (List<?>) hub.call("listChannels", info.get("id"))) {
            member |= channel.equals(((Map<?, ?>) c).get("name"));
        }
        if (!member) {
            throw new CliFailure("Host " + host + " is not a member of channel " + channel);
        }
        hub.call("removeHostFromChannel", host, channel);
        return 0;
    }
}
