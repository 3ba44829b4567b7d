package org.kojinext.cli.commands.users;

import java.util.List;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Koji's enable-user: silent on success, the hub's fault otherwise. */
@Command(name = "enable-user", description = "[admin] Enable logins by a user")
public final class EnableUserCommand extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "<username>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (args.isEmpty()) {
            throw new CliFailure("You must specify the username of the user to enable", 2);
        }
        if (args.size() > 1) {
            throw new CliFailure("This command only accepts one argument (username)", 2);
        }
        login().call("enableUser", args.get(0));
        return 0;
    }
}
