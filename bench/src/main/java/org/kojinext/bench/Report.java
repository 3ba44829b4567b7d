package org.kojinext.bench;

import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/** Prints a run's results as a plain table or as JSON, with the same content in both. */
public final class Report {
    /**
     * Koji's own hub, for scale. These are not measured here: they are the getTag rates quoted in
     * the issue for Koji's Python hub on a 2-core machine, from 1 and from 4 clients.
     */
    static final int PYTHON_HUB_1_CLIENT = 300;
    static final int PYTHON_HUB_4_CLIENTS = 500;
    static final int TARGET_FACTOR = 20;

    private static final String ROW = "%-13s %-4s %7s %10s %10s %9s %9s %6s %7s %5s %4s %6s";

    /** What was measured, on what. */
    public record Setup(int cores, String jdk, String hub, String client, Duration jitWarmup, Duration warmup,
                        Duration duration) {
        public static Setup here(String hub, String client, Duration jitWarmup, Duration warmup, Duration duration) {
            String jdk = System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
                    + " (" + System.getProperty("java.vm.name") + ")";
            return new Setup(Runtime.getRuntime().availableProcessors(), jdk, hub, client, jitWarmup, warmup, duration);
        }
    }

    /** A getUser row set against the Python hub's reference rate for the same client count. */
    public record Comparison(CellResult result, int referenceCallsPerSecond) {
        public double ratio() {
            return result.callsPerSecond() / referenceCallsPerSecond;
        }

        public int targetCallsPerSecond() {
            return referenceCallsPerSecond * TARGET_FACTOR;
        }

        public boolean meetsTarget() {
            return result.callsPerSecond() >= targetCallsPerSecond();
        }
    }

    /** Failed requests outside the measured rows, and the first of them. */
    public record Failures(long count, String first) {
        public static final Failures NONE = new Failures(0, null);

        public Failures plus(CellResult r) {
            return new Failures(count + r.errors(), first != null ? first : r.firstError());
        }
    }

    private final Setup setup;
    private final List<CellResult> results;
    private final Failures jitWarmup;

    /** @param jitWarmup what failed while warming up the JIT before the first row */
    public Report(Setup setup, List<CellResult> results, Failures jitWarmup) {
        this.setup = setup;
        this.results = List.copyOf(results);
        this.jitWarmup = jitWarmup;
    }

    public long errors() {
        return jitWarmup.count() + results.stream().mapToLong(CellResult::errors).sum();
    }

    public List<Comparison> comparisons() {
        List<Comparison> out = new ArrayList<>();
        for (CellResult r : results) {
            if (r.call() == ApiCall.GET_USER && r.clients() == 1) {
                out.add(new Comparison(r, PYTHON_HUB_1_CLIENT));
            } else if (r.call() == ApiCall.GET_USER && r.clients() == 4) {
                out.add(new Comparison(r, PYTHON_HUB_4_CLIENTS));
            }
        }
        return out;
    }

    static String header() {
        return String.format(Locale.ROOT, ROW, "call", "enc", "clients", "calls/s", "req/s", "mean ms", "p99 ms",
                "errors", "client%", "hub%", "db%", "other%");
    }

    static String row(CellResult r) {
        return String.format(Locale.ROOT, ROW, r.call().label(), r.encoding().name().toLowerCase(Locale.ROOT),
                r.clients(), fixed(r.callsPerSecond(), 0), fixed(r.requestsPerSecond(), 0),
                fixed(r.latency().meanMs(), 3), fixed(r.latency().p99Ms(), 3), r.errors(),
                percent(r.cpu().client()), percent(r.cpu().hub()), percent(r.cpu().db()), percent(r.cpu().other()));
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("Koji Next hub API benchmark: ").append(setup.cores()).append(" cores, JDK ").append(setup.jdk())
                .append('\n');
        sb.append("hub: ").append(setup.hub()).append('\n');
        sb.append("client: ").append(setup.client()).append('\n');
        sb.append("after a ").append(seconds(setup.jitWarmup())).append(" s JIT warmup, each row: ")
                .append(seconds(setup.warmup())).append(" s warmup, ").append(seconds(setup.duration()))
                .append(" s measured; multicall = ").append(ApiCall.MULTICALL.callsPerRequest())
                .append(" getUser calls in one request\n\n");
        sb.append(header()).append('\n');
        for (CellResult r : results) {
            sb.append(row(r)).append('\n');
        }
        sb.append("""

                CPU during each row, as shares of the whole machine: client% = the benchmark's client
                threads; hub% = the rest of this JVM (the in-process hub, plus GC and JIT); db% = the
                embedded PostgreSQL; other% = every other process, including a database (--db-url) or
                hub (--url) that runs outside this process, whose own columns then show "-".
                """);
        for (CellResult r : results) {
            if (r.attempts() > 1) {
                sb.append(String.format(Locale.ROOT, "%s %s %d clients: measured %d times because other processes "
                        + "were busy; the least disturbed run is shown%n", r.call().label(),
                        r.encoding().name().toLowerCase(Locale.ROOT), r.clients(), r.attempts()));
            }
        }
        List<Comparison> cmp = comparisons();
        if (!cmp.isEmpty()) {
            sb.append(String.format(Locale.ROOT, """

                    Against Koji's Python hub. REFERENCE ONLY, NOT MEASURED HERE: Koji's getTag rate from
                    the issue, about %d calls/s from 1 client and %d from 4 on a 2-core machine.
                    Target: at least %dx, i.e. %d and %d calls/s.
                    """, PYTHON_HUB_1_CLIENT, PYTHON_HUB_4_CLIENTS, TARGET_FACTOR,
                    PYTHON_HUB_1_CLIENT * TARGET_FACTOR, PYTHON_HUB_4_CLIENTS * TARGET_FACTOR));
            for (Comparison c : cmp) {
                sb.append(String.format(Locale.ROOT, "  getUser %-4s %2d client%s %8.0f calls/s = %5.1fx Koji's %d getTag/s  %s%n",
                        c.result().encoding().name().toLowerCase(Locale.ROOT), c.result().clients(),
                        c.result().clients() == 1 ? " " : "s", c.result().callsPerSecond(), c.ratio(),
                        c.referenceCallsPerSecond(),
                        c.meetsTarget() ? "meets the " + TARGET_FACTOR + "x target"
                                : "BELOW the " + TARGET_FACTOR + "x target (" + c.targetCallsPerSecond() + "/s)"));
            }
        }
        long errors = errors();
        if (errors > 0) {
            sb.append("\n").append(errors).append(" failed requests:\n");
            if (jitWarmup.count() > 0) {
                sb.append(String.format(Locale.ROOT, "  JIT warmup: %d, first: %s%n", jitWarmup.count(), jitWarmup.first()));
            }
            for (CellResult r : results) {
                if (r.errors() > 0) {
                    sb.append(String.format(Locale.ROOT, "  %s %s %d clients: %d, first: %s%n", r.call().label(),
                            r.encoding().name().toLowerCase(Locale.ROOT), r.clients(), r.errors(), r.firstError()));
                }
            }
        }
        return sb.toString();
    }

    public String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(PRETTY, out)) {
            g.writeStartObject();
            g.writeNumberProperty("cores", setup.cores());
            g.writeStringProperty("jdk", setup.jdk());
            g.writeStringProperty("hub", setup.hub());
            g.writeStringProperty("client", setup.client());
            g.writeNumberProperty("jitWarmupSeconds", seconds(setup.jitWarmup()));
            g.writeNumberProperty("warmupSeconds", seconds(setup.warmup()));
            g.writeNumberProperty("durationSeconds", seconds(setup.duration()));
            g.writeNumberProperty("multicallSize", ApiCall.MULTICALL.callsPerRequest());
            g.writeNumberProperty("errors", errors());
            g.writeNumberProperty("jitWarmupErrors", jitWarmup.count());
            g.writeStringProperty("jitWarmupFirstError", jitWarmup.first());
            g.writeArrayPropertyStart("results");
            for (CellResult r : results) {
                g.writeStartObject();
                g.writeStringProperty("call", r.call().label());
                g.writeStringProperty("encoding", r.encoding().name().toLowerCase(Locale.ROOT));
                g.writeNumberProperty("clients", r.clients());
                number(g, "callsPerSecond", r.callsPerSecond());
                number(g, "requestsPerSecond", r.requestsPerSecond());
                g.writeNumberProperty("requests", r.requests());
                number(g, "meanMs", r.latency().meanMs());
                number(g, "p50Ms", r.latency().p50Ms());
                number(g, "p99Ms", r.latency().p99Ms());
                number(g, "maxMs", r.latency().maxMs());
                g.writeNumberProperty("errors", r.errors());
                g.writeStringProperty("firstError", r.firstError());
                number(g, "cpuMachine", r.cpu().machine());
                number(g, "cpuClient", r.cpu().client());
                number(g, "cpuHub", r.cpu().hub());
                number(g, "cpuDb", r.cpu().db());
                number(g, "cpuOther", r.cpu().other());
                g.writeNumberProperty("attempts", r.attempts());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("pythonHubReference");
            for (Comparison c : comparisons()) {
                g.writeStartObject();
                g.writeStringProperty("note", "Koji's getTag rate from the issue, not measured here");
                g.writeStringProperty("encoding", c.result().encoding().name().toLowerCase(Locale.ROOT));
                g.writeNumberProperty("clients", c.result().clients());
                number(g, "callsPerSecond", c.result().callsPerSecond());
                g.writeNumberProperty("referenceCallsPerSecond", c.referenceCallsPerSecond());
                number(g, "ratio", c.ratio());
                g.writeNumberProperty("targetCallsPerSecond", c.targetCallsPerSecond());
                g.writeBooleanProperty("meetsTarget", c.meetsTarget());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.append('\n').toString();
    }

    private static final ObjectWriteContext PRETTY = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new DefaultPrettyPrinter();
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    };

    /** JSON has no NaN: an unknown figure is null. */
    private static void number(JsonGenerator g, String name, double v) {
        g.writeName(name);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNull();
        } else {
            g.writeNumber(Math.round(v * 1000) / 1000.0);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f", share * 100);
    }
}
