package org.kojinext.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kojinext bench cli-startup}: wall time of {@code kojinext --noauth hello} as a separate JVM
 * against a hub in this process, in several JVM set-ups within one run. The variants take turns
 * run by run, so a busy machine slows them all alike rather than whichever ran last.
 */
@Command(name = "cli-startup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start-up time of the command line: 'kojinext --noauth hello' as its own JVM, "
                + "plain, with -Xshare:off, with TieredStopAtLevel=1, with an AppCDS archive and with a JDK 25 AOT cache.",
            "Prints p50/p90 wall time per variant, then checks that a stale archive falls back without a word."})
final class CliStartupCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "10", description = "measured runs per variant (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", description = "unmeasured runs per variant first, to warm the page cache (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--cli-classpath", paramLabel = "CP",
            description = "the command line's class path (default: this checkout's cli/target jars, as ./kojinext uses them)")
    String cliClasspath;

    @Option(names = "--java", paramLabel = "FILE", description = "the java to start (default: the one running this)")
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    private static final String MAIN = "org.kojinext.cli.KojiNextCli";

    @Override
    public Integer call() throws Exception {
        String cp = cliClasspath != null ? cliClasspath : CliStartup.checkoutClasspath();
        Path work = Files.createTempDirectory("kojinext-cli-startup");
        try (BenchTarget hub = BenchTarget.inProcess(null, "bench-admin")) {
            List<String> hello = List.of("--server", hub.url().toString(), "--noauth", "hello");
            CliStartup launcher = new CliStartup(java, cp, MAIN);
            List<CliStartup.Variant> variants = CliStartup.variants(work);
            System.out.printf(Locale.ROOT, "kojinext --noauth hello, separate JVM (%s), hub %s%n", java, hub.url());
            System.out.printf(Locale.ROOT, "%d runs per variant after %d warm-up runs, variants in turn%n%n", runs, warmup);
            List<CliStartup.Variant> usable = new ArrayList<>();
            for (CliStartup.Variant v : variants) {
                String problem = launcher.train(v, hello);
                if (problem != null) {
                    System.out.printf(Locale.ROOT, "%-44s unavailable: %s%n", v.name(), problem);
                } else {
                    usable.add(v);
                }
            }
            long[][] times = new long[usable.size()][runs];
            long[][] cpu = new long[usable.size()][runs];
            for (int r = -warmup; r < runs; r++) {
                for (int i = 0; i < usable.size(); i++) {
                    CliStartup.Timing t = launcher.time(usable.get(i), hello);
                    if (r >= 0) {
                        times[i][r] = t.wall();
                        cpu[i][r] = t.cpu();
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%-44s %18s %18s%n", "", "wall time, ms", "CPU time, ms");
            System.out.printf(Locale.ROOT, "%-44s %6s %5s %5s %6s %5s %5s%n", "variant", "p50", "p90", "min", "p50", "p90", "min");
            for (int i = 0; i < usable.size(); i++) {
                long[] t = times[i].clone();
                long[] c = cpu[i].clone();
                Arrays.sort(t);
                Arrays.sort(c);
                System.out.printf(Locale.ROOT, "%-44s %6.0f %5.0f %5.0f %6.0f %5.0f %5.0f%n", usable.get(i).name(),
                        ms(percentile(t, 50)), ms(percentile(t, 90)), ms(t[0]),
                        ms(percentile(c, 50)), ms(percentile(c, 90)), ms(c[0]));
            }
            System.out.printf(Locale.ROOT, "%nload average while measuring: %s (%d cores)%n", ChildCpu.loadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.println();
            System.out.println("archives made before the cli jar changed (as after a rebuild):");
            for (String line : launcher.checkStaleFallback(work, hello)) {
                System.out.println("  " + line);
            }
        } finally {
            CliStartup.delete(work);
        }
        return 0;
    }

    /** Nearest-rank percentile of sorted samples. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    static void waitFor(Process p) throws IOException, InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the command line did not finish in two minutes");
        }
    }
}
