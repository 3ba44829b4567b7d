package org.kojinext.hub.tools;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Administration commands that work on a hub's database directly, without a running hub:
 * {@code ./kojinext db ...} and {@code ./kojinext dev ...}.
 */
@Command(name = "kojinext", mixinStandardHelpOptions = true, subcommands = {ToolsMain.DbCommand.class, ToolsMain.DevCommand.class})
public final class ToolsMain {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ToolsMain());
        // An operator's mistake (bad URL, wrong database) is one line; --debug in the log shows more.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("kojinext " + cmd.getCommandName() + ": " + oneLine(e));
            LoggerFactory.getLogger(ToolsMain.class).debug("command failed", e);
            return 1;
        });
        System.exit(cli.execute(args));
    }

    static String oneLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
            msg += ": " + root.getMessage();
        }
        return msg.replaceAll("\\s+", " ");
    }

    /** {@code kojinext db}: the schema of a Koji or Koji Next database. */
    @Command(name = "db", mixinStandardHelpOptions = true, subcommands = {AdoptCommand.class},
            description = "Work on a hub's database.")
    static final class DbCommand {
    }

    /** {@code kojinext dev}: tools for developing and measuring Koji Next. */
    @Command(name = "dev", mixinStandardHelpOptions = true, subcommands = {SeedCommand.class},
            description = "Developer tools.")
    static final class DevCommand {
    }
}
