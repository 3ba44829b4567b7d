package org.kojinext.cli.commands.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Multicalls;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Koji's unblock-pkg: lifts blocks; the hub reports unknown tags and packages. */
@Command(name = "unblock-pkg", description = "[admin] Unblock a package in the listing for tag")
public final class UnblockPkgCommand extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "<tag> <package>")
    List<String> args = new ArrayList<>();

    @Override
    protected int run() {
        if (args.size() < 2) {
            throw new CliFailure("Please specify a tag and at least one package", 2);
        }
        HubLink hub = login();
        List<RpcCall> calls = new ArrayList<>();
        for (String p : args.subList(1, args.size())) {
            calls.add(new RpcCall("packageListUnblock", List.of(args.get(0), p), Map.of()));
        }
        Multicalls.strict(hub, calls);
        return 0;
    }
}
