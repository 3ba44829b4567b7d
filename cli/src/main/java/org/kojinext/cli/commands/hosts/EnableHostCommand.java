package org.kojinext.cli.commands.hosts;

import java.util.List;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.hosts.HostLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's enable-host: several hosts at once, each with the comment if given, all in one multicall;
 * nothing changes if one name is unknown.
 */
@Command(name = "enable-host", description = "[admin] Mark one or more hosts as enabled")
public final class EnableHostCommand extends CliCommand {
    @Option(names = "--comment", description = "Comment indicating why the host(s) are being enabled")
    String comment;

    @Parameters(arity = "0..*", paramLabel = "<hostname>")
    List<String> hosts = List.of();

    @Override
    protected int run() {
        if (hosts.isEmpty()) {
            throw new CliFailure("At least one host must be specified", 2);
        }
        HostLookup.switchAll(login(), out(), hosts, "enableHost", comment);
        return 0;
    }
}
