package org.kojinext.cli.commands.users;

import java.util.List;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.users.UserNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's add-user: a normal user, optionally blocked from the start or with a Kerberos principal. */
@Command(name = "add-user", description = "[admin] Add a user")
public final class AddUserCommand extends CliCommand {
    @Option(names = "--principal", description = "The Kerberos principal for this user")
    String principal;

    @Option(names = "--disable", description = "Prohibit logins by this user")
    boolean disable;

    @Parameters(arity = "0..*", paramLabel = "<username>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (args.isEmpty()) {
            throw new CliFailure("You must specify the username of the user to add", 2);
        }
        if (args.size() > 1) {
            throw new CliFailure("This command only accepts one argument (username)", 2);
        }
        String username = args.get(0);
        int status = disable ? UserNames.BLOCKED : UserNames.NORMAL;
        var call = Multicalls.call("createUser", List.of(username), "status", status, "krb_principal", principal);
        Object id = login().callKw(call.method(), call.args(), call.kwargs());
        out().println("Added user " + username + " (" + ((Number) id).intValue() + ")");
        return 0;
    }
}
