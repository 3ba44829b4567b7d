package org.kojinext.hub.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's PostgreSQL: a connection pool, migrated to the current schema on open. Requests take
 * their connection through {@link #begin()}, which keeps one transaction per request.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private volatile Tx.CommitListener commitListener = Tx.CommitListener.NONE;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Who hears of every transaction this hub commits (its caches, through the change feed). */
    public void onCommit(Tx.CommitListener listener) {
        this.commitListener = listener;
    }

    /** Connects, migrates, and returns a ready database. */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        // Reads run in autocommit mode; Tx opens a transaction before the first write or lock.
        cfg.setAutoCommit(true);
        cfg.setPoolName("kojinext-db");
        // Prepared statements are reused across calls on the same connection.
        cfg.addDataSourceProperty("prepareThreshold", "1");
        HikariDataSource pool = new HikariDataSource(cfg);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    static void migrate(DataSource ds) {
        MigrateResult result = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("database migrated to version {} ({} migrations)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    /**
     * A connection of its own, outside the pool, for work that holds one for the hub's lifetime
     * (listening for notifications) and must not take a request's place.
     */
    public Connection openDedicated(String applicationName) throws SQLException {
        Properties props = new Properties();
        props.setProperty("ApplicationName", applicationName);
        // A dead server or network must surface as an error, not as a read that never returns.
        props.setProperty("tcpKeepAlive", "true");
        return connect(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(), props);
    }

    /** A plain connection outside any pool; a null user or password is left to the driver. */
    public static Connection connect(String url, String user, String password, Properties driverProps)
            throws SQLException {
        Properties props = new Properties();
        props.putAll(driverProps);
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A transaction whose connection is taken from the pool only when first used. */
    public Tx begin() {
        return new Tx(pool, commitListener);
    }

    @Override
    public void close() {
        pool.close();
    }
}
