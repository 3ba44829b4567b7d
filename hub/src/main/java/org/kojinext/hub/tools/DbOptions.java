package org.kojinext.hub.tools;

import java.nio.file.Path;
import org.kojinext.hub.config.HubConfig;
import org.kojinext.hub.config.HubConfigLoader;
import org.kojinext.hub.db.EmbeddedPostgresServer;
import picocli.CommandLine.Option;

/**
 * Which database a tool works on: the hub's, found the way the hub finds it (configuration file,
 * KOJINEXT_* environment, else the embedded PostgreSQL in the data directory), or one named here.
 */
public final class DbOptions {
    @Option(names = "--data-dir", defaultValue = "kojinext-data",
            description = "the hub's data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--config", description = "the hub's configuration file (default: DIR/hub.conf if present)")
    Path config;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "a PostgreSQL database instead of the hub's")
    String dbUrl;

    @Option(names = "--db-user", description = "database user (with --db-url; default: postgres)")
    String dbUser;

    @Option(names = "--db-password", description = "database password (with --db-url)")
    String dbPassword;

    /** A database to connect to; close it to stop an embedded server started for it. */
    public record Target(String url, String user, String password, EmbeddedPostgresServer embedded)
            implements AutoCloseable {
        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    public Target open() {
        if (dbUrl != null) {
            return new Target(dbUrl, dbUser == null ? "postgres" : dbUser, dbPassword, null);
        }
        HubConfig cfg = HubConfigLoader.load(config, dataDir.toAbsolutePath(), System.getenv());
        if (cfg.dbUrl() != null) {
            return new Target(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), null);
        }
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(cfg.dataDir().resolve("pgdata"));
        return new Target(pg.jdbcUrl("postgres"), "postgres", null, pg);
    }
}
