package org.kojinext.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a command run sees of the world: where {@code /etc}, {@code ~} and the working directory
 * (where downloads go) are, its streams, and
 * whether a person watches. Tests pass their own, so no test reads the real {@code ~/.koji}.
 */
public record CliEnv(Path etc, Path home, Path cwd, InputStream in, PrintStream out, PrintStream err,
                     boolean interactive) {

    public static CliEnv system() {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                java.nio.charset.StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                java.nio.charset.StandardCharsets.UTF_8);
        return new CliEnv(Path.of("/etc"), Path.of(System.getProperty("user.home")),
                Path.of(System.getProperty("user.dir")), System.in, out, err,
                System.console() != null);
    }
}
