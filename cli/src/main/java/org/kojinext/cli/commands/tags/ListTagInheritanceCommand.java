package org.kojinext.cli.commands.tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.tags.EventOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's list-tag-inheritance: a tag's full inheritance (or its descendants) drawn as a tree. */
@Command(name = "list-tag-inheritance", description = "[info] Print the inheritance information for a tag",
        footer = {"", "Prints tag inheritance with basic information about links.",
                "Four flags could be seen in the output:",
                " M - maxdepth - limits inheritance to n-levels",
                " F - package filter (packages ignored for inheritance)",
                " I - intransitive link - inheritance immediately stops here",
                " N - noconfig - if tag is used in buildroot, its configuration values will not be used",
                "", "Exact values for maxdepth and package filter can be inquired by taginfo command."})
public final class ListTagInheritanceCommand extends CliCommand {
    @Option(names = "--reverse", description = "Process tag's children instead of its parents")
    boolean reverse;

    @Option(names = "--stop", hidden = true)
    String stop;

    @Option(names = "--jump", hidden = true)
    String jump;

    @Mixin
    EventOptions eventOptions = new EventOptions();

    @Option(names = "--json", description = "print the hub's getFullInheritance answer as JSON")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "<tag>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() != 1) {
            throw new CliFailure("This command takes exactly one argument: a tag name or ID", 2);
        }
        if (stop != null && !stop.isEmpty()) {
            throw new CliFailure("--stop option has been removed in 1.26", 2);
        }
        if (jump != null && !jump.isEmpty()) {
            throw new CliFailure("--jump option has been removed in 1.26", 2);
        }
        HubLink hub = hub();
        Map<String, Object> event = eventOptions.resolve(hub);
        if (event != null && !json) {
            out().println(EventOptions.queryingLine(event));
        }
        Map<String, Object> at = new LinkedHashMap<>();
        if (event != null) {
            at.put("event", event.get("id"));
        }
        Object tag = hub.callKw("getTag", List.of(args.get(0)), at);
        if (!Py.truthy(tag)) {
            throw new CliFailure("No such tag: " + args.get(0), 2);
        }
        Map<String, Object> info = Py.map(tag);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("reverse", reverse);
        opts.putAll(at);
        List<Map<String, Object>> links = Py.maps(hub.callKw("getFullInheritance", List.of(info.get("id")), opts));
        if (json) {
            printJson(links);
            return 0;
        }
        out().println("     " + Py.str(info.get("name")) + " (" + Py.i(info.get("id")) + ")");
        for (String line : InheritanceTree.draw(links, reverse)) {
            out().println(line);
        }
        return 0;
    }
}
