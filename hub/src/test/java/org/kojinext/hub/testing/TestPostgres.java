package org.kojinext.hub.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.kojinext.hub.db.EmbeddedPostgresServer;

/**
 * One real PostgreSQL per test JVM (embedded, in a temporary directory), and a fresh empty
 * database for each caller, so tests never see each other's rows.
 */
public final class TestPostgres {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgresServer server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            server = EmbeddedPostgresServer.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String newDatabase() {
        String name = "kojitest_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server().jdbcUrl("postgres"), "postgres", null);
             Statement st = c.createStatement()) {
            // A DDL statement with a generated, fixed-alphabet name: the one place tests build SQL.
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return server().jdbcUrl(name);
    }
}
