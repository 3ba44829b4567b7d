package org.kojinext.cli.commands.hosts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's add-host: a build host with its arches; refuses a name the hub already has as a host. */
@Command(name = "add-host", description = "[admin] Add a host")
public final class AddHostCommand extends CliCommand {
    @Option(names = "--krb-principal", description = "set a non-default kerberos principal for the host")
    String krbPrincipal;

    @Option(names = "--force", description = "if existing used is a regular user, convert it to a host")
    boolean force;

    @Parameters(arity = "0..*", paramLabel = "<hostname> <arch>")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (args.size() < 2) {
            throw new CliFailure("Please specify a hostname and at least one arch", 2);
        }
        String host = args.get(0);
        HubLink hub = login();
        if (hub.call("getHost", host) != null) {
            throw new CliFailure(host + " is already in the database");
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("force", force);
        if (krbPrincipal != null) {
            kw.put("krb_principal", krbPrincipal);
        }
        Object id = hub.callKw("addHost", List.of(host, new ArrayList<>(args.subList(1, args.size()))), kw);
        out().println(host + " added: id " + ((Number) id).intValue());
        return 0;
    }
}
