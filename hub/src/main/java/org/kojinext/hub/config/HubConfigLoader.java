package org.kojinext.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.kojinext.protocol.DecodeLimits;

/**
 * Loads {@link HubConfig} from one file of {@code key = value} lines plus the environment.
 * An environment variable {@code KOJINEXT_<KEY>} (dots as underscores, upper case) overrides the
 * file: {@code db.url} is {@code KOJINEXT_DB_URL}.
 *
 * <table>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>hub.host</td><td>127.0.0.1</td><td>address to listen on</td></tr>
 * <tr><td>hub.port</td><td>8080</td><td>HTTP port; {@code /kojihub} is the API</td></tr>
 * <tr><td>db.url</td><td>(none)</td><td>JDBC URL; without it an embedded PostgreSQL runs in
 *     {@code <data-dir>/pgdata}</td></tr>
 * <tr><td>db.user, db.password</td><td>postgres, (none)</td><td>credentials for db.url</td></tr>
 * <tr><td>db.pool_size</td><td>16</td><td>most connections the hub holds</td></tr>
 * <tr><td>admin.password</td><td>(generated)</td><td>password for kojiadmin on first start;
 *     also {@code KOJINEXT_ADMIN_PASSWORD}</td></tr>
 * <tr><td>session.renewal_timeout_minutes</td><td>1440</td><td>Koji's SessionRenewalTimeout;
 *     0 disables expiry</td></tr>
 * <tr><td>session.check_client_ip</td><td>true</td><td>bind sessions to the client address</td></tr>
 * <tr><td>request.max_length</td><td>4194304</td><td>largest request body, bytes
 *     (Koji's MaxRequestLength)</td></tr>
 * <tr><td>request.max_depth</td><td>30</td><td>deepest nesting of arrays and structs (at most 31)</td></tr>
 * <tr><td>request.max_string</td><td>4194304</td><td>longest string value, characters</td></tr>
 * <tr><td>storage.topdir</td><td>&lt;data-dir&gt;/files</td><td>Koji's topdir: the default volume,
 *     served read-only at {@code /kojifiles}</td></tr>
 * <tr><td>scheduler.*, builder.hold_seconds</td><td>Koji's</td><td>see {@link DispatchConfig}</td></tr>
 * </table>
 */
public final class HubConfigLoader {
    public static final String FILE_NAME = "hub.conf";

    private HubConfigLoader() {
    }

    /**
     * @param file the configuration file, or null to use {@code <dataDir>/hub.conf} if present
     * @param dataDir the data directory
     */
    public static HubConfig load(Path file, Path dataDir, Map<String, String> env) {
        Properties props = new Properties();
        Path source = file != null ? file : dataDir.resolve(FILE_NAME);
        if (file != null || Files.exists(source)) {
            try (Reader r = Files.newBufferedReader(source)) {
                props.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read configuration " + source, e);
            }
        }
        Settings s = new Settings(props, env);
        int maxString = s.integer("request.max_string", 4 * 1024 * 1024);
        return new HubConfig(
                s.string("hub.host", "127.0.0.1"),
                s.integer("hub.port", 8080),
                dataDir,
                s.string("db.url", null),
                s.string("db.user", "postgres"),
                s.string("db.password", null),
                s.integer("db.pool_size", 16),
                s.string("admin.password", null),
                Duration.ofMinutes(s.integer("session.renewal_timeout_minutes", 1440)),
                s.bool("session.check_client_ip", true),
                s.integer("request.max_length", 4 * 1024 * 1024),
                new DecodeLimits(s.integer("request.max_depth", DecodeLimits.DEFAULT.maxDepth()), maxString,
                        DecodeLimits.DEFAULT.maxValues()),
                new DispatchConfig(
                        Duration.ofSeconds(s.integer("scheduler.assign_timeout_seconds", 300)),
                        Duration.ofSeconds(s.integer("scheduler.host_timeout_seconds", 900)),
                        Duration.ofSeconds(s.integer("scheduler.ready_timeout_seconds", 180)),
                        Duration.ofSeconds(s.integer("scheduler.soft_refusal_timeout_seconds", 900)),
                        s.integer("scheduler.capacity_overcommit", 5),
                        s.integer("scheduler.max_jobs", 15),
                        Duration.ofSeconds(s.integer("builder.hold_seconds", 90))),
                dataDir.resolve(s.string("storage.topdir", "files")));
    }

    private record Settings(Properties props, Map<String, String> env) {
        String string(String key, String def) {
            String envKey = "KOJINEXT_" + key.toUpperCase().replace('.', '_');
            String v = env.get(envKey);
            if (v == null) {
                v = props.getProperty(key);
            }
            return v == null || v.isBlank() ? def : v.trim();
        }

        int integer(String key, int def) {
            String v = string(key, null);
            if (v == null) {
                return def;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("configuration " + key + " must be a whole number, not '" + v + "'");
            }
        }

        boolean bool(String key, boolean def) {
            String v = string(key, null);
            if (v == null) {
                return def;
            }
            return switch (v.toLowerCase()) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException("configuration " + key + " must be true or false, not '" + v + "'");
            };
        }
    }
}
