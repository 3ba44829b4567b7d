package org.kojinext.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kojinext.hub.testing.TestHub;

/**
 * Runs CLI command lines against a hub in the test's JVM, as a user whose {@code ~/.koji/config}
 * names that hub: profile {@code koji}, logged in as kojiadmin with a password.
 */
public final class CliHarness {
    private final Path etc;
    private final Path home;
    private final String server;
    private Path cwd;

    public record Result(int status, String out, String err) {
        private static final String USAGE_ERROR = "kojinext: error: ";

        /** Standard output and error together, for messages. */
        @Override
        public String toString() {
            return "status " + status + "\n--- out\n" + out + "--- err\n" + err;
        }

        /** Standard error without a usage error's usage block: what follows "kojinext: error: ". */
        public String message() {
            int i = err.lastIndexOf(USAGE_ERROR);
            return i >= 0 ? err.substring(i + USAGE_ERROR.length()) : err;
        }
    }

    private CliHarness(Path etc, Path home, String server) {
        this.etc = etc;
        this.home = home;
        this.server = server;
        this.cwd = home;
    }

    /** A user of {@code hub} who logs in as kojiadmin. */
    public static CliHarness admin(TestHub hub) {
        return user(hub, "kojiadmin", TestHub.ADMIN_PASSWORD);
    }

    /** A user of {@code hub} with these credentials in the koji profile. */
    public static CliHarness user(TestHub hub, String user, String password) {
        CliHarness h = empty(hub.url().toString());
        h.writeConfig("[koji]\nserver = " + hub.url() + "\nweburl = http://127.0.0.1/koji\n"
                + "topurl = " + hub.url().resolve("/kojifiles") + "\n"
                + "authtype = password\nuser = " + user + "\npassword = " + password + "\n");
        return h;
    }

    /** A user with no configuration at all. */
    public static CliHarness empty(String server) {
        try {
            Path root = Files.createTempDirectory("kojinext-cli");
            Path etc = Files.createDirectories(root.resolve("etc"));
            Path home = Files.createDirectories(root.resolve("home"));
            return new CliHarness(etc, home, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    public Path etc() {
        return etc;
    }

    /** The working directory of later runs (downloads land there); the home directory at first. */
    public CliHarness inDir(Path dir) {
        this.cwd = dir;
        return this;
    }

    public Path cwd() {
        return cwd;
    }

    public String server() {
        return server;
    }

    /** Writes {@code ~/.koji/config}. */
    public void writeConfig(String text) {
        write(home.resolve(".koji/config"), text);
    }

    public void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command line that must succeed (status 0). */
    public Result ok(String... args) {
        Result r = run(args);
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.toString()).isZero();
        return r;
    }

    /** Asserts a run's status and its error message (for a usage error, the part after "kojinext: error: "). */
    public static void assertFails(Result r, int status, String message) {
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.toString()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(r.message()).as(r.toString()).isEqualTo(message + "\n");
    }

    public Result run(String... args) {
        return runWithInput("", args);
    }

    public Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliEnv env = new CliEnv(etc, home, cwd, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    o, e, false);
            int status = KojiNextCli.run(env, args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
