package org.kojinext.cli.commands.tasks;

import org.kojinext.cli.CliFailure;

/** Task ids from the command line, where Koji's handlers call int() and optparse's error. */
final class TaskIds {
    private TaskIds() {
    }

    static int parse(String arg, String message) {
        try {
            return Integer.parseInt(arg.strip());
        } catch (NumberFormatException e) {
            throw new CliFailure(message, 2);
        }
    }
}
