package org.kojinext.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.Uploader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Upload throughput against a plain copy on the same disk: a file goes through the Java client's
 * chunked, SHA-256-verified upload (rawUpload per chunk, checkUpload at the end) into a hub in
 * this process, and is also copied between the same directories twice: with Files.copy (cp's
 * in-kernel copy_file_range, which never brings the bytes to user space) and through a 1 MiB
 * buffer (what anything that receives the bytes over a socket must at least do). Rounds
 * alternate so that all three see the same page cache and disk state.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload throughput (rawUpload + checkUpload, SHA-256 verified) against Files.copy on the same disk.")
final class UploadCommand implements Callable<Integer> {
    @Option(names = "--size-mb", defaultValue = "256", description = "file size in MiB (default: ${DEFAULT-VALUE})")
    int sizeMb;

    @Option(names = "--rounds", defaultValue = "4", description = "alternating rounds; the first warms up (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--chunk-kb", defaultValue = "1024", description = "upload chunk in KiB, Koji's default 1 MiB (default: ${DEFAULT-VALUE})")
    int chunkKb;

    @Option(names = "--db-url", description = "PostgreSQL JDBC URL for the hub (default: embedded)")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        try (BenchTarget hub = BenchTarget.inProcess(dbUrl, "bench-admin")) {
            Path dir = hub.topdir();
            Path src = dir.resolve("bench-upload-source.bin");
            Files.createDirectories(dir);
            write(src, (long) sizeMb << 20);
            KojiClient client = KojiClient.builder(hub.url()).encoding(Encoding.XML).timeout(Duration.ofMinutes(5)).build();
            client.login("kojiadmin", "bench-admin");
            Uploader uploader = new Uploader(client).chunkSize(chunkKb << 10);
            System.out.printf(Locale.ROOT, "%d MiB file, %d KiB chunks, hub storage %s (%s)%n", sizeMb, chunkKb, dir,
                    hub.description());
            System.out.printf(Locale.ROOT, "%-6s %-34s %10s%n", "round", "method", "MiB/s");
            double up = 0;
            double copy = 0;
            double stream = 0;
            for (int r = 1; r <= rounds; r++) {
                Path target = dir.resolve("bench-copy-" + r + ".bin");
                long t0 = System.nanoTime();
                Files.copy(src, target);
                copy = sizeMb * 1e9 / (System.nanoTime() - t0);
                Files.delete(target);
                t0 = System.nanoTime();
                streamCopy(src, target);
                stream = sizeMb * 1e9 / (System.nanoTime() - t0);
                Files.delete(target);
                t0 = System.nanoTime();
                uploader.upload(src, "cli-build/bench-" + r, "upload.bin");
                up = sizeMb * 1e9 / (System.nanoTime() - t0);
                Files.delete(dir.resolve("work/cli-build/bench-" + r + "/upload.bin"));
                System.out.printf(Locale.ROOT, "%-6d %-34s %10.0f%n", r, "Files.copy (cp: in-kernel)", copy);
                System.out.printf(Locale.ROOT, "%-6d %-34s %10.0f%n", r, "stream copy (1 MiB read/write)", stream);
                System.out.printf(Locale.ROOT, "%-6d %-34s %10.0f%n", r, "upload (rawUpload+checkUpload)", up);
            }
            System.out.printf(Locale.ROOT, "last round: upload at %.0f%% of Files.copy, %.0f%% of a stream copy%n",
                    100 * up / copy, 100 * up / stream);
            Files.delete(src);
        }
        return 0;
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
