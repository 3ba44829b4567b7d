package org.kojinext.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kojinext.hub.auth.SessionStore;
import org.kojinext.hub.rpc.Dispatcher;
import org.kojinext.hub.rpc.RequestMeta;
import org.kojinext.hub.rpc.RequestRunner;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kojinext bench dispatch}: hub methods run in-process, one after another, without HTTP or
 * encoding. What is left is the hub's own cost per call (dispatch, transaction, jOOQ, database
 * round trips), which {@code bench api} cannot separate from the network and the client.
 */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
        description = "Time getAPIVersion and getUser called in-process, without HTTP.")
final class DispatchCommand implements Callable<Integer> {
    @Option(names = "--calls", defaultValue = "20000", description = "calls per round (default: ${DEFAULT-VALUE})")
    int calls;

    @Option(names = "--rounds", defaultValue = "6", description = "rounds; the first ones warm the JIT (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--db-url", description = "a PostgreSQL JDBC URL instead of the embedded database")
    String dbUrl;

    @Override
    public Integer call() {
        try (BenchTarget target = BenchTarget.inProcess(dbUrl, "bench-admin")) {
            var hub = target.hub();
            RequestRunner runner = new RequestRunner(hub.database(), new Dispatcher(hub.methods()),
                    new SessionStore(Duration.ofDays(1)), true, hub.changes());
            RequestMeta anonymous = RequestMeta.anonymous("127.0.0.1");
            System.out.printf(Locale.ROOT, "Koji Next hub, in-process calls without HTTP: %d rounds of %d calls, %s%n",
                    rounds, calls, target.description());
            System.out.printf(Locale.ROOT, "%-14s %s%n", "call", "µs per call, by round (the last is the steady state)");
            for (RpcCall call : List.of(new RpcCall("getAPIVersion", List.of(), Map.of()),
                    new RpcCall("getUser", List.of("kojiadmin"), Map.of()))) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", call.method()));
                for (int r = 0; r < rounds; r++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        Object result = runner.call(anonymous, call);
                        if (result == null) {
                            System.err.println("kojinext bench: " + call.method() + " returned nothing");
                            return 1;
                        }
                    }
                    row.append(String.format(Locale.ROOT, " %7.1f", (System.nanoTime() - start) / 1000.0 / calls));
                }
                System.out.println(row);
            }
            return 0;
        }
    }
}
