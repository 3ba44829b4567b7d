package org.kojinext.cli.commands.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.Py;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's block-pkg: blocks packages the tag lists, directly or through inheritance. */
@Command(name = "block-pkg", description = "[admin] Block a package in the listing for tag")
public final class BlockPkgCommand extends CliCommand {
    @Option(names = "--force", description = "Override blocks and owner if necessary")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "<tag> <package>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() < 2) {
            throw new CliFailure("Please specify a tag and at least one package", 2);
        }
        String tag = args.get(0);
        return PackageLists.changeListed(login(), tag, args.subList(1, args.size()), true,
                "Package %s doesn't exist in tag %s", this::warn,
                // Koji sends force only when asked: hubs before 1.18 do not take it.
                p -> new RpcCall("packageListBlock", List.of(tag, p), force ? Py.kw("force", true) : Map.of()));
    }
}
