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

/** Koji's add-target: a target from a build tag (which must have arches) and a destination tag. */
@Command(name = "add-target", description = "[admin] Create a new build target")
public final class AddTargetCommand extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "<name> <build tag> <dest tag>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() < 2) {
            throw new CliFailure("Please specify a target name, a build tag, and destination tag", 2);
        }
        if (args.size() > 3) {
            throw new CliFailure("Incorrect number of arguments", 2);
        }
        String name = args.get(0);
        String buildTag = args.get(1);
        // Most targets are named after their destination tag.
        String destTag = args.size() > 2 ? args.get(2) : name;
        HubLink hub = login();
        Privileges.requireAdminOr(hub, "target");
        Object build = hub.call("getTag", buildTag);
        Object dest = hub.call("getTag", destTag);
        Targets.checkBuildTag(build, buildTag);
        if (!Py.truthy(dest)) {
            throw new CliFailure("No such destination tag: " + destTag);
        }
        hub.call("createBuildTarget", name, buildTag, destTag);
        return 0;
    }
}
