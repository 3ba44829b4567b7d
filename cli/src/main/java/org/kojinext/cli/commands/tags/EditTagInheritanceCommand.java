package org.kojinext.cli.commands.tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's edit-tag-inheritance: changes one of a tag's parent links. */
@Command(name = "edit-tag-inheritance", description = "[admin] Edit tag inheritance")
public final class EditTagInheritanceCommand extends CliCommand {
    @Option(names = "--priority", description = "Specify a new priority")
    String priority;

    @Option(names = "--maxdepth", description = "Specify max depth")
    String maxdepth;

    @Option(names = "--intransitive", description = "Set intransitive")
    boolean intransitive;

    @Option(names = "--noconfig", description = "Set to packages only")
    boolean noconfig;

    @Option(names = "--pkg-filter", description = "Specify the package filter")
    String pkgFilter;

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
        if (priority != null) {
            int wanted = Py.parseInt(priority);
            if (data.stream().anyMatch(d -> Py.eq(d.get("priority"), wanted))) {
                throw new CliFailure("Error: There is already an active inheritance with that priority on "
                        + tag.get("name") + ", please specify a different priority with --priority.");
            }
        }
        Map<String, Object> changed = new LinkedHashMap<>(link);
        if (priority != null && Py.isDigits(priority)) {
            changed.put("priority", Py.parseInt(priority));
        }
        if (maxdepth != null) {
            if (Py.isDigits(maxdepth)) {
                changed.put("maxdepth", Py.parseInt(maxdepth));
            } else if (maxdepth.toLowerCase(Locale.ROOT).equals("none")) {
                changed.put("maxdepth", null);
            } else {
                throw new CliFailure("Invalid maxdepth: " + maxdepth);
            }
        }
        if (intransitive) {
            changed.put("intransitive", true);
        }
        if (noconfig) {
            changed.put("noconfig", true);
        }
        if (pkgFilter != null && !pkgFilter.isEmpty()) {
            changed.put("pkg_filter", pkgFilter);
        }
        Inheritance.replace(data, link, changed);
        hub.call("setInheritanceData", tag.get("id"), data);
        return 0;
    }
}
