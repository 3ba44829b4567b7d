package org.kojinext.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kojinext bench}: performance measurements whose figures go in the README. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {ApiCommand.class, DispatchCommand.class, TasksCommand.class, FloorCommand.class, DataCommand.class, UploadCommand.class, BuildCommand.class, CliStartupCommand.class},
        description = "Benchmarks of Koji Next. Run 'bench api --help' for the hub API benchmark.")
public final class BenchMain implements Callable<Integer> {

    public static void main(String[] args) {
        // The in-process builders and clients share HttpURLConnection's cache of idle connections,
        // which keeps 5 per destination by default: the rest would reconnect for every call.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "512");
        }
        System.exit(new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return CommandLine.ExitCode.USAGE;
    }
}
