package org.kojinext.cli.commands.targets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.Py;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's list-targets: name, build tag and destination of each target, by name. */
@Command(name = "list-targets", description = "[info] List the build targets")
public final class ListTargetsCommand extends CliCommand {
    @Option(names = "--name", description = "Specify the build target name")
    String name;

    @Option(names = "--quiet", description = "Do not print the header information")
    boolean quiet;

    @Option(names = "--json", description = "print the targets as JSON")
    boolean json;

    @Parameters(arity = "0..*", hidden = true)
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (!args.isEmpty()) {
            throw new CliFailure("This command takes no arguments", 2);
        }
        List<Map<String, Object>> targets = new ArrayList<>(Py.maps(
                name == null ? hub().call("getBuildTargets") : hub().call("getBuildTargets", name)));
        targets.sort(Comparator.comparing(t -> Py.str(t.get("name"))));
        boolean named = name != null && !name.isEmpty();
        if (targets.isEmpty() && (named || !json)) {
            throw new CliFailure(named ? "No such build target: " + name : "No targets were found", 2);
        }
        if (json) {
            printJson(targets);
            return 0;
        }
        if (!quiet && !global().quiet()) {
            out().println(Py.left("Name", 30) + " " + Py.left("Buildroot", 30) + " " + Py.left("Destination", 30));
            out().println("-".repeat(93));
        }
        for (Map<String, Object> t : targets) {
            out().println(Py.left(t.get("name"), 30) + " " + Py.left(t.get("build_tag_name"), 30) + " "
                    + Py.left(t.get("dest_tag_name"), 30));
        }
        return 0;
    }
}
