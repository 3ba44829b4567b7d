package org.kojinext.cli.commands.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's grant-permission: one permission to several users, every user checked before any grant. */
@Command(name = "grant-permission", description = "[admin] Grant a permission to a user")
public final class GrantPermissionCommand extends CliCommand {
    @Option(names = "--new", description = "Create this permission if the permission does not exist")
    boolean create;

    @Option(names = "--description", description = "Add description about new permission")
    String description;

    @Parameters(arity = "0..*", paramLabel = "<permission> <user>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (args.size() < 2) {
            throw new CliFailure("Please specify a permission and at least one user", 2);
        }
        HubLink hub = login();
        String perm = args.get(0);
        List<Map<?, ?>> users = PermissionUsers.lookUp(hub, args.subList(1, args.size()));
        if (description != null && !create) {
            throw new CliFailure("Option new must be specified with option description.", 2);
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        if (create) {
            kw.put("create", true);
            if (description != null) {
                kw.put("description", description);
            }
        }
        for (Map<?, ?> user : users) {
            hub.callKw("grantPermission", new ArrayList<>(List.of(user.get("name"), perm)), kw);
        }
        return 0;
    }
}
