package org.kojinext.cli.commands.tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's add-tag-inheritance: appends a parent link to a tag's inheritance. */
@Command(name = "add-tag-inheritance", description = "[admin] Add to a tag's inheritance")
public final class AddTagInheritanceCommand extends CliCommand {
    @Option(names = "--priority", description = "Specify priority")
    String priority;

    @Option(names = "--maxdepth", description = "Specify max depth")
    String maxdepth;

    @Option(names = "--intransitive", description = "Set intransitive")
    boolean intransitive;

    @Option(names = "--noconfig", description = "Set to packages only")
    boolean noconfig;

    @Option(names = "--pkg-filter", description = "Specify the package filter")
    String pkgFilter;

    @Option(names = "--force", description = "Force adding a parent to a tag that already has that parent tag")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "<tag> <parent-tag>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() != 2) {
            throw new CliFailure("This command takes exactly two arguments: a tag name or ID and that tag's "
                    + "new parent name or ID", 2);
        }
        HubLink hub = login();
        Map<String, Object> tag = Inheritance.requireTag(hub, args.get(0));
        Map<String, Object> parent = Inheritance.requireTag(hub, args.get(1));
        List<Map<String, Object>> data = new ArrayList<>(Py.maps(hub.call("getInheritanceData", tag.get("id"))));
        // An empty --priority counts as none, as in Koji.
        int prio = priority != null && !priority.isEmpty() ? Py.parseInt(priority) : 0;
        boolean sameParent = data.stream().anyMatch(d -> Py.eq(d.get("parent_id"), parent.get("id")));
        boolean samePriority = data.stream().anyMatch(d -> Py.eq(d.get("priority"), prio));
        if (sameParent && !force) {
            warn("Error: You are attempting to add " + parent.get("name") + " as " + tag.get("name")
                    + "'s parent even though it already is " + tag.get("name") + "'s parent.");
            throw new CliFailure("Please use --force if this is what you really want to do.");
        }
        if (samePriority) {
            throw new CliFailure("Error: There is already an active inheritance with that priority on "
                    + tag.get("name") + ", please specify a different priority with --priority.");
        }
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("parent_id", parent.get("id"));
        link.put("priority", prio);
        link.put("maxdepth", Py.isDigits(maxdepth) ? Py.parseInt(maxdepth) : null);
        link.put("intransitive", intransitive);
        link.put("noconfig", noconfig);
        link.put("pkg_filter", pkgFilter == null ? "" : pkgFilter);
        data.add(link);
        hub.call("setInheritanceData", tag.get("id"), data);
        return 0;
    }
}
