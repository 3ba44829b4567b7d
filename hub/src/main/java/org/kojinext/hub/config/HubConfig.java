package org.kojinext.hub.config;

import java.nio.file.Path;
import java.time.Duration;
import org.kojinext.protocol.DecodeLimits;

/**
 * The hub's settings, immutable once loaded. {@link HubConfigLoader} reads them from one file and
 * the environment; each setting's key and default are listed there.
 *
 * @param dbUrl JDBC URL of a PostgreSQL server, or null for the embedded one kept in dataDir
 * @param storageTopdir the default volume's directory (Koji's topdir, /mnt/koji)
 */
public record HubConfig(
        String host,
        int port,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String adminPassword,
        Duration sessionRenewalTimeout,
        boolean checkClientIp,
        long maxRequestLength,
        DecodeLimits decodeLimits,
        DispatchConfig dispatch,
        Path storageTopdir) {

    public HubConfig withPort(int newPort) {
        return new HubConfig(host, newPort, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
                adminPassword, sessionRenewalTimeout, checkClientIp, maxRequestLength, decodeLimits, dispatch, storageTopdir);
    }

    public HubConfig withDb(String url, String user, String password) {
        return new HubConfig(host, port, dataDir, url, user, password, dbPoolSize,
                adminPassword, sessionRenewalTimeout, checkClientIp, maxRequestLength, decodeLimits, dispatch, storageTopdir);
    }

    public HubConfig withSessionRenewalTimeout(Duration timeout) {
        return new HubConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
                adminPassword, timeout, checkClientIp, maxRequestLength, decodeLimits, dispatch, storageTopdir);
    }

    public HubConfig withAdminPassword(String password) {
        return new HubConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
                password, sessionRenewalTimeout, checkClientIp, maxRequestLength, decodeLimits, dispatch, storageTopdir);
    }

    public HubConfig withDispatch(DispatchConfig newDispatch) {
        return new HubConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
                adminPassword, sessionRenewalTimeout, checkClientIp, maxRequestLength, decodeLimits, newDispatch, storageTopdir);
    }

    public HubConfig withMaxRequestLength(long bytes) {
        return new HubConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
                adminPassword, sessionRenewalTimeout, checkClientIp, bytes, decodeLimits, dispatch, storageTopdir);
    }
}
