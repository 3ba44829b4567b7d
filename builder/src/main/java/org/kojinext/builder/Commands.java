package org.kojinext.builder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs builder tools (git, rpmbuild, bwrap, mock) as argument lists, never through a shell, so no
 * part of a URL, ref or path can be read as shell syntax. Output goes to a log file, as kojid's
 * log_output does, so a failure can be reported with the log's tail.
 */
public final class Commands {
    /** A search path that does not depend on the daemon's own environment. */
    public static final String SAFE_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";

    private Commands() {
    }

    /**
     * Runs cmd in dir with exactly env (the caller's environment is not inherited), appending
     * stdout and stderr to log. Returns the exit code; a command still running after timeout is
     * killed and reported as a failure.
     */
    public static int run(List<String> cmd, Path dir, Map<String, String> env, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd))
                .directory(dir == null ? null : dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                appendLine(log, "killed after " + timeout.toSeconds() + " s: " + cmd.get(0));
                return -1;
            }
            return p.exitValue();
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    public static void appendLine(Path log, String line) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, line + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** The last n lines of a log, for putting a failure's cause into its one-line fault. */
    public static String tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Where an executable is found on searchPath (colon-separated), like `command -v`. */
    public static Optional<Path> find(String name, String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
