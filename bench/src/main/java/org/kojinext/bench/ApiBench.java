package org.kojinext.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * Measures cells of the benchmark: a number of clients, each its own session, sending the same
 * request back to back for a warmup and then a measured window. Throughput counts the requests
 * that completed inside the window, so requests in flight at either edge neither inflate nor
 * deflate the rate in steady state.
 */
public final class ApiBench {
    static final String THREAD_PREFIX = "bench-client-";
    /** Generous, since 16 clients each sending a 1000-call multicall queue up on two cores. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Share of the machine that other processes may use before a row counts as disturbed. */
    static final double QUIET = 0.10;

    private final URI url;
    private final String user;
    private final Duration warmup;
    private final Duration duration;
    private final CpuMeter cpu;
    private final ClientKind clientKind;

    public ApiBench(URI url, String user, Duration warmup, Duration duration, CpuMeter cpu, ClientKind clientKind) {
        this.url = url;
        this.clientKind = clientKind;
        this.user = user;
        this.warmup = warmup;
        this.duration = duration;
        this.cpu = cpu;
    }

    /**
     * One row, guarded against neighbours: on a small machine a build next door halves every
     * figure, so the row waits for the machine to calm down first, and is measured again while
     * other processes took more than {@link #QUIET} of it, as far as {@link CpuMeter} can tell.
     */
    public CellResult measure(ApiCall call, Encoding encoding, int clients, int retries, Duration quietWait)
            throws InterruptedException {
        CellResult kept = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            waitForQuiet(quietWait);
            System.err.printf(Locale.ROOT, "kojinext bench: %-13s %-4s %2d clients ... ", call.label(),
                    encoding.name().toLowerCase(Locale.ROOT), clients);
            CellResult r = run(call, encoding, clients);
            System.err.printf(Locale.ROOT, "%.0f calls/s, other%% %.0f%s%n", r.callsPerSecond(),
                    r.cpu().other() * 100, r.errors() > 0 ? ", " + r.errors() + " errors" : "");
            kept = kept == null ? r : kept.leastDisturbed(r);
            if (!cpu.seesServer() || !(kept.cpu().other() > QUIET)) {
                break;
            }
        }
        return kept;
    }

    private void waitForQuiet(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean said = false;
        double busy;
        while (System.nanoTime() < deadline && (busy = cpu.machineBusy(Duration.ofMillis(500))) > QUIET) {
            if (!said) {
                System.err.printf(Locale.ROOT, "kojinext bench: machine %.0f%% busy, waiting up to %d s for it "
                        + "to calm down%n", busy * 100, limit.toSeconds());
                said = true;
            }
        }
    }

    /**
     * Sends requests without measuring them, so the JIT has compiled the hub's and the client's
     * paths before the first row: a 2 s warmup is plenty for a warm JVM, but the first rows of a
     * fresh one would otherwise run several times slower than the same rows later.
     *
     * @return what failed meanwhile, as a cell without figures
     */
    CellResult exercise(ApiCall call, Encoding encoding, int clients, Duration time) throws InterruptedException {
        return run(call, encoding, clients, time, Duration.ZERO);
    }

    /** One measurement of one cell. */
    CellResult run(ApiCall call, Encoding encoding, int clients) throws InterruptedException {
        return run(call, encoding, clients, warmup, duration);
    }

    private CellResult run(ApiCall call, Encoding encoding, int clients, Duration warmup, Duration duration)
            throws InterruptedException {
        // Garbage left by the previous cell would otherwise be collected on this one's clock.
        System.gc();
        // Fresh HTTP clients per cell, so no cell inherits another's warmed connections.
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            CountDownLatch go = new CountDownLatch(1);
            // Workers stay alive until the window's CPU is sampled: a finished thread's time is gone.
            CountDownLatch sampled = new CountDownLatch(1);
            List<Worker> workers = new ArrayList<>(clients);
            List<Thread> threads = new ArrayList<>(clients);
            for (int i = 0; i < clients; i++) {
                KojiClient client = clientKind.apply(KojiClient.builder(url), http).encoding(encoding)
                        .timeout(REQUEST_TIMEOUT).build();
                Worker w = new Worker(client, call.prepare(user), go, sampled);
                workers.add(w);
                // Platform threads, not virtual ones: their CPU time can be measured (CpuMeter).
                threads.add(Thread.ofPlatform().daemon().name(THREAD_PREFIX + i).start(w));
            }
            long start = System.nanoTime();
            long warmEnd = start + warmup.toNanos();
            long end = warmEnd + duration.toNanos();
            for (Worker w : workers) {
                w.warmEnd = warmEnd;
                w.end = end;
            }
            go.countDown();
            sleepUntil(warmEnd);
            CpuMeter.Sample before = cpu.sample();
            sleepUntil(end);
            CpuMeter.Sample after = cpu.sample();
            sampled.countDown();
            long errors = 0;
            String firstError = null;
            for (int i = 0; i < clients; i++) {
                threads.get(i).join(REQUEST_TIMEOUT.plusSeconds(5));
                Worker w = workers.get(i);
                if (threads.get(i).isAlive()) {
                    w.fail("client still waiting for a reply " + REQUEST_TIMEOUT.plusSeconds(5).toSeconds()
                            + " s after the window closed");
                }
                errors += w.errors;
                if (firstError == null) {
                    firstError = w.firstError;
                }
            }
            List<Latencies> lat = workers.stream().map(w -> w.latencies).toList();
            return new CellResult(call, encoding, clients, duration.toNanos(), Latencies.summarize(lat),
                    errors, firstError, cpu.between(before, after), 1);
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    /** One client's loop. Its window is set before the latch opens, which publishes it. */
    private static final class Worker implements Runnable {
        private final KojiClient client;
        private final ApiCall.Request request;
        private final CountDownLatch go;
        private final CountDownLatch sampled;
        private final Latencies latencies = new Latencies();
        private long warmEnd;
        private long end;
        private volatile long errors;
        private volatile String firstError;

        Worker(KojiClient client, ApiCall.Request request, CountDownLatch go, CountDownLatch sampled) {
            this.client = client;
            this.request = request;
            this.go = go;
            this.sampled = sampled;
        }

        @Override
        public void run() {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            while (true) {
                long t0 = System.nanoTime();
                if (t0 - end >= 0) {
                    awaitSample();
                    return;
                }
                String problem;
                try {
                    problem = request.send(client);
                } catch (KojiFault f) {
                    problem = "fault " + f.code() + ": " + f.getMessage();
                } catch (RuntimeException e) {
                    problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                long t1 = System.nanoTime();
                if (problem != null) {
                    // Every failure counts, warmup included: a benchmark of a failing hub means nothing.
                    fail(problem);
                } else if (t1 - warmEnd >= 0 && t1 - end <= 0) {
                    latencies.add(t1 - t0);
                }
            }
        }

        private void awaitSample() {
            try {
                sampled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void fail(String problem) {
            errors++;
            if (firstError == null) {
                firstError = problem;
            }
        }
    }
}
