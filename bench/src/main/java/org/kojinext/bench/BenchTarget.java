package org.kojinext.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.kojinext.hub.Hub;
import org.kojinext.hub.config.HubConfig;
import org.kojinext.hub.config.HubConfigLoader;

/** The hub under test: one started in this process for the run, or one already running elsewhere. */
final class BenchTarget implements AutoCloseable {
    private final URI url;
    private final String description;
    private final Hub hub;
    private final Path dataDir;
    private final Path pgdata;
    private boolean closed;

    private BenchTarget(URI url, String description, Hub hub, Path dataDir, Path pgdata) {
        this.url = url;
        this.description = description;
        this.hub = hub;
        this.dataDir = dataDir;
        this.pgdata = pgdata;
    }

    /** The in-process hub's data directory, or null for an external hub. */
    Path dataDir() {
        return dataDir;
    }

    /** The in-process hub's storage topdir (DATA-DIR/files), or null for an external hub. */
    Path topdir() {
        return dataDir == null ? null : dataDir.resolve("files");
    }

    /** The in-process hub, or null for an external one. */
    Hub hub() {
        return hub;
    }

    static BenchTarget external(URI url) {
        return new BenchTarget(url, "external, " + url, null, null, null);
    }

    /**
     * A hub in this process over a fresh temporary data directory, so every run starts from the
     * same empty database. Without dbUrl that directory also holds an embedded PostgreSQL.
     */
    static BenchTarget inProcess(String dbUrl, String adminPassword) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kojinext-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HubConfig cfg = HubConfigLoader.load(null, dir, Map.of()).withPort(0).withAdminPassword(adminPassword);
        if (dbUrl != null) {
            cfg = cfg.withDb(dbUrl, "postgres", null);
        }
        Hub hub;
        try {
            hub = Hub.start(cfg);
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
        URI url = URI.create("http://127.0.0.1:" + hub.port() + "/kojihub");
        String db = dbUrl == null ? "embedded PostgreSQL in " + dir.resolve("pgdata") : "PostgreSQL at " + dbUrl;
        return new BenchTarget(url, "in-process, " + db + ", " + url, hub, dir,
                dbUrl == null ? dir.resolve("pgdata") : null);
    }

    URI url() {
        return url;
    }

    /** The embedded PostgreSQL's data directory, or null when the database is not ours. */
    Path pgdata() {
        return pgdata;
    }

    String description() {
        return description;
    }

    /** Idempotent, because both the normal path and the shutdown hook on Ctrl-C call it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (hub != null) {
            hub.close();
        }
        if (dataDir != null) {
            delete(dataDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("kojinext bench: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
