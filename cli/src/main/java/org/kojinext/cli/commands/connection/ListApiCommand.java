package org.kojinext.cli.commands.connection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Koji's list-api: every method with its arguments and doc, or the help of the named ones. */
@Command(name = "list-api", description = "[info] Print the list of XML-RPC APIs")
public final class ListApiCommand extends CliCommand {
    @Parameters(arity = "0..*", paramLabel = "method_name")
    List<String> methods = List.of();

    @Option(names = "--json", description = "print the hub's _listapi answer as JSON")
    boolean json;

    @Override
    protected int run() {
        if (!methods.isEmpty()) {
            for (String m : methods) {
                Object help = hub().call("system.methodHelp", m);
                if (help == null || help.toString().isEmpty()) {
                    throw new CliFailure("Unknown method: " + m, 2);
                }
                out().println(help);
            }
            return 0;
        }
        List<Map<?, ?>> api = new ArrayList<>();
        for (Object o : (List<?>) hub().call("_listapi")) {
            api.add((Map<?, ?>) o);
        }
        api.sort(Comparator.comparing(m -> String.valueOf(m.get("name"))));
        if (json) {
            printJson(api);
            return 0;
        }
        for (Map<?, ?> x : api) {
            out().println(x.get("name") + args(x));
            Object doc = x.get("doc");
            if (doc != null && !doc.toString().isEmpty()) {
                out().println("  description: " + doc);
            }
        }
        return 0;
    }

    private static String args(Map<?, ?> x) {
        if (x.get("argdesc") != null) {
            return x.get("argdesc").toString();
        }
        if (x.get("args") instanceof List<?> list && !list.isEmpty()) {
            List<String> expanded = new ArrayList<>();
            for (Object a : list) {
                expanded.add(a instanceof List<?> pair ? pair.get(0) + "=" + pair.get(1) : String.valueOf(a));
            }
            return "(" + String.join(", ", expanded) + ")";
        }
        return "()";
    }
}
