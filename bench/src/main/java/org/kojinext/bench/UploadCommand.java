package org.kojinext.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.Sha256;
import org.kojinext.protocol.Uploader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Upload throughput against a plain copy on the same disk: a file goes through the Java client's
 * chunked, SHA-256-verified upload (rawUpload per chunk, each answered with the SHA-256 of the file
 * up to its end, the last one so checking the whole file) into a hub in this process, and is
 * also copied between the same directories twice: with Files.copy (cp's in-kernel
 * copy_file_range, which never brings the bytes to user space) and through a 1 MiB buffer (what
 * anything that receives the bytes over a socket must at least do). One SHA-256 pass over the
 * file shows the bound any verified upload has. Rounds alternate so that all see the same page
 * cache and disk state.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload throughput (rawUpload, SHA-256 verified) against copies on the same disk.")
final class UploadCommand implements Callable<Integer> {
    @Option(names = "--size-mb", defaultValue = "256", description = "file size in MiB (default: ${DEFAULT-VALUE})")
    int sizeMb;

    @Option(names = "--rounds", defaultValue = "4", description = "alternating rounds; the first warms up (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--chunk-kb", defaultValue = "4096",
            description = "upload chunk in KiB: the Java client's 4 MiB; Koji's CLI sends 1024 (default: ${DEFAULT-VALUE})")
    int chunkKb;

    @Option(names = "--db-url", description = "PostgreSQL JDBC URL for the hub (default: embedded)")
    String dbUrl;

    @Option(names = "--client", paramLabel = "KIND", defaultValue = "urlconnection",
            description = "urlconnection: HttpURLConnection, as the CLI and builder upload; jdk: java.net.http, "
                    + "KojiClient's default; socket: the benchmark's lean HTTP/1.1 client (default: ${DEFAULT-VALUE})")
    ClientKind clientKind;

    @Option(names = "--upload-only",
            description = "skip the copies: to compare two builds of the upload, alternating runs of each")
    boolean uploadOnly;

    @Override
    public Integer call() throws Exception {
        try (BenchTarget hub = BenchTarget.inProcess(dbUrl, "bench-admin")) {
            Path dir = hub.topdir();
            Path src = dir.resolve("bench-upload-source.bin");
            Files.createDirectories(dir);
            write(src, (long) sizeMb << 20);
            KojiClient client = clientKind.apply(KojiClient.builder(hub.url()).encoding(Encoding.XML)
                    .timeout(Duration.ofMinutes(5)), java.net.http.HttpClient.newHttpClient()).build();
            client.login("kojiadmin", "bench-admin");
            Uploader uploader = new Uploader(client).chunkSize(chunkKb << 10);
            System.out.printf(Locale.ROOT, "%d MiB file, %d KiB chunks, client %s, hub storage %s (%s)%n", sizeMb,
                    chunkKb, clientKind.description(), dir, hub.description());
            System.out.printf(Locale.ROOT, "%-6s %-34s %10s %12s%n", "round", "method", "MiB/s", "CPU s/GiB");
            List<Result> ups = new ArrayList<>();
            List<Result> copies = new ArrayList<>();
            List<Result> streams = new ArrayList<>();
            List<Result> hashes = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                Path target = dir.resolve("bench-copy-" + r + ".bin");
                String reldir = "cli-build/bench-" + r;
                if (!uploadOnly) {
                    Result copy = timed(() -> Files.copy(src, target));
                    Files.delete(target);
                    copy.print(r, "Files.copy (cp: in-kernel)");
                    Result stream = timed(() -> streamCopy(src, target));
                    Files.delete(target);
                    stream.print(r, "stream copy (1 MiB read/write)");
                    Result hash = timed(() -> sha256(src));
                    hash.print(r, "SHA-256 of the file (one pass)");
                    if (r > 1 || rounds == 1) {
                        copies.add(copy);
                        streams.add(stream);
                        hashes.add(hash);
                    }
                }
                Result up = timed(() -> uploader.upload(src, reldir, "upload.bin"));
                Files.delete(dir.resolve("work/" + reldir + "/upload.bin"));
                up.print(r, "upload (rawUpload, SHA-256 checked)");
                if (r > 1 || rounds == 1) {
                    ups.add(up);
                }
            }
            if (uploadOnly) {
                System.out.printf(Locale.ROOT, "median of rounds after the first: upload %.0f MiB/s, %.2f CPU s/GiB%n",
                        median(ups, Result::mibPerSecond), median(ups, Result::cpuPerGib));
                Files.delete(src);
                return 0;
            }
            // The copies' speed swings several-fold from round to round (on a VM that hands freed
            // memory back to its host, new page-cache pages are faulted in again), so the rounds
            // after the warm-up are summed up by their medians.
            double copy = median(copies, Result::mibPerSecond);
            double stream = median(streams, Result::mibPerSecond);
            double up = median(ups, Result::mibPerSecond);
            double hash = median(hashes, Result::mibPerSecond);
            System.out.printf(Locale.ROOT, "median of rounds after the first: Files.copy %.0f MiB/s, stream copy %.0f MiB/s, "
                    + "one SHA-256 pass %.0f MiB/s, upload %.0f MiB/s: upload at %.0f%% of Files.copy, %.0f%% of a stream "
                    + "copy; one SHA-256 pass alone at %.0f%% of Files.copy%n",
                    copy, stream, hash, up, 100 * up / copy, 100 * up / stream, 100 * hash / copy);
            Files.delete(src);
        }
        return 0;
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> figure) {
        double[] v = results.stream().mapToDouble(figure).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws IOException;
    }

    /**
     * Wall time, and the CPU time this process spent meanwhile (the hub's threads included, its
     * PostgreSQL not): on a machine shared with other work the wall time swings, the CPU a method
     * needs per byte much less.
     */
    private record Result(double mibPerSecond, double cpuPerGib) {
        void print(int round, String method) {
            System.out.printf(Locale.ROOT, "%-6d %-34s %10.0f %12.2f%n", round, method, mibPerSecond, cpuPerGib);
        }
    }

    private Result timed(Work work) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        work.run();
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        return new Result(sizeMb * 1e9 / wall, cpu / 1e9 * 1024 / sizeMb);
    }

    /**
     * What any SHA-256-verified upload must at least spend on one side: one pass of the digest
     * over the file, read through a 1 MiB buffer, on one core (a single file's SHA-256 cannot be
     * spread over several).
     */
    private static void sha256(Path file) throws IOException {
        java.security.MessageDigest md = Sha256.newDigest();
        byte[] buf = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        md.digest();
    }

    /** The copy any program that moves the bytes itself makes: read and write through a buffer. */
    private static void streamCopy(Path from, Path to) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (var in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        }
    }

    private static void write(Path file, long bytes) throws IOException {
        // Random, so that nothing along the way can compress or deduplicate it.
        byte[] block = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long n = 0; n < bytes; n += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, bytes - n));
            }
        }
    }
}
