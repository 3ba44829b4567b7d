package org.kojinext.cli.commands.targets;

import java.util.ArrayList;
import java.util.List;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.tags.Privileges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Koji's remove-target. */
@Command(name = "remove-target", description = "[admin] Remove a build target")
public final class RemoveTargetCommand extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "<name>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() != 1) {
            throw new CliFailure("Please specify a build target to remove", 2);
        }
        HubLink hub = login();
        Privileges.requireAdminOr(hub, "target");
        Object target = hub.call("getBuildTarget", args.get(0));
        if (!Py.truthy(target)) {
            throw new CliFailure("No such build target: " + args.get(0));
        }
        hub.call("deleteBuildTarget", Py.map(target).get("id"));
        return 0;
    }
}
