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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's edit-tag: changes a tag's settings through editTag2. */
@Command(name = "edit-tag", description = "[admin] Alter tag information")
public final class EditTagCommand extends CliCommand {
    @Option(names = "--arches", description = "Specify arches")
    String arches;

    @Option(names = "--perm", description = "Specify permission requirement")
    String perm;

    @Option(names = "--no-perm", description = "Remove permission requirement")
    boolean noPerm;

    @Option(names = "--lock", description = "Lock the tag")
    boolean lock;

    @Option(names = "--unlock", description = "Unlock the tag")
    boolean unlock;

    @Option(names = "--rename", description = "Rename the tag")
    String rename;

    @Option(names = "--maven-support", description = "Enable creation of Maven repos for this tag")
    boolean mavenSupport;

    @Option(names = "--no-maven-support", description = "Disable creation of Maven repos for this tag")
    boolean noMavenSupport;

    @Option(names = "--include-all", description = "Include all packages in this tag when generating Maven repos")
    boolean includeAll;

    @Option(names = "--no-include-all",
            description = "Do not include all packages in this tag when generating Maven repos")
    boolean noIncludeAll;

    @Option(names = {"-x", "--extra"}, paramLabel = "key=value",
            description = "Set tag extra option. JSON-encoded or simple value")
    List<String> extra = new ArrayList<>();

    @Option(names = {"-r", "--remove-extra"}, paramLabel = "key", description = "Remove tag extra option")
    List<String> removeExtra = new ArrayList<>();

    @Option(names = {"-b", "--block-extra"}, paramLabel = "key", description = "Block inherited tag extra option")
    List<String> blockExtra = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "<name>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() != 1) {
            throw new CliFailure("Please specify a name for the tag", 2);
        }
        HubLink hub = login();
        Map<String, Object> opts = new LinkedHashMap<>();
        if (arches != null && !arches.isEmpty()) {
            opts.put("arches", Arches.parse(arches));
        }
        if (noPerm) {
            opts.put("perm", null);
        } else if (perm != null && !perm.isEmpty()) {
            opts.put("perm", perm);
        }
        // Koji applies --unlock before --lock, so both together lock.
        if (unlock) {
            opts.put("locked", false);
        }
        if (lock) {
            opts.put("locked", true);
        }
        if (rename != null && !rename.isEmpty()) {
            opts.put("name", rename);
        }
        if (mavenSupport) {
            opts.put("maven_support", true);
        }
        if (noMavenSupport) {
            opts.put("maven_support", false);
        }
        if (includeAll) {
            opts.put("maven_include_all", true);
        }
        if (noIncludeAll) {
            opts.put("maven_include_all", false);
        }
        if (!extra.isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String x : extra) {
                String[] kv = ExtraOption.split(x);
                if (values.containsKey(kv[0])) {
                    throw new CliFailure("Duplicate extra key: " + kv[0], 2);
                }
                values.put(kv[0], plainOrJson(kv[1]));
            }
            opts.put("extra", values);
        }
        opts.put("remove_extra", removeExtra);
        opts.put("block_extra", blockExtra);
        hub.callKw("editTag2", List.of(args.get(0)), opts);
        return 0;
    }

    /** Koji's arg_filter with parse_json: a number or None/True/False, else JSON, else the word. */
    private static Object plainOrJson(String value) {
        Object v = Literals.plain(value);
        if (!(v instanceof String s) || !s.equals(value)) {
            return v;
        }
        try {
            return Literals.json(value);
        } catch (IllegalArgumentException notJson) {
            return value;
        }
    }
}
