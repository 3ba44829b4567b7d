package org.kojinext.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.kojinext.builder.Builder;
import org.kojinext.builder.Handlers;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.hub.db.EmbeddedPostgresServer;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;
import org.kojinext.protocol.UrlConnectionTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kojinext bench tasks}: issue 4's dispatch benchmark. In-process hubs over one database,
 * in-process builders (the shipped daemon's code, over HTTP), {@code sleep(0)} tasks made in bursts;
 * then idle builders and the requests they cost the hubs.
 */
@Command(name = "tasks", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Task creation to start latency and throughput with builders taking sleep(0) tasks, "
                + "then the requests idle builders send; with one hub, two hubs on one database, or both.",
            "Exits 1 when a task is lost or run twice."})
final class TasksCommand implements Callable<Integer> {
    static final String ADMIN_PASSWORD = "bench-admin";
    private static final String HOST_PASSWORD = "bench-host";
    private static final int CLOSED = 2;

    @Option(names = "--hubs", description = "1 or 2; without it, runs with 1 and then with 2")
    Integer hubs;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "PostgreSQL to use (user postgres, no password) instead of a temporary embedded one")
    String dbUrl;

    @Option(names = "--builders", defaultValue = "20", description = "builders taking tasks (default: ${DEFAULT-VALUE})")
    int builders;

    @Option(names = "--tasks", defaultValue = "10000", description = "sleep(0) tasks (default: ${DEFAULT-VALUE})")
    int tasks;

    @Option(names = "--warmup-tasks", defaultValue = "10000", description = "tasks run first, in the same "
            + "bursts but --warmup-pause-ms apart, and left out of the figures: a fresh JVM compiles its hot code "
            + "(C2) only after thousands of calls, and until then its compiler threads take as much CPU as the "
            + "hub itself, which a hub in service has long finished (default: ${DEFAULT-VALUE})")
    int warmupTasks;

    @Option(names = "--warmup-pause-ms", defaultValue = "50",
            description = "pause between warm-up bursts (default: ${DEFAULT-VALUE})")
    int warmupPauseMs;

    @Option(names = "--burst", defaultValue = "500", description = "tasks per burst (default: ${DEFAULT-VALUE})")
    int burst;

    @Option(names = "--pause-ms", defaultValue = "500", description = "pause between bursts (default: ${DEFAULT-VALUE})")
    int pauseMs;

    @Option(names = "--multicall", description = "make each burst with one multicall instead of concurrent "
            + "single calls (the burst's tasks then share its transaction's create_time)")
    boolean multicall;

    @Option(names = "--makers", defaultValue = "8",
            description = "concurrent clients making a burst without --multicall (default: ${DEFAULT-VALUE})")
    int makers;

    @Option(names = "--maxjobs", defaultValue = "100", description = "each builder's maxjobs; its capacity "
            + "is set to match (default: ${DEFAULT-VALUE})")
    int maxjobs;

    @Option(names = "--idle-builders", defaultValue = "100", description = "(default: ${DEFAULT-VALUE})")
    int idleBuilders;

    @Option(names = "--idle-seconds", defaultValue = "60", description = "idle window (default: ${DEFAULT-VALUE})")
    int idleSeconds;

    @Option(names = "--hold", defaultValue = "60", description = "seconds a builder's held call waits, as "
            + "'kojinext builder --hold' (default: ${DEFAULT-VALUE})")
    int holdSeconds;

    @Option(names = "--json", description = "print one JSON line per run")
    boolean json;

    /**
     * One run's figures and checks. Latencies are from the database's create_time (the start of
     * makeTask's transaction) to the moment the builder's handler began to run the task, read from
     * the clock of this same machine.
     */
    record Result(int hubs, int builders, int tasks, Latencies.Summary latency, double tasksPerSecond,
                  int notClosed, int missing, int runTwice, int idleBuilders, double idleSeconds,
                  long idleRequests) {
        double requestsPerBuilderMinute() {
            return idleBuilders == 0 || idleSeconds == 0 ? Double.NaN
                    : idleRequests / (double) idleBuilders / (idleSeconds / 60.0);
        }

        boolean checksPass() {
            return notClosed == 0 && missing == 0 && runTwice == 0;
        }

        boolean p50Met() {
            return latency.p50Ms() < 20;
        }

        boolean p99Met() {
            return latency.p99Ms() < 100;
        }

        boolean idleMet() {
            return !(requestsPerBuilderMinute() > 1.0);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (hubs != null && hubs != 1 && hubs != 2) {
            System.err.println("kojinext bench: --hubs is 1 or 2");
            return 2;
        }
        List<Result> results = new ArrayList<>();
        for (int n : hubs == null ? List.of(1, 2) : List.of(hubs)) {
            results.add(run(n));
        }
        print(results);
        return results.stream().allMatch(Result::checksPass) ? 0 : 1;
    }

    Result run(int hubCount) throws Exception {
        EmbeddedPostgresServer pg = null;
        List<BenchTarget> targets = new ArrayList<>();
        List<Builder> started = new ArrayList<>();
        try {
            String url = dbUrl;
            if (url == null) {
                pg = EmbeddedPostgresServer.startTemporary();
                url = pg.jdbcUrl("postgres");
            }
            // One after the other: the first creates the schema the second finds.
            for (int i = 0; i < hubCount; i++) {
                targets.add(BenchTarget.inProcess(url, ADMIN_PASSWORD));
            }
            List<KojiClient> admins = new ArrayList<>();
            for (BenchTarget t : targets) {
                admins.add(admin(t.url()));
            }
            KojiClient admin = admins.getFirst();
            // A channel of this run's own: hosts left in a reused database by earlier runs take none of its tasks.
            String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
            int channel = (Integer) admin.call("addChannel", run);
            log("%d hub(s), %d builders, %d tasks in bursts of %d%s", hubCount, builders, tasks, burst,
                    multicall ? " (multicall)" : "");

            Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
            Map<Integer, Double> startedAt = new ConcurrentHashMap<>();
            Map<String, TaskHandler> handlers = new HashMap<>(Handlers.defaults());
            handlers.put("sleep", counting(handlers.get("sleep"), runs, startedAt));
            List<String> names = hosts(admin, run + "-b", builders, run);
            for (int i = 0; i < names.size(); i++) {
                started.add(startBuilder(targets.get(i % hubCount).url(), names.get(i), handlers));
            }
            awaitReady(admin, names);

            List<List<KojiClient>> makerClients = makers(targets);
            Set<Integer> warmup = new HashSet<>();
            if (warmupTasks > 0) {
                List<Integer> w = Collections.synchronizedList(new ArrayList<>());
                makeTasks(makerClients, run, w, warmupTasks, warmupPauseMs);
                awaitFinished(admin, channel, w.size());
                warmup.addAll(w);
                log("%d warmup tasks done", w.size());
            }
            List<Integer> made = Collections.synchronizedList(new ArrayList<>());
            makeTasks(makerClients, run, made, tasks, pauseMs);
            log("%d tasks made; waiting for them to finish", made.size());
            awaitFinished(admin, channel, warmup.size() + made.size());

            List<Map<String, Object>> rows = listTasks(admin, channel);
            Latencies lat = new Latencies();
            Set<Integer> seen = new HashSet<>();
            int notClosed = 0;
            double first = Double.MAX_VALUE;
            double last = 0;
            for (Map<String, Object> r : rows) {
                seen.add((Integer) r.get("id"));
                if (warmup.contains((Integer) r.get("id"))) {
                    // Counted as lost below if it never finished; timed only in the real run.
                    if (!Integer.valueOf(CLOSED).equals(r.get("state"))) {
                        notClosed++;
                    }
                    continue;
                }
                Double start = startedAt.get((Integer) r.get("id"));
                if (!Integer.valueOf(CLOSED).equals(r.get("state")) || start == null) {
                    notClosed++;
                    continue;
                }
                double create = ((Number) r.get("create_ts")).doubleValue();
                lat.add(Math.round((start - create) * 1e9));
                first = Math.min(first, create);
                last = Math.max(last, ((Number) r.get("completion_ts")).doubleValue());
            }
            int missing = 0;
            for (Integer id : made) {
                if (!seen.contains(id)) {
                    missing++;
                }
            }
            missing += tasks - made.size();
            int twice = 0;
            for (Map.Entry<Integer, AtomicInteger> e : runs.entrySet()) {
                if (e.getValue().get() > 1) {
                    twice++;
                    log("task %d ran %d times", e.getKey(), e.getValue().get());
                }
            }
            double perSecond = last > first ? lat.size() / (last - first) : Double.NaN;
            started.forEach(Builder::kill);
            started.clear();

            long idleRequests = 0;
            double window = 0;
            if (idleBuilders > 0 && idleSeconds > 0) {
                List<String> idle = hosts(admin, run + "-i", idleBuilders, run);
                for (int i = 0; i < idle.size(); i++) {
                    started.add(startBuilder(targets.get(i % hubCount).url(), idle.get(i), handlers));
                }
                awaitReady(admin, idle);
                // The builders' first held calls are on their way; the window starts after their logins.
                Thread.sleep(1000);
                log("%d idle builders connected; counting requests for %d s", idleBuilders, idleSeconds);
                long before = requests(targets);
                long t0 = System.nanoTime();
                Thread.sleep(idleSeconds * 1000L);
                idleRequests = requests(targets) - before;
                window = (System.nanoTime() - t0) / 1e9;
            }
            return new Result(hubCount, builders, tasks, Latencies.summarize(List.of(lat)), perSecond, notClosed,
                    missing, twice, idleBuilders, window, idleRequests);
        } finally {
            started.forEach(Builder::kill);
            for (BenchTarget t : targets.reversed()) {
                t.close();
            }
            if (pg != null) {
                pg.close();
            }
        }
    }

    /**
     * The shipped sleep handler, with each run of a task counted (a count above one is a task run
     * twice) and the wall-clock time its first run started, in epoch seconds like create_ts.
     */
    private static TaskHandler counting(TaskHandler inner, Map<Integer, AtomicInteger> runs,
                                        Map<Integer, Double> startedAt) {
        return new TaskHandler() {
            @Override
            public double weight() {
                return inner.weight();
            }

            @Override
            public Object run(TaskContext task, List<Object> args) throws Exception {
                Instant now = Instant.now();
                startedAt.putIfAbsent(task.id(), now.getEpochSecond() + now.getNano() / 1e9);
                runs.computeIfAbsent(task.id(), k -> new AtomicInteger()).incrementAndGet();
                return inner.run(task, args);
            }
        };
    }

    private static KojiClient admin(URI url) {
        // The command line's transport: the makers stand for people and scripts running it.
        KojiClient c = KojiClient.builder(url).timeout(Duration.ofMinutes(5))
                .transport(new UrlConnectionTransport(Duration.ofSeconds(30))).build();
        c.login("kojiadmin", ADMIN_PASSWORD);
        return c;
    }

    /** Hosts made through the admin API, each with a password to log in with and room for the bench's load. */
    private List<String> hosts(KojiClient admin, String prefix, int count, String channel) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = prefix + i;
            List<RpcCall> calls = List.of(
                    new RpcCall("addHost", List.of(name, List.of("x86_64")), Map.of()),
                    new RpcCall("editUser", List.of(name), Map.of("password", HOST_PASSWORD)),
                    new RpcCall("editHost", List.of(name), Map.of("capacity", (double) maxjobs)),
                    new RpcCall("addHostToChannel", List.of(name, channel), Map.of()));
            for (Object r : admin.multicall(calls)) {
                if (r instanceof KojiFault f) {
                    throw f;
                }
            }
            names.add(name);
        }
        return names;
    }

    private Builder startBuilder(URI hub, String name, Map<String, TaskHandler> handlers) {
        Builder b = new Builder(hub, name, HOST_PASSWORD, Duration.ofSeconds(holdSeconds), maxjobs, handlers);
        Thread.ofVirtual().name("bench-" + name).start(b);
        return b;
    }

    private static void awaitReady(KojiClient admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Set<String> waiting = new HashSet<>(names);
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(waiting.size() + " builders not ready after 2 minutes");
            }
            waiting.removeIf(n -> Boolean.TRUE.equals(((Map<?, ?>) admin.call("getHost", n)).get("ready")));
            if (!waiting.isEmpty()) {
                Thread.sleep(100);
            }
        }
        // Ready is reported just before the first held call leaves.
        Thread.sleep(300);
    }

    /**
     * The task makers' clients, per hub. Each concurrent maker has its own session (one session's
     * calls are numbered in sequence); they log in once, before the warm-up: a login hashes a
     * password, on purpose slowly, and would weigh on the first timed bursts.
     */
    private List<List<KojiClient>> makers(List<BenchTarget> targets) {
        List<List<KojiClient>> clients = new ArrayList<>();
        for (BenchTarget t : targets) {
            List<KojiClient> perHub = new ArrayList<>();
            for (int i = 0; i < (multicall ? 1 : makers); i++) {
                perHub.add(admin(t.url()));
            }
            clients.add(perHub);
        }
        return clients;
    }

    private void makeTasks(List<List<KojiClient>> clients, String channel, List<Integer> made, int tasks,
                           int pause) throws Exception {
        int hubCount = clients.size();
        Map<String, Object> opts = Map.of("channel", channel);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int b = 0;
            for (int done = 0; done < tasks; done += burst, b++) {
                int size = Math.min(burst, tasks - done);
                List<KojiClient> perHub = clients.get(b % hubCount);
                if (multicall) {
                    List<RpcCall> calls = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        calls.add(new RpcCall("makeTask", List.of("sleep", List.of(0)), opts));
                    }
                    for (Object r : perHub.getFirst().multicall(calls)) {
                        if (r instanceof List<?> one && one.size() == 1 && one.getFirst() instanceof Integer id) {
                            made.add(id);
                        } else {
                            log("makeTask failed: %s", r);
                        }
                    }
                } else {
                    List<Future<?>> parts = new ArrayList<>();
                    for (int m = 0; m < perHub.size(); m++) {
                        KojiClient c = perHub.get(m);
                        int share = size / perHub.size() + (m < size % perHub.size() ? 1 : 0);
                        parts.add(pool.submit(() -> {
                            for (int i = 0; i < share; i++) {
                                made.add((Integer) c.callKw("makeTask", List.of("sleep", List.of(0)), opts));
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : parts) {
                        f.get();
                    }
                }
                if (done + size < tasks) {
                    Thread.sleep(pause);
                }
            }
        }
    }

    /** Until every task made has finished, or none has for a minute (then the checks report the rest). */
    private static void awaitFinished(KojiClient admin, int channel, int count) throws InterruptedException {
        int last = -1;
        long progress = System.nanoTime();
        while (true) {
            int closed = (Integer) admin.callKw("listTasks", List.of(
                    Map.of("channel_id", channel, "state", List.of(CLOSED, 3, 5)), Map.of("countOnly", true)),
                    Map.of());
            if (closed >= count) {
                return;
            }
            if (closed != last) {
                last = closed;
                progress = System.nanoTime();
            } else if (System.nanoTime() - progress > Duration.ofMinutes(1).toNanos()) {
                log("no task finished for a minute; %d of %d finished", closed, count);
                return;
            }
            Thread.sleep(200);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listTasks(KojiClient admin, int channel) {
        return (List<Map<String, Object>>) admin.callKw("listTasks", List.of(Map.of("channel_id", channel)),
                Map.of());
    }

    private static long requests(List<BenchTarget> targets) {
        long sum = 0;
        for (BenchTarget t : targets) {
            sum += t.hub().requestsReceived();
        }
        return sum;
    }

    private static void log(String format, Object... args) {
        System.err.println("kojinext bench: " + String.format(Locale.ROOT, format, args));
    }

    private void print(List<Result> results) {
        if (json) {
            for (Result r : results) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("hubs", r.hubs());
                m.put("builders", r.builders());
                m.put("tasks", r.tasks());
                m.put("multicall", multicall);
                m.put("p50Ms", r.latency().p50Ms());
                m.put("p99Ms", r.latency().p99Ms());
                m.put("maxMs", r.latency().maxMs());
                m.put("tasksPerSecond", r.tasksPerSecond());
                m.put("notClosed", r.notClosed());
                m.put("missing", r.missing());
                m.put("runTwice", r.runTwice());
                m.put("idleBuilders", r.idleBuilders());
                m.put("idleSeconds", r.idleSeconds());
                m.put("idleRequests", r.idleRequests());
                m.put("requestsPerBuilderMinute", r.requestsPerBuilderMinute());
                StringBuilder sb = new StringBuilder("{");
                m.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":")
                        .append(v instanceof Double d ? (d.isNaN() ? "null" : String.format(Locale.ROOT, "%.3f", d))
                                : String.valueOf(v)));
                System.out.println(sb.append('}'));
            }
            return;
        }
        System.out.printf(Locale.ROOT, "Koji Next dispatch benchmark: sleep(0) tasks in bursts of %d (%s), "
                + "creation -> start from the database's create_time to the builder's handler starting%n", burst,
                multicall ? "one multicall per burst" : makers + " concurrent makers per burst");
        System.out.printf(Locale.ROOT, "%-4s %8s %6s %9s %9s %9s %9s %7s %6s %9s %14s%n", "hubs", "builders",
                "tasks", "p50 ms", "p99 ms", "max ms", "tasks/s", "lost", "twice", "idle", "req/builder/min");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-4d %8d %6d %9.1f %9.1f %9.1f %9.1f %7d %6d %9d %14.2f%n", r.hubs(),
                    r.builders(), r.tasks(), r.latency().p50Ms(), r.latency().p99Ms(), r.latency().maxMs(),
                    r.tasksPerSecond(), r.notClosed() + r.missing(), r.runTwice(), r.idleBuilders(),
                    r.requestsPerBuilderMinute());
        }
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%d hub(s): p50 < 20 ms %s, p99 < 100 ms %s, idle <= 1 req/builder/min %s, "
                            + "no task lost or run twice %s%n", r.hubs(), met(r.p50Met()), met(r.p99Met()),
                    met(r.idleMet()), met(r.checksPass()));
        }
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT MET";
    }
}
