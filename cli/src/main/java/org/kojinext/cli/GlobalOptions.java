package org.kojinext.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Koji's global options, given before the command name ({@code kojinext -p stg list-tags}). */
public final class GlobalOptions {
    @Option(names = {"-p", "--profile"}, description = "specify a configuration profile (default: kojinext if configured, else koji)")
    String profile;

    @Option(names = {"-c", "--config"}, description = "load profile's settings from another file. Use with --profile.")
    Path config;

    @Option(names = {"-s", "--server"}, description = "url of XMLRPC server")
    String server;

    @Option(names = "--weburl", description = "url of the Koji web interface")
    String weburl;

    @Option(names = "--topurl", description = "url for Koji file access")
    String topurl;

    @Option(names = "--topdir", description = "specify topdir")
    String topdir;

    @Option(names = "--user", description = "specify user")
    String user;

    @Option(names = "--password", description = "specify password")
    String password;

    @Option(names = "--authtype", description = "force use of a type of authentication (noauth, password)")
    String authtype;

    @Option(names = "--noauth", description = "do not authenticate")
    boolean noauth;

    @Option(names = "--force-auth", description = "authenticate even for read-only operations")
    boolean forceAuth;

    @Option(names = {"-d", "--debug"}, description = "show debug output")
    boolean debug;

    @Option(names = {"-q", "--quiet"}, description = "run quietly")
    boolean quiet;

    @Option(names = "--xmlrpc", description = "always speak XML-RPC, even to a hub that offers JSON-RPC")
    boolean xmlrpc;

    /** The options that override a profile's settings, under Koji's config names. */
    Map<String, String> overrides() {
        Map<String, String> m = new HashMap<>();
        m.put("server", server);
        m.put("weburl", weburl);
        m.put("topurl", topurl);
        m.put("topdir", topdir);
        m.put("user", user);
        m.put("password", password);
        m.put("authtype", noauth ? "noauth" : authtype);
        if (forceAuth) {
            m.put("force_auth", "true");
        }
        if (debug) {
            m.put("debug", "true");
        }
        return m;
    }

    public boolean debug() {
        return debug;
    }

    public boolean quiet() {
        return quiet;
    }
}
