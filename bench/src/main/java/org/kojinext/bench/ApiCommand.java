package org.kojinext.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kojinext bench api}: hub calls per second over both encodings and several client counts. */
@Command(name = "api", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure hub calls per second: getAPIVersion, getUser and a multicall of 1000 getUser calls, "
                    + "over XML-RPC and JSON-RPC, from 1, 4 and 16 concurrent anonymous clients, each on its own connection.",
            "By default a hub is started in this process over an embedded PostgreSQL in a temporary "
                    + "directory, removed afterwards.",
            "Exits 1 if any request failed, 2 if the hub does not work at all."})
final class ApiCommand implements Callable<Integer> {
    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "2",
            description = "warmup before each row's measurement (default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "5",
            description = "measured window of each row (default: ${DEFAULT-VALUE})")
    double durationSeconds;

    @Option(names = "--jit-warmup", paramLabel = "SECONDS", defaultValue = "30",
            description = "once, before the first row, send every selected call over every selected "
                    + "encoding for this long in all, unmeasured, so that the first rows do not pay for "
                    + "JIT compilation (default: ${DEFAULT-VALUE})")
    double jitWarmupSeconds;

    @Option(names = "--clients", split = ",", paramLabel = "N", defaultValue = "1,4,16",
            description = "concurrent clients, comma-separated (default: ${DEFAULT-VALUE})")
    List<Integer> clients;

    @Option(names = "--encodings", split = ",", paramLabel = "ENC", defaultValue = "xml,json",
            description = "xml, json or both (default: ${DEFAULT-VALUE})")
    List<Encoding> encodings;

    @Option(names = "--calls", split = ",", paramLabel = "CALL", defaultValue = "getAPIVersion,getUser,multicall",
            converter = ApiCall.Converter.class, description = "calls to measure (default: ${DEFAULT-VALUE})")
    List<ApiCall> calls;

    @Option(names = "--client", paramLabel = "KIND", defaultValue = "socket",
            description = "socket: a lean kept-alive HTTP/1.1 client, so that the hub's cost is what is "
                    + "measured; jdk: java.net.http, which on two cores costs as much CPU per call as the hub; "
                    + "urlconnection: HttpURLConnection, as the CLI and builder use it (default: ${DEFAULT-VALUE})")
    ClientKind clientKind;

    @Option(names = "--json", description = "print the results as JSON instead of a table")
    boolean json;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "run the in-process hub on this PostgreSQL database (user postgres, no password) "
                    + "instead of an embedded one; the database must exist")
    String dbUrl;

    @Option(names = "--url", paramLabel = "URL",
            description = "benchmark a hub that is already running, e.g. http://127.0.0.1:8080/kojihub")
    URI url;

    @Option(names = "--retries", defaultValue = "3",
            description = "measure a row again up to this many times when other processes took more than 10%% "
                    + "of the machine during it (only known with the embedded database); the least disturbed "
                    + "run is kept (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--quiet-wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "before each row, wait up to this long for the machine to be under 10%% busy "
                    + "(default: ${DEFAULT-VALUE})")
    double quietWaitSeconds;

    @Option(names = "--user", defaultValue = "kojiadmin",
            description = "the user getUser asks for (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--admin-password", defaultValue = "bench-admin",
            description = "kojiadmin's password, for the check before measuring (default: ${DEFAULT-VALUE})")
    String adminPassword;

    @Override
    public Integer call() throws Exception {
        if (url != null && dbUrl != null) {
            System.err.println("kojinext bench: --url and --db-url exclude each other: --url names a running hub");
            return 2;
        }
        if (durationSeconds <= 0 || warmupSeconds < 0 || jitWarmupSeconds < 0 || clients.stream().anyMatch(n -> n < 1)
                || retries < 0 || quietWaitSeconds < 0) {
            System.err.println("kojinext bench: --duration must be positive, --clients at least 1, "
                    + "--warmup, --jit-warmup, --retries and --quiet-wait not negative");
            return 2;
        }
        Duration jitWarmup = seconds(jitWarmupSeconds);
        Duration warmup = seconds(warmupSeconds);
        Duration duration = seconds(durationSeconds);
        Duration quietWait = seconds(quietWaitSeconds);

        if (url == null) {
            System.err.println("kojinext bench: starting a hub in this process...");
        }
        BenchTarget target = url != null ? BenchTarget.external(url) : BenchTarget.inProcess(dbUrl, adminPassword);
        Thread cleanup = new Thread(target::close, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            String problem = checkHub(target.url());
            if (problem != null) {
                System.err.println("kojinext bench: the hub at " + target.url() + " does not work: " + problem);
                return 2;
            }
            CpuMeter cpu = new CpuMeter(url == null, target.pgdata());
            ApiBench bench = new ApiBench(target.url(), user, warmup, duration, cpu, clientKind);
            Report.Failures warmupFailures = warmJit(bench, jitWarmup);
            List<CellResult> results = new ArrayList<>();
            for (ApiCall c : calls) {
                for (Encoding e : encodings) {
                    for (int n : clients) {
                        results.add(bench.measure(c, e, n, retries, quietWait));
                    }
                }
            }
            Report.Setup setup = Report.Setup.here(target.description(), clientKind.description(), jitWarmup,
                    warmup, duration);
            Report report = new Report(setup, results, warmupFailures);
            System.out.print(json ? report.json() : report.table());
            System.out.flush();
            return report.errors() > 0 ? 1 : 0;
        } finally {
            target.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running or has run, and the target is closed either way.
            }
        }
    }

    /** @return what failed during the JIT warmup */
    private Report.Failures warmJit(ApiBench bench, Duration total) throws InterruptedException {
        Report.Failures failed = Report.Failures.NONE;
        if (total.isZero()) {
            return failed;
        }
        System.err.println("kojinext bench: warming up the JIT for " + total.toSeconds() + " s");
        Duration slice = total.dividedBy((long) calls.size() * encodings.size());
        // Some concurrency, so that contended paths are compiled too, but not so much that a
        // multicall slice gets only a couple of requests done.
        int n = Math.min(4, clients.stream().mapToInt(Integer::intValue).max().orElse(1));
        for (ApiCall c : calls) {
            for (Encoding e : encodings) {
                failed = failed.plus(bench.exercise(c, e, n, slice));
            }
        }
        return failed;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /**
     * Logs in as kojiadmin over each encoding before measuring, so a misconfigured hub fails
     * loudly here instead of showing up as a table of fast errors.
     */
    private String checkHub(URI hubUrl) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (Encoding e : encodings) {
                KojiClient admin = KojiClient.builder(hubUrl).encoding(e).httpClient(http)
                        .timeout(Duration.ofSeconds(30)).build();
                admin.login("kojiadmin", adminPassword);
                Object me = admin.call("getLoggedInUser");
                if (!(me instanceof Map<?, ?> m) || !"kojiadmin".equals(m.get("name"))) {
                    return "getLoggedInUser over " + e + " answered " + me + " after logging in as kojiadmin";
                }
                admin.logout();
                for (ApiCall c : calls) {
                    String wrong = c.prepare(user).send(admin);
                    if (wrong != null) {
                        return wrong;
                    }
                }
            }
            return null;
        } catch (KojiFault e) {
            String hint = dbUrl != null || url != null
                    ? " (on an existing database kojiadmin keeps the password it was created with: pass --admin-password)"
                    : "";
            return "fault " + e.code() + ": " + e.getMessage() + hint;
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
