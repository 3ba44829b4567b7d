package org.kojinext.bench;

import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.EmbeddedPostgresServer;
import org.kojinext.hub.tools.seed.DistributionSeeder;
import org.kojinext.hub.tools.seed.SeedPlan;
import java.io.ByteArrayOutputStream;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.HttpTransport;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.XmlRpcCodec;
import org.kojinext.protocol.KojiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kojinext bench data}: latency of the data model's hot reads on a distribution-sized
 * history ({@code kojinext dev seed}): one client, calls one after another, p50 and p99 per call.
 */
@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latency of getBuild, getTag, getFullInheritance, listPackages (inherited) and listTagged "
                + "(latest, inherit) of the deepest tag, on a seeded database.",
            "Without --db-url, seeds a temporary embedded PostgreSQL first (several minutes at full size)."})
final class DataCommand implements Callable<Integer> {
    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "a database already filled by 'kojinext dev seed' (user postgres, no password)")
    String dbUrl;

    @Option(names = "--url", paramLabel = "URL",
            description = "a hub already running on the --db-url database (e.g. ./kojinext hub), instead of one "
                    + "in this process: the client then has a JVM of its own, as real clients do")
    java.net.URI hubUrl;

    @Option(names = "--packages", defaultValue = "25000", description = "when seeding (default: ${DEFAULT-VALUE})")
    int packages;

    @Option(names = "--builds", defaultValue = "500000", description = "when seeding (default: ${DEFAULT-VALUE})")
    int builds;

    @Option(names = "--tag-events", defaultValue = "100000", description = "when seeding (default: ${DEFAULT-VALUE})")
    int tagEvents;

    @Option(names = "--scale", defaultValue = "1.0",
            description = "multiplies every call's number of samples (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--warmup-seconds", defaultValue = "15",
            description = "each call is first made for at least this long, untimed, so that the JIT has "
                    + "compiled the hub's and the client's paths (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--json", description = "print the results as JSON lines")
    boolean json;

    private record Row(String call, Latencies.Summary summary, String target, Boolean met) {
    }

    @Override
    public Integer call() throws Exception {
        if (hubUrl != null && dbUrl == null) {
            System.err.println("kojinext bench: --url needs --db-url, the database that hub serves");
            return 2;
        }
        EmbeddedPostgresServer pg = null;
        String url = dbUrl;
        try {
            if (url == null) {
                System.err.println("kojinext bench: seeding a temporary database...");
                pg = EmbeddedPostgresServer.startTemporary();
                url = pg.jdbcUrl("postgres");
                Database.open(url, "postgres", null, 2).close();
                DistributionSeeder.seed(url, "postgres", null, new SeedPlan(packages, builds, tagEvents, 100, 42),
                        line -> System.err.println("kojinext bench: seed: " + line));
            }
            List<String> nvrs = sampleNvrs(url, 5000);
            try (BenchTarget target = hubUrl != null ? BenchTarget.external(hubUrl)
                    : BenchTarget.inProcess(url, "bench-admin")) {
                KojiClient c = KojiClient.builder(target.url()).encoding(Encoding.XML)
                        .transport(new SocketTransport()).timeout(Duration.ofMinutes(5)).build();
                String deepest = DistributionSeeder.CHAIN.getLast();
                Random random = new Random(7);
                List<Row> rows = new ArrayList<>();
                rows.add(row("getBuild", n(3000), i -> call(c, "getBuild", List.of(nvrs.get(random.nextInt(nvrs.size()))),
                        Map.of()), "p99 < 2 ms", s -> s.p99Ms() < 2));
                rows.add(row("getTag", n(3000), i -> call(c, "getTag",
                        List.of(DistributionSeeder.CHAIN.get(i % DistributionSeeder.CHAIN.size())), Map.of()), null, null));
                rows.add(row("getFullInheritance", n(2000), i -> call(c, "getFullInheritance", List.of(deepest),
                        Map.of()), null, null));
                rows.add(row("listPackages", n(30), i -> call(c, "listPackages", List.of(),
                        Map.of("tagID", deepest, "inherited", true)), null, null));
                IntFunction<Object> latest = i -> call(c, "listTagged", List.of(deepest),
                        Map.of("latest", true, "inherit", true));
                // The hub's part: the request sent and the whole answer received, not decoded.
                // Decoding 51 MB of XML is the client's cost, and differs by client (Koji's
                // Python client takes several times longer than this Java one).
                byte[] request = listTaggedRequest(deepest);
                SocketTransport raw = new SocketTransport();
                rows.add(row("listTagged", n(30), i -> received(raw, target.url(), request), "p50 < 250 ms",
                        s -> s.p50Ms() < 250));
                rows.add(row("listTagged decoded", n(30), latest, null, null));
                try (Connection conn = DriverManager.getConnection(url, "postgres", null)) {
                    DSLContext db = DSL.using(conn, SQLDialect.POSTGRES);
                    rows.add(row("listTagged cold", n(30), i -> touchBuilds(db), latest, null, null));
                    // getBuild's cache voided before every call: what a hub answers while builds change.
                    rows.add(row("getBuild uncached", n(300), i -> touchBuilds(db), i -> call(c, "getBuild",
                            List.of(nvrs.get(random.nextInt(nvrs.size()))), Map.of()), null, null));
                }
                print(rows, url);
                return rows.stream().anyMatch(r -> Boolean.FALSE.equals(r.met())) ? 1 : 0;
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static byte[] listTaggedRequest(String tag) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        XmlRpcCodec.encodeCall("listTagged", KojiArgs.join(List.of(tag), Map.of("latest", true, "inherit", true)),
                body);
        return body.toByteArray();
    }

    /** Sends the request and reads the whole reply; answers its size, so an empty one is caught. */
    private static Object received(SocketTransport raw, java.net.URI url, byte[] request) {
        try {
            HttpTransport.Reply reply = raw.post(url, "text/xml", Map.of(), request, Duration.ofMinutes(5));
            if (reply.status() != 200 || reply.body().length < 1_000) {
                throw new IllegalStateException("listTagged answered HTTP " + reply.status() + " with "
                        + reply.body().length + " bytes");
            }
            return List.of(reply.body().length);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A write to the build table, as any build starting or finishing makes: it voids every cached
     * answer read from that table, so the call after it reads from the database. An UPDATE of no
     * row is enough, because PostgreSQL announces a statement whether or not it changed a row.
     */
    private static void touchBuilds(DSLContext db) {
        db.update(BUILD).set(BUILD.OWNER, BUILD.OWNER).where(BUILD.ID.lt(0)).execute();
        // The hub hears of it through PostgreSQL's notification, a moment after the commit.
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int n(int base) {
        return Math.max(5, (int) Math.round(base * scale));
    }

    private static Object call(KojiClient c, String method, List<Object> args, Map<String, Object> kwargs) {
        return c.callKw(method, args, kwargs);
    }

    /**
     * Warms up for --warmup-seconds (and at least a tenth of the samples), then times each call on
     * its own. A few hundred calls were not enough: the p99 of getBuild fell from 5 ms to under
     * 2 ms between the first and the third 5,000 calls, as C2 compiled the path.
     */
    private Row row(String label, int samples, IntFunction<Object> call, String target,
                    java.util.function.Predicate<Latencies.Summary> meets) {
        return row(label, samples, i -> { }, call, target, meets);
    }

    /** As above, with {@code before} run untimed ahead of every call. */
    private Row row(String label, int samples, IntConsumer before, IntFunction<Object> call, String target,
                    java.util.function.Predicate<Latencies.Summary> meets) {
        System.err.printf(Locale.ROOT, "kojinext bench: %s x %d%n", label, samples);
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        for (int i = 0; i < Math.max(3, samples / 10) || System.nanoTime() < warmEnd; i++) {
            before.accept(i);
            check(label, call.apply(i));
        }
        Latencies lat = new Latencies();
        for (int i = 0; i < samples; i++) {
            before.accept(i);
            long t0 = System.nanoTime();
            Object r = call.apply(i);
            lat.add(System.nanoTime() - t0);
            check(label, r);
        }
        Latencies.Summary s = Latencies.summarize(List.of(lat));
        return new Row(label, s, target, meets == null ? null : meets.test(s));
    }

    private static void check(String label, Object reply) {
        if (reply == null || (reply instanceof List<?> l && l.isEmpty())) {
            throw new IllegalStateException(label + " answered " + reply + ": is the database seeded?");
        }
    }

    private static List<String> sampleNvrs(String url, int count) throws Exception {
        try (Connection conn = DriverManager.getConnection(url, "postgres", null)) {
            DSLContext db = DSL.using(conn, SQLDialect.POSTGRES);
            return db.select(PACKAGE.NAME, BUILD.VERSION, BUILD.RELEASE).from(BUILD).join(PACKAGE)
                    .on(PACKAGE.ID.eq(BUILD.PKG_ID)).orderBy(DSL.rand()).limit(count)
                    .fetch(r -> r.value1() + "-" + r.value2() + "-" + r.value3());
        }
    }

    private void print(List<Row> rows, String url) {
        if (json) {
            for (Row r : rows) {
                System.out.printf(Locale.ROOT, "{\"call\":\"%s\",\"samples\":%d,\"p50Ms\":%.3f,\"p99Ms\":%.3f,"
                                + "\"meanMs\":%.3f,\"target\":%s,\"met\":%s}%n", r.call(), r.summary().count(),
                        r.summary().p50Ms(), r.summary().p99Ms(), r.summary().meanMs(),
                        r.target() == null ? "null" : "\"" + r.target() + "\"", r.met());
            }
            return;
        }
        System.out.println("Koji Next data-model benchmark: one client, XML-RPC, calls one after another");
        System.out.println("database: " + url.replaceAll("password=[^&]*", "password=…"));
        System.out.printf(Locale.ROOT, "%-20s %8s %10s %10s %10s  %s%n", "call", "samples", "p50 ms", "p99 ms",
                "mean ms", "target");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-20s %8d %10.3f %10.3f %10.3f  %s%n", r.call(), r.summary().count(),
                    r.summary().p50Ms(), r.summary().p99Ms(), r.summary().meanMs(),
                    r.target() == null ? "" : r.target() + (r.met() ? ": met" : ": NOT MET"));
        }
    }
}
