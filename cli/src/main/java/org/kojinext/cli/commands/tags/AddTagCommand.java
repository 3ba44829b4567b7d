package org.kojinext.cli.commands.tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Literals;
import org.kojinext.cli.tags.Arches;
import org.kojinext.cli.tags.Privileges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's add-tag: creates a tag, optionally with a parent at priority 0, arches and extra settings. */
@Command(name = "add-tag", description = "[admin] Add a new tag to the database")
public final class AddTagCommand extends CliCommand {
    @Option(names = "--parent", description = "Set a parent tag with priority 0")
    String parent;

    @Option(names = "--arches", description = "Specify arches")
    String arches;

    @Option(names = "--maven-support", description = "Enable creation of Maven repos for this tag")
    boolean mavenSupport;

    @Option(names = "--include-all", description = "Include all packages in this tag when generating Maven repos")
    boolean includeAll;

    @Option(names = {"-x", "--extra"}, paramLabel = "key=value", description = "Set tag extra option")
    List<String> extra = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "<name>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() != 1) {
            throw new CliFailure("Please specify a name for the tag", 2);
        }
        HubLink hub = login();
        Privileges.requireAdminOr(hub, "tag");
        Map<String, Object> opts = new LinkedHashMap<>();
        if (parent != null && !parent.isEmpty()) {
            opts.put("parent", parent);
        }
        if (arches != null && !arches.isEmpty()) {
            opts.put("arches", Arches.parse(arches));
        }
        if (mavenSupport) {
            opts.put("maven_support", true);
        }
        if (includeAll) {
            opts.put("maven_include_all", true);
        }
        if (!extra.isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String x : extra) {
                String[] kv = ExtraOption.split(x);
                values.put(kv[0], Literals.plain(kv[1]));
            }
            opts.put("extra", values);
        }
        hub.callKw("createTag", List.of(args.get(0)), opts);
        return 0;
    }
}
