package org.kojinext.cli;

import java.util.List;
import org.kojinext.cli.commands.connection.CallCommand;
import org.kojinext.cli.commands.connection.HelloCommand;
import org.kojinext.cli.commands.connection.ListApiCommand;
import org.kojinext.cli.commands.connection.VersionCommand;

/** Every command, grouped as the issue lists them. One line per command. */
final class Commands {
    static final List<Class<? extends CliCommand>> ALL = List.of(
            // connection
            HelloCommand.class,
            VersionCommand.class,
            ListApiCommand.class,
            CallCommand.class
    );

    private Commands() {
    }
}
