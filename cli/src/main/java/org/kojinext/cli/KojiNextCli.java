package org.kojinext.cli;

import org.kojinext.cli.config.ConfigException;
import org.kojinext.cli.config.Profile;
import org.kojinext.cli.config.ProfileLoader;
import org.kojinext.protocol.KojiFault;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kojinext}: Koji's command line. Global options come before the command, as in
 * {@code koji}; every command is a direct subcommand named as Koji names it.
 */
@Command(name = "kojinext", mixinStandardHelpOptions = false, usageHelpAutoWidth = true,
        description = "Koji Next's command line: Koji's commands, against a Koji Next or a Koji hub.",
        subcommandsRepeatable = false)
public final class KojiNextCli implements Runnable {
    @Mixin
    private final GlobalOptions global = new GlobalOptions();

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    private CliEnv env;
    private HubLink hub;

    public static void main(String[] args) {
        CliEnv env = CliEnv.system();
        int status = run(env, args);
        env.out().flush();
        System.exit(status);
    }

    /** Runs one command line; returns the exit status. Everything printed goes to env's streams. */
    public static int run(CliEnv env, String... args) {
        KojiNextCli root = new KojiNextCli();
        root.env = env;
        CommandLine cl = commandLine(root, args);
        cl.setOut(new java.io.PrintWriter(env.out(), true));
        cl.setErr(new java.io.PrintWriter(env.err(), true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> root.report(e, cmd));
        try {
            return cl.execute(args);
        } finally {
            if (root.hub != null) {
                root.hub.logout();
            }
            env.out().flush();
        }
    }

    /**
     * The command tree for one run. Picocli builds each command's model by reflection, most of a
     * short run's work with every command loaded; a run that names its command gets only that one.
     * Help, an unknown name and commands that show the tree ({@link WholeTree}) get them all.
     */
    static CommandLine commandLine(KojiNextCli root, String... args) {
        CommandLine cl = new CommandLine(root);
        Class<? extends CliCommand> only = Commands.named(CommandName.of(args));
        if (only != null && !WholeTree.class.isAssignableFrom(only)) {
            cl.addSubcommand(only);
        } else {
            for (Class<?> c : Commands.ALL) {
                cl.addSubcommand(c);
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                        .usageHelp(true).description("show this help message and exit").build());
            }
        }
        return cl;
    }

    @Override
    public void run() {
        // No command: Koji prints its usage.
        new CommandLine(this).usage(env.err());
    }

    HubLink hub() {
        if (hub == null) {
            Profile p = new ProfileLoader(env.etc(), env.home()).load(global.profile, global.config)
                    .with(global.overrides());
            hub = new HubLink(p, global.xmlrpc);
        }
        return hub;
    }

    CliEnv env() {
        return env;
    }

    GlobalOptions global() {
        return global;
    }

    /** Koji's usage line: "Usage: kojinext NAME [options] <arg> ..."; --help shows the options. */
    static String usageLine(CommandLine cmd) {
        StringBuilder sb = new StringBuilder("Usage: kojinext ").append(cmd.getCommandName()).append(" [options]");
        for (CommandLine.Model.PositionalParamSpec p : cmd.getCommandSpec().positionalParameters()) {
            String label = p.paramLabel();
            boolean optional = p.arity().min == 0;
            sb.append(' ').append(optional ? "[" + label + "]" : label);
        }
        return sb.toString();
    }

    /** One line per error, as Koji's CLI; the stack trace only with --debug. */
    private int report(Exception e, CommandLine cmd) {
        if (global.debug()) {
            e.printStackTrace(env.err());
        }
        env.out().flush();
        if (e instanceof CliFailure f && f.status() == 2 && cmd != null) {
            // optparse's parser.error: the usage line, a hint, then the message.
            env.err().println(usageLine(cmd));
            env.err().println("(Specify the --help global option for a list of other help options)");
            env.err().println();
            env.err().println("kojinext: error: " + f.getMessage());
            return 2;
        }
        if (e instanceof CliFailure f) {
            env.err().println(f.getMessage());
            return f.status();
        }
        if (e instanceof KojiFault f) {
            env.err().println(f.faultName() + ": " + f.getMessage());
            return 1;
        }
        if (e instanceof ConfigException c) {
            env.err().println("kojinext: error: " + c.getMessage());
            return 2;
        }
        env.err().println(e.getClass().getSimpleName() + ": " + e.getMessage());
        return 1;
    }
}
