package org.kojinext.cli.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One profile's settings: Koji's option names and defaults, with what the configuration files and
 * then the command line's global options set over them.
 */
public final class Profile {
    /** Koji's read_config defaults, except the URLs: those of a hub started by {@code ./kojinext up}. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("server", "http://localhost:8080/kojihub"),
            Map.entry("topdir", "/mnt/koji"),
            Map.entry("max_retries", "30"),
            Map.entry("retry_interval", "20"),
            Map.entry("anon_retry", "false"),
            Map.entry("offline_retry", "false"),
            Map.entry("offline_retry_interval", "20"),
            Map.entry("timeout", "43200"),
            Map.entry("auth_timeout", "60"),
            Map.entry("upload_blocksize", "1048576"),
            Map.entry("poll_interval", "6"),
            Map.entry("no_ssl_verify", "false"),
            Map.entry("debug", "false"),
            Map.entry("force_auth", "false"));

    private final String name;
    private final Map<String, String> values;

    Profile(String name, Map<String, String> values) {
        this.name = name;
        this.values = Map.copyOf(values);
    }

    /** A profile from defaults and the given values only, for tests and {@code --server} use. */
    public static Profile of(String name, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(DEFAULTS);
        all.putAll(values);
        return new Profile(name, all);
    }

    /** This profile with some values replaced (the command line's global options); nulls are ignored. */
    public Profile with(Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(values);
        overrides.forEach((k, v) -> {
            if (v != null) {
                all.put(k, v);
            }
        });
        return new Profile(name, all);
    }

    public String name() {
        return name;
    }

    public String get(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    public String server() {
        return get("server");
    }

    /** Koji's weburl; unset, the hub's own {@code /koji} beside {@code /kojihub}. */
    public String weburl() {
        return orBesideHub("weburl", "/koji");
    }

    /** Koji's topurl; unset, the files a Koji Next hub serves at {@code /kojifiles} beside {@code /kojihub}. */
    public String topurl() {
        return orBesideHub("topurl", "/kojifiles");
    }

    private String orBesideHub(String key, String path) {
        String v = get(key);
        String server = server();
        if (v != null || server == null) {
            return v;
        }
        String base = server.replaceAll("/+$", "");
        return base.endsWith("/kojihub") ? base.substring(0, base.length() - "/kojihub".length()) + path : null;
    }

    public String topdir() {
        return get("topdir");
    }

    public String authtype() {
        String v = get("authtype");
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    public String user() {
        return get("user");
    }

    public String password() {
        return get("password");
    }

    public boolean noauth() {
        return bool("noauth");
    }

    public int maxRetries() {
        return integer("max_retries");
    }

    public Duration retryInterval() {
        return Duration.ofSeconds(integer("retry_interval"));
    }

    public boolean anonRetry() {
        return bool("anon_retry");
    }

    public Duration timeout() {
        return Duration.ofSeconds(integer("timeout"));
    }

    public int uploadBlocksize() {
        return integer("upload_blocksize");
    }

    public boolean bool(String key) {
        String v = get(key);
        if (v == null) {
            return false;
        }
        // configparser's getboolean words
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default -> throw new ConfigException("value for " + key + " config option must be a boolean, not " + v);
        };
    }

    public int integer(String key) {
        String v = get(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException("value for " + key + " config option must be a valid integer");
        }
    }
}
