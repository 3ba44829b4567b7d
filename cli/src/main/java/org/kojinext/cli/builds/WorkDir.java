package org.kojinext.cli.builds;

import java.nio.file.Path;

/**
 * The directory downloads are written to: the process's working directory. Tests, which share
 * one JVM, point it elsewhere with the kojinext.cwd property (CliEnv has no working directory).
 */
public final class WorkDir {
    private WorkDir() {
    }

    public static Path get() {
        return Path.of(System.getProperty("kojinext.cwd", System.getProperty("user.dir")));
    }
}
