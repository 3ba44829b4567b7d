package org.kojinext.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Starting the command line as its own JVM in a given set-up, for {@code bench cli-startup}. */
final class CliStartup {
    /**
     * What keeps a JVM quiet about an archive it cannot use (made by another JDK or for other
     * jars): it then starts as if there were none. The same flags as ./kojinext's. An AOT cache
     * refuses -Xshare (it is implied), and is silent by itself when stale; the logs stay off anyway.
     */
    static final List<String> QUIET_CDS = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    static final List<String> QUIET_AOT = List.of("-Xlog:aot=off", "-Xlog:cds=off");

    /**
     * One way of starting the JVM. {@code train} is the run that writes {@code archive} (none when
     * the variant needs no archive); {@code flags} are those of every measured run.
     */
    record Variant(String name, List<String> train, Path archive, List<String> flags) {
        static Variant plain(String name, String... flags) {
            return new Variant(name, List.of(), null, List.of(flags));
        }
    }

    private final Path java;
    private final String classpath;
    private final String main;

    CliStartup(Path java, String classpath, String main) {
        this.java = java;
        this.classpath = classpath;
        this.main = main;
    }

    static List<Variant> variants(Path work) {
        Path jsa = work.resolve("cli.jsa");
        Path aot = work.resolve("cli.aot");
        List<String> cds = concat(List.of("-XX:SharedArchiveFile=" + jsa), QUIET_CDS);
        List<String> aotFlags = concat(List.of("-XX:AOTCache=" + aot), QUIET_AOT);
        List<String> c1 = List.of("-XX:TieredStopAtLevel=1");
        return List.of(
                Variant.plain("plain JVM (JDK's own CDS)"),
                Variant.plain("-Xshare:off (no CDS at all)", "-Xshare:off"),
                Variant.plain("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=1"),
                new Variant("AppCDS archive", List.of("-XX:ArchiveClassesAtExit=" + jsa), jsa, cds),
                new Variant("AppCDS + TieredStopAtLevel=1", List.of(), jsa, concat(cds, c1)),
                new Variant("AppCDS + TieredStopAtLevel=1 + SerialGC", List.of(), jsa,
                        concat(concat(cds, c1), List.of("-XX:+UseSerialGC"))),
                new Variant("AOT cache (JDK 25)", List.of("-XX:AOTCacheOutput=" + aot), aot, aotFlags),
                new Variant("AOT cache + TieredStopAtLevel=1", List.of(), aot, concat(aotFlags, c1)),
                new Variant("AOT cache + TieredStopAtLevel=1 + SerialGC", List.of(), aot,
                        concat(concat(aotFlags, c1), List.of("-XX:+UseSerialGC"))));
    }

    /** Writes the variant's archive with a training run; returns why it could not, or null. */
    String train(Variant v, List<String> args) throws IOException, InterruptedException {
        if (!v.train().isEmpty()) {
            Result r = run(v.train(), args);
            if (r.status != 0) {
                return "training run failed: " + firstLine(r.err + r.out);
            }
        }
        if (v.archive() != null && !Files.isRegularFile(v.archive())) {
            return "no archive written";
        }
        Result check = run(v.flags(), args);
        if (check.status != 0 || !check.out.contains("anonymous user")) {
            return "the command failed: " + firstLine(check.err + check.out);
        }
        if (!check.err.isEmpty()) {
            return "the JVM printed: " + firstLine(check.err);
        }
        return null;
    }

    /** One run's wall time, and the CPU time its process used (user and system), in nanoseconds. */
    record Timing(long wall, long cpu) {
    }

    Timing time(Variant v, List<String> args) throws IOException, InterruptedException {
        long cpuBefore = ChildCpu.nanos();
        long start = System.nanoTime();
        Result r = run(v.flags(), args);
        long took = System.nanoTime() - start;
        long cpu = ChildCpu.nanos() - cpuBefore;
        if (r.status != 0) {
            throw new IOException(v.name() + ": the command line failed: " + firstLine(r.err + r.out));
        }
        return new Timing(took, cpu);
    }

    /**
     * Runs with archives made before the cli jar changed, as after a rebuild: the command must
     * still work, and with the quiet flags nothing from the JVM may appear on either stream.
     */
    List<String> checkStaleFallback(Path work, List<String> args) throws IOException, InterruptedException {
        Path copy = Files.createDirectories(work.resolve("stale")).resolve("cli.jar");
        String[] entries = classpath.split(File.pathSeparator, 2);
        Files.copy(Path.of(entries[0]), copy);
        CliStartup other = new CliStartup(java, copy + File.pathSeparator + entries[1], main);
        Path jsa = work.resolve("stale/cli.jsa");
        Path aot = work.resolve("stale/cli.aot");
        other.run(List.of("-XX:ArchiveClassesAtExit=" + jsa), args);
        other.run(List.of("-XX:AOTCacheOutput=" + aot), args);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        List<String> report = new ArrayList<>();
        for (Path archive : List.of(jsa, aot)) {
            boolean cds = archive == jsa;
            String flag = cds ? "-XX:SharedArchiveFile=" : "-XX:AOTCache=";
            if (!Files.isRegularFile(archive)) {
                report.add(flag + ": could not make an archive to spoil");
                continue;
            }
            Result loud = other.run(List.of(flag + archive), args);
            List<String> quietFlags = cds ? QUIET_CDS : QUIET_AOT;
            Result quiet = other.run(concat(List.of(flag + archive), quietFlags), args);
            report.add(String.format("%s, no other flags: status %d, JVM said %s", flag, loud.status, jvmWords(loud)));
            report.add(String.format("%s with %s: status %d, JVM said %s", flag, String.join(" ", quietFlags),
                    quiet.status, jvmWords(quiet)));
        }
        return report;
    }

    /** What the JVM itself printed (its log lines go to standard output by default), or "nothing". */
    private static String jvmWords(Result r) {
        List<String> lines = Stream.concat(r.out.lines(), r.err.lines())
                .filter(l -> l.startsWith("[") || l.contains("shared archive") || l.contains("AOT")).toList();
        return lines.isEmpty() ? "nothing" : "'" + lines.get(0) + "'" + (lines.size() > 1 ? " and " + (lines.size() - 1) + " more lines" : "");
    }

    private record Result(int status, String out, String err) {
    }

    private Result run(List<String> flags, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(args);
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            CliStartupCommand.waitFor(p);
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * The class path ./kojinext gives the command line: the checkout's cli jar and its lib
     * directory, found from where this benchmark's own jar lies (CHECKOUT/bench/target).
     */
    static String checkoutClasspath() {
        Path here;
        try {
            here = Path.of(CliStartup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path checkout = here.getParent().getParent().getParent();
        Path target = checkout.resolve("cli/target");
        try (Stream<Path> jars = Files.list(target)) {
            Path jar = jars.filter(p -> p.getFileName().toString().matches("cli-.*\\.jar")
                            && !p.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no cli jar in " + target
                            + ": build the cli module first, or give --cli-classpath"));
            return jar + File.pathSeparator + target.resolve("lib") + "/*";
        } catch (IOException e) {
            throw new IllegalStateException("no " + target + ": build the cli module first, or give --cli-classpath", e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
