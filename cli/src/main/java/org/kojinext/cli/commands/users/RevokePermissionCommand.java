package org.kojinext.cli.commands.users;

import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Koji's revoke-permission: one permission from several users, every user checked first. */
@Command(name = "revoke-permission", description = "[admin] Revoke a permission from a user")
public final class RevokePermissionCommand extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "<permission> <user>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (args.size() < 2) {
            throw new CliFailure("Please specify a permission and at least one user", 2);
        }
        HubLink hub = login();
        String perm = args.get(0);
        for (Map<?, ?> user : PermissionUsers.lookUp(hub, args.subList(1, args.size()))) {
            hub.call("revokePermission", user.get("name"), perm);
        }
        return 0;
    }
}
