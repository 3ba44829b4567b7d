package org.kojinext.hub.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup PostgreSQL: a real server whose data directory lives under the hub's data
 * directory, so stopping and starting the hub keeps the data.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on a free loopback port, creating the cluster in {@code dataDir} on first
     * use. A server left running by a hub that was killed is stopped first.
     */
    public static EmbeddedPostgresServer start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            stopOrphan(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .start();
            log.info("embedded PostgreSQL running on port {} with data in {}", pg.getPort(), dataDir);
            return new EmbeddedPostgresServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** A throw-away server in a temporary directory, removed on close. For tests and benchmarks. */
    public static EmbeddedPostgresServer startTemporary() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            return new EmbeddedPostgresServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> proc = ProcessHandle.of(pid);
        if (proc.isEmpty() || !proc.get().isAlive()) {
            return;
        }
        log.warn("stopping PostgreSQL (pid {}) left running in {}", pid, dataDir);
        proc.get().destroy();
        try {
            proc.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("PostgreSQL pid " + pid + " still holds " + dataDir, e);
        }
    }
}
