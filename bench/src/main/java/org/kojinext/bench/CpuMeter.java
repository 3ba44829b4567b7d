package org.kojinext.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the CPU went during a measured window: the benchmark's client threads, the rest of this
 * JVM (the in-process hub), the embedded PostgreSQL, and everything else on the machine. That
 * split tells whether a figure is the hub's limit, the load generator's, or a neighbour's build
 * stealing the cores.
 *
 * <p>Machine and PostgreSQL figures come from Linux's /proc; elsewhere they are unknown (NaN).
 */
public final class CpuMeter {
    private static final Path PROC = Path.of("/proc");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final boolean hubInProcess;
    private final Path pgdata;

    /**
     * @param hubInProcess whether the hub runs in this JVM
     * @param pgdata the embedded PostgreSQL's data directory, or null if there is none
     */
    public CpuMeter(boolean hubInProcess, Path pgdata) {
        this.hubInProcess = hubInProcess;
        this.pgdata = pgdata;
    }

    /** Whether the hub and its database are both watched, so that "other" is really other processes. */
    boolean seesServer() {
        return hubInProcess && pgdata != null;
    }

    /** Client threads: ours, plus the JDK HTTP client's selector and workers, which move the bytes. */
    static boolean isClientThread(String name) {
        return name.startsWith(ApiBench.THREAD_PREFIX) || name.startsWith("HttpClient-");
    }

    record Sample(long wallNanos, long machineBusy, long machineTotal, long processNanos,
            Map<Long, Long> clientThreads, long dbJiffies) {
    }

    /**
     * Shares of the whole machine, 0..1; NaN where unknown.
     *
     * @param jvm this process, client threads included
     * @param hubInProcess whether the rest of this JVM is a hub, or only the client's GC and JIT
     * @param db the embedded PostgreSQL server and its backends
     */
    public record Usage(double machine, double jvm, double client, boolean hubInProcess, double db) {
        public static final Usage UNKNOWN = new Usage(Double.NaN, Double.NaN, Double.NaN, false, Double.NaN);

        /** The in-process hub, with GC and JIT for the whole JVM; NaN when the hub is elsewhere. */
        public double hub() {
            return hubInProcess ? Math.max(0, jvm - client) : Double.NaN;
        }

        /** Processes that are not part of the benchmark. */
        public double other() {
            return Math.max(0, machine - jvm - (Double.isNaN(db) ? 0 : db));
        }
    }

    Sample sample() {
        long[] stat = machineJiffies();
        Map<Long, Long> client = new HashMap<>();
        if (THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()) {
            for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (t != null && isClientThread(t.getThreadName())) {
                    long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                    if (cpu >= 0) {
                        client.put(t.getThreadId(), cpu);
                    }
                }
            }
        }
        return new Sample(System.nanoTime(), stat[0], stat[1], processCpuNanos(), client, dbJiffies());
    }

    Usage between(Sample a, Sample b) {
        int cores = Runtime.getRuntime().availableProcessors();
        double capacity = (double) (b.wallNanos - a.wallNanos) * cores;
        long ticks = b.machineTotal - a.machineTotal;
        if (capacity <= 0) {
            return Usage.UNKNOWN;
        }
        double machine = ticks > 0 ? (double) (b.machineBusy - a.machineBusy) / ticks : Double.NaN;
        double jvm = a.processNanos >= 0 && b.processNanos >= 0 ? (b.processNanos - a.processNanos) / capacity : Double.NaN;
        long client = 0;
        for (Map.Entry<Long, Long> t : b.clientThreads.entrySet()) {
            // A thread born inside the window spent all its time in it.
            client += t.getValue() - a.clientThreads.getOrDefault(t.getKey(), 0L);
        }
        // Backends that exit inside the window take their time with them; the pool keeps them open.
        double db = a.dbJiffies >= 0 && b.dbJiffies >= 0 && ticks > 0
                ? Math.max(0, (double) (b.dbJiffies - a.dbJiffies) / ticks) : Double.NaN;
        return new Usage(machine, jvm, client / capacity, hubInProcess, db);
    }

    /** How busy the machine is over the next interval; this process is idle between rows. */
    double machineBusy(java.time.Duration interval) throws InterruptedException {
        Sample a = sample();
        Thread.sleep(interval);
        return between(a, sample()).machine();
    }

    /** {busy, total} jiffies over all cores, or {0, 0} off Linux. */
    private static long[] machineJiffies() {
        try {
            String[] f = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal; guest time is already inside user.
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /**
     * CPU jiffies of the postmaster and its children. pg_ctl daemonizes the server, so it is
     * found through its pid file rather than as a child of this process.
     */
    private long dbJiffies() {
        if (pgdata == null) {
            return -1;
        }
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        long sum = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                long[] s = procStat(p);
                if (s != null && (s[0] == postmaster || s[1] == postmaster)) {
                    sum += s[2];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /** {pid, ppid, utime + stime} of one process, or null if it is gone. */
    static long[] procStat(Path proc) {
        try {
            return parseProcStat(Files.readString(proc.resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The command name may hold spaces and parentheses, so fields are counted from the last ')'. */
    static long[] parseProcStat(String line) {
        long pid = Long.parseLong(line.substring(0, line.indexOf(' ')));
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
        return new long[] {pid, Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
