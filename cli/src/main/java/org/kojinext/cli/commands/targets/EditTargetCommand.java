package org.kojinext.cli.commands.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.tags.Privileges;
import org.kojinext.protocol.KojiFault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's edit-target: renames a target or changes its build or destination tag. */
@Command(name = "edit-target",
        description = "[admin] Set the name, build_tag, and/or dest_tag of an existing build target to new values")
public final class EditTargetCommand extends CliCommand {
    @Option(names = "--rename", description = "Specify new name for target")
    String rename;

    @Option(names = "--build-tag", description = "Specify a different build tag")
    String buildTag;

    @Option(names = "--dest-tag", description = "Specify a different destination tag")
    String destTag;

    @Parameters(arity = "0..*", paramLabel = "<name>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() != 1) {
            throw new CliFailure("Please specify a build target", 2);
        }
        HubLink hub = login();
        Privileges.requireAdminOr(hub, "target");
        Object found = hub.call("getBuildTarget", args.get(0));
        if (found == null) {
            // Koji raises this in the client, so it reads like a hub fault.
            throw KojiFault.generic("No such build target: " + args.get(0));
        }
        Map<String, Object> target = Py.map(found);
        Object origName = target.get("name");
        Object name = present(rename) ? rename : origName;
        Object build = target.get("build_tag_name");
        Object dest = target.get("dest_tag_name");
        if (present(buildTag)) {
            build = buildTag;
            Targets.checkBuildTag(hub.call("getTag", buildTag), buildTag);
        }
        if (present(destTag)) {
            if (!Py.truthy(hub.call("getTag", destTag))) {
                throw new CliFailure("No such destination tag: " + destTag);
            }
            dest = destTag;
        }
        hub.call("editBuildTarget", origName, name, build, dest);
        return 0;
    }

    private static boolean present(String option) {
        return option != null && !option.isEmpty();
    }
}
