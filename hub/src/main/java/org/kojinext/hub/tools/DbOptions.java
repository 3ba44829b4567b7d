package org.kojinext.hub.tools;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.kojinext.hub.config.HubConfig;
import org.kojinext.hub.config.HubConfigLoader;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.EmbeddedPostgresServer;
import picocli.CommandLine.Option;

/**
 * Which database a tool works on: the hub's, found the way the hub finds it (configuration file,
 * KOJINEXT_* environment, else the embedded PostgreSQL in the data directory), or one named here.
 */
public final class DbOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "kojinext-data",
            description = "the hub's data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the hub's configuration file (default: DIR/hub.conf if present)")
    Path config;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "a PostgreSQL database instead of the hub's (db.url), "
                    + "e.g. jdbc:postgresql://db.example.com/koji")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER",
            description = "database user (default: postgres, or the hub's setting)")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "database password (default: none, or the hub's setting)")
    String dbPassword;

    /** A database to connect to; close it to stop an embedded server started for it. */
    public record Target(String url, String user, String password, EmbeddedPostgresServer embedded)
            implements AutoCloseable {
        /** A plain connection, outside any pool. */
        public Connection connect() throws SQLException {
            return Database.connect(url, user, password, new Properties());
        }

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * The database named here, with its credentials from here alone; else the hub's, starting its
     * embedded PostgreSQL when it is configured with no other.
     */
    public Target open() {
        if (dbUrl != null) {
            return new Target(dbUrl, dbUser == null ? "postgres" : dbUser, dbPassword, null);
        }
        HubConfig cfg = hubConfig();
        if (cfg.dbUrl() != null) {
            return new Target(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(), null);
        }
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(cfg.dataDir().resolve("pgdata"));
        return new Target(pg.jdbcUrl("postgres"), "postgres", null, pg);
    }

    /**
     * The hub's configured database with whatever is given here in place of its setting, or null
     * when neither names one. Never the embedded one: for a tool that must be pointed at a database
     * that already exists elsewhere.
     */
    public Target configured() {
        HubConfig cfg = hubConfig();
        String url = dbUrl != null ? dbUrl : cfg.dbUrl();
        if (url == null) {
            return null;
        }
        return new Target(url, dbUser != null ? dbUser : cfg.dbUser(),
                dbPassword != null ? dbPassword : cfg.dbPassword(), null);
    }

    private HubConfig hubConfig() {
        return HubConfigLoader.load(config, dataDir.toAbsolutePath(), System.getenv());
    }
}
