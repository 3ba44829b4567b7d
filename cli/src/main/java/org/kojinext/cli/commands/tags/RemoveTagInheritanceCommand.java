package org.kojinext.cli.commands.tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Koji's remove-tag-inheritance: deletes one of a tag's parent links. */
@Command(name = "remove-tag-inheritance", description = "[admin] Remove a tag inheritance link")
public final class RemoveTagInheritanceCommand extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "<tag> <parent> [<priority>]")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        Inheritance.checkLinkArgs(args);
        HubLink hub = login();
        Inheritance.Chosen chosen = Inheritance.choose(hub, args, out());
        Map<String, Object> tag = chosen.tag();
        Map<String, Object> link = chosen.link();
        List<Map<String, Object>> data = new ArrayList<>(Py.maps(hub.call("getInheritanceData", tag.get("id"))));
        Map<String, Object> deleted = new LinkedHashMap<>(link);
        deleted.put("delete link", true);
        Inheritance.replace(data, link, deleted);
        hub.call("setInheritanceData", tag.get("id"), data);
        return 0;
    }
}
