package org.kojinext.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * The base of every command: access to the hub session, the profile and the output streams.
 * A command returns its exit status, or throws {@link CliFailure} (one line, status 1); a hub
 * fault it does not handle itself is printed by {@link KojiNextCli} as Koji prints it.
 */
public abstract class CliCommand implements Callable<Integer> {
    @ParentCommand
    private KojiNextCli root;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected abstract int run() throws Exception;

    /** The hub session, anonymous until {@link #login()} (Koji's ensure_connection). */
    protected HubLink hub() {
        return root.hub();
    }

    /** Logs in as the profile says (Koji's activate_session); for commands that change things. */
    protected HubLink login() {
        HubLink h = root.hub();
        h.login();
        return h;
    }

    protected CliEnv env() {
        return root.env();
    }

    protected GlobalOptions global() {
        return root.global();
    }

    protected PrintStream out() {
        return root.env().out();
    }

    protected PrintStream err() {
        return root.env().err();
    }

    /** Prints a value as {@code --json} output. */
    protected void printJson(Object value) {
        out().println(Json.write(value));
    }

    /** A warning on standard error, as Koji's warn(), which --quiet does not silence. */
    protected void warn(String message) {
        err().println(message);
    }
}
