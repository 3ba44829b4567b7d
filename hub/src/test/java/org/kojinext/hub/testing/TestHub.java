package org.kojinext.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.kojinext.hub.Hub;
import org.kojinext.hub.config.HubConfig;
import org.kojinext.hub.config.HubConfigLoader;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/** A real hub on a free port over its own fresh database, for tests that go over HTTP. */
public final class TestHub implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-secret";

    private final Hub hub;
    private final HubConfig config;

    private TestHub(Hub hub, HubConfig config) {
        this.hub = hub;
        this.config = config;
    }

    public static TestHub start() {
        return start(Duration.ofMinutes(1440));
    }

    public static TestHub start(Duration sessionRenewalTimeout) {
        return startOn(TestPostgres.newDatabase(), sessionRenewalTimeout);
    }

    /** A hub with its own dispatch timeouts, on a fresh database. */
    public static TestHub start(org.kojinext.hub.config.DispatchConfig dispatch) {
        return startOn(TestPostgres.newDatabase(), Duration.ofMinutes(1440), dispatch, 0);
    }

    /** A hub on a fresh database whose volumes {@code storage} makes from its topdir. */
    public static TestHub start(java.util.function.Function<Path, org.kojinext.hub.storage.Volumes> storage) {
        HubConfig cfg = config(TestPostgres.newDatabase(), 0);
        return new TestHub(Hub.start(cfg, storage), cfg);
    }

    /** A hub over an existing database, as a second hub of the same site would be. */
    public static TestHub startOn(String jdbcUrl, Duration sessionRenewalTimeout) {
        return startOn(jdbcUrl, sessionRenewalTimeout, org.kojinext.hub.config.DispatchConfig.DEFAULT, 0);
    }

    /** A second hub of the same site: the same database, and its volumes on the same directory. */
    public static TestHub sharing(TestHub first) {
        HubConfig cfg = config(first.jdbcUrl(), 0);
        Path shared = first.config.storageTopdir();
        return new TestHub(Hub.start(cfg, top -> org.kojinext.hub.storage.Volumes.onDisk(shared)), cfg);
    }

    /** A hub over an existing database with these dispatch settings, on a given port (0: any). */
    public static TestHub startOn(String jdbcUrl, Duration sessionRenewalTimeout,
                                  org.kojinext.hub.config.DispatchConfig dispatch, int port) {
        HubConfig cfg = config(jdbcUrl, port)
                .withDispatch(dispatch)
                .withSessionRenewalTimeout(sessionRenewalTimeout);
        return new TestHub(Hub.start(cfg), cfg);
    }

    /** A hub's settings in a fresh data directory, over the database, with the test admin's password. */
    private static HubConfig config(String jdbcUrl, int port) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kojinext-hub");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HubConfigLoader.load(null, dir, java.util.Map.of())
                .withPort(port)
                .withDb(jdbcUrl, "postgres", null)
                .withAdminPassword(ADMIN_PASSWORD);
    }

    public Hub hub() {
        return hub;
    }

    /** The hub's data directory (task work directories live under it). */
    public java.nio.file.Path dataDir() {
        return config.dataDir();
    }

    public String jdbcUrl() {
        return config.dbUrl();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + hub.port() + "/kojihub");
    }

    public KojiClient client(Encoding encoding) {
        return KojiClient.builder(url()).encoding(encoding).timeout(Duration.ofSeconds(30)).build();
    }

    /** A client logged in as kojiadmin. */
    public KojiClient admin(Encoding encoding) {
        KojiClient c = client(encoding);
        c.login("kojiadmin", ADMIN_PASSWORD);
        return c;
    }

    /** The key with its last character changed: wrong whatever the real key is. */
    public static String forgedKey(String key) {
        char last = key.charAt(key.length() - 1);
        return key.substring(0, key.length() - 1) + (last == 'X' ? 'Y' : 'X');
    }

    @Override
    public void close() {
        hub.close();
    }
}
