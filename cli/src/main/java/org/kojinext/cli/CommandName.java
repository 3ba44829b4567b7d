package org.kojinext.cli;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** Finds the command a command line names: the first word that is neither a global option nor its value. */
final class CommandName {
    private CommandName() {
    }

    static String of(String... args) {
        Set<String> takeValue = valueOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return i + 1 < args.length ? args[i + 1] : null;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                return a;
            }
            if (takeValue.contains(a)) {
                i++;
            }
            // "--server=URL" and "-sURL" carry their value
        }
        return null;
    }

    /** The global options that take a value, from GlobalOptions itself so that none is forgotten. */
    private static Set<String> valueOptions() {
        Set<String> names = new HashSet<>();
        for (Field f : GlobalOptions.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null && f.getType() != boolean.class && f.getType() != Boolean.class) {
                names.addAll(java.util.List.of(o.names()));
            }
        }
        return names;
    }
}
