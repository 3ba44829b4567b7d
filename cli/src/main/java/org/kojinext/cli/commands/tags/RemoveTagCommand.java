package org.kojinext.cli.commands.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.tags.Privileges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Koji's remove-tag. */
@Command(name = "remove-tag", description = "[admin] Remove a tag")
public final class RemoveTagCommand extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "<name>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() != 1) {
            throw new CliFailure("Please specify a tag to remove", 2);
        }
        HubLink hub = login();
        Privileges.requireAdminOr(hub, "tag");
        Object tag = hub.call("getTag", args.get(0));
        if (!Py.truthy(tag)) {
            throw new CliFailure("No such tag: " + args.get(0));
        }
        Map<String, Object> info = Py.map(tag);
        hub.call("deleteTag", info.get("id"));
        return 0;
    }
}
