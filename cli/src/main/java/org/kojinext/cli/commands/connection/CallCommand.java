package org.kojinext.cli.commands.connection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Json;
import org.kojinext.cli.Literals;
import org.kojinext.cli.PyRepr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's call: any hub method, with NAME=VALUE arguments as keywords. Logs in unless
 * {@code --noauth}, and prints the answer as Python's pprint, or as JSON.
 */
@Command(name = "call", description = "Execute an arbitrary XML-RPC call")
public final class CallCommand extends CliCommand {
    private static final Pattern KEYWORD = Pattern.compile("^([^\\W0-9]\\w*)=(.*)$", Pattern.DOTALL);

    @Option(names = {"-p", "--python"}, description = "Use python syntax for RPC parameter values")
    boolean python;

    @Option(names = "--kwargs", description = "Specify keyword arguments as a dictionary (implies --python or --json-input)")
    String kwargs;

    @Option(names = {"-j", "--json"}, description = "Use JSON syntax for input and output")
    boolean json;

    @Option(names = "--json-input", description = "Use JSON syntax for input")
    boolean jsonInput;

    @Option(names = "--json-output", description = "Use JSON syntax for output")
    boolean jsonOutput;

    @Option(names = {"-b", "--bare-strings"}, description = "Treat invalid json/python as bare strings")
    boolean bareStrings;

    @Parameters(index = "0", paramLabel = "<name>", description = "the hub method")
    String name;

    @Parameters(index = "1..*", paramLabel = "<arg>", description = "arguments; NAME=VALUE is a keyword argument")
    List<String> args = List.of();

    @Override
    protected int run() {
        if (json) {
            jsonInput = true;
            jsonOutput = true;
        }
        if (python && jsonInput) {
            throw new CliFailure("The --python option conflicts with using --json-input", 2);
        }
        if (kwargs != null && !jsonInput) {
            python = true;
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        if (kwargs != null) {
            if (!(parse(kwargs) instanceof Map<?, ?> m)) {
                throw new CliFailure("--kwargs must be a dictionary", 2);
            }
            m.forEach((k, v) -> kw.put(String.valueOf(k), v));
        }
        List<Object> positional = new ArrayList<>();
        for (String a : args) {
            Matcher m = KEYWORD.matcher(a);
            if (m.matches()) {
                kw.put(m.group(1), parse(m.group(2)));
            } else {
                positional.add(parse(a));
            }
        }
        HubLink hub = login();
        Object response = hub.callKw(name, positional, kw);
        out().println(jsonOutput ? Json.write(response) : PyRepr.pformat(response));
        return 0;
    }

    private Object parse(String arg) {
        try {
            if (python) {
                return Literals.python(arg);
            }
            if (jsonInput) {
                return Literals.json(arg);
            }
            return Literals.plain(arg);
        } catch (IllegalArgumentException e) {
            if (bareStrings) {
                return arg;
            }
            throw new CliFailure("Invalid value: " + PyRepr.repr(arg), 2);
        }
    }
}
