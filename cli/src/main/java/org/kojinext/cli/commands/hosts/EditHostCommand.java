package org.kojinext.cli.commands.hosts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Multicalls;
import org.kojinext.cli.hosts.HostLookup;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's edit-host: the same changes to several hosts, none made unless every host exists. */
@Command(name = "edit-host", description = "[admin] Edit a host")
public final class EditHostCommand extends CliCommand {
    @Option(names = "--arches", description = "Space or comma-separated list of supported architectures")
    String arches;

    @Option(names = "--capacity", description = "Capacity of this host")
    Double capacity;

    @Option(names = "--description", paramLabel = "DESC", description = "Description of this host")
    String description;

    @Option(names = "--comment", description = "A brief comment about this host")
    String comment;

    @Parameters(arity = "0..*", paramLabel = "<hostname>")
    List<String> hosts = List.of();

    @Override
    protected int run() {
        if (hosts.isEmpty()) {
            throw new CliFailure("Please specify a hostname", 2);
        }
        HubLink hub = login();
        Map<String, Object> changes = new LinkedHashMap<>();
        if (arches != null) {
            changes.put("arches", normalArches(arches));
        }
        if (capacity != null) {
            changes.put("capacity", capacity);
        }
        if (description != null) {
            changes.put("description", description);
        }
        if (comment != null) {
            changes.put("comment", comment);
        }
        if (!HostLookup.allExist(hub, hosts, h -> warn("No such host: " + h))) {
            throw new CliFailure("No changes made, please correct the command line");
        }
        List<RpcCall> edits = new ArrayList<>();
        for (String h : hosts) {
            edits.add(new RpcCall("editHost", List.of(h), changes));
        }
        List<Object> results = Multicalls.strict(hub, edits);
        for (int i = 0; i < hosts.size(); i++) {
            boolean edited = Boolean.TRUE.equals(results.get(i));
            out().println(edited ? "Edited " + hosts.get(i) : "No changes made to " + hosts.get(i));
        }
        return 0;
    }

    /** Koji's parse_arches: commas or spaces between, one space in the result, safe characters only. */
    static String normalArches(String text) {
        List<String> list = new ArrayList<>();
        for (String a : text.replace(',', ' ').trim().split("\\s+")) {
            if (!a.matches("[a-zA-Z0-9_\\-]*")) {
                // Koji raises this in the client before calling the hub.
                throw KojiFault.generic("Architecture can be only [a-zA-Z0-9_-]");
            }
            if (!a.isEmpty()) {
                list.add(a);
            }
        }
        return String.join(" ", list);
    }
}
