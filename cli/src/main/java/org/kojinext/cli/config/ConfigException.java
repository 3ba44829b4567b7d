package org.kojinext.cli.config;

/** A configuration file or profile that cannot be used; its message is shown as it is. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
