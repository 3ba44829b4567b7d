package org.kojinext.builder.buildroot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kojinext.builder.Commands;

/**
 * The bwrap command line that runs a build with the host's /usr and /etc read-only, only the
 * build's own directories writable, and every namespace unshared (so no network). It isolates
 * the build from the builder; it does not make the build hermetic.
 */
final class Bubblewrap {
    private static final List<String> ROOT_LINKS = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

    private final Path bwrap;

    private Bubblewrap(Path bwrap) {
        this.bwrap = bwrap;
    }

    static Optional<Bubblewrap> find(String searchPath) {
        return Commands.find("bwrap", searchPath).map(Bubblewrap::new);
    }

    /** The command wrapped: writable dirs bound read-write, readOnly paths read-only, cwd as working dir. */
    List<String> wrap(List<String> cmd, List<Path> writable, List<Path> readOnly, Path cwd, Map<String, String> env)
            throws IOException {
        List<String> a = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all", "--die-with-parent",
                "--new-session", "--clearenv", "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"));
        for (String name : ROOT_LINKS) {
            Path p = Path.of("/", name);
            if (Files.isSymbolicLink(p)) {
                a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), p.toString()));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        // Debian keeps the rpm database outside /usr; build dependency checks need it.
        if (Files.isDirectory(Path.of("/var/lib/rpm"))) {
            a.addAll(List.of("--ro-bind", "/var/lib/rpm", "/var/lib/rpm"));
        }
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/var/tmp"));
        for (Path p : readOnly) {
            a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        }
        for (Path p : writable) {
            a.addAll(List.of("--bind", p.toString(), p.toString()));
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            a.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        }
        a.addAll(List.of("--chdir", cwd.toString(), "--"));
        a.addAll(cmd);
        return a;
    }

    /**
     * Whether bwrap can set up its namespaces here (containers and some distributions forbid
     * unprivileged user namespaces); the output of a failed try goes to log.
     */
    boolean works(Path dir, Path log) throws IOException, InterruptedException {
        List<String> probe = wrap(List.of("/usr/bin/true"), List.of(dir), List.of(), dir, Map.of("PATH", "/usr/bin"));
        return Commands.run(probe, dir, Map.of("PATH", Commands.SAFE_PATH), log, Duration.ofSeconds(30)) == 0;
    }
}
