package org.kojinext.cli.commands.packages;

import java.util.ArrayList;
import java.util.List;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.Py;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's remove-pkg: removes a tag's own entries for packages; all must be listed there. */
@Command(name = "remove-pkg", description = "[admin] Remove a package from the listing for tag")
public final class RemovePkgCommand extends CliCommand {
    @Option(names = "--force", description = "Override blocks if necessary")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "<tag> <package>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() < 2) {
            throw new CliFailure("Please specify a tag and at least one package", 2);
        }
        String tag = args.get(0);
        return PackageLists.changeListed(login(), tag, args.subList(1, args.size()), false,
                "Package %s is not in tag %s", this::warn,
                p -> new RpcCall("packageListRemove", List.of(tag, p), Py.kw("force", force)));
    }
}
