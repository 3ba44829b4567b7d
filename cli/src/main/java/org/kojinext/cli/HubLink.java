package org.kojinext.cli;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.config.Profile;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiTransportException;
import org.kojinext.protocol.RpcCall;
import org.kojinext.protocol.UrlConnectionTransport;

/**
 * The CLI's session with the hub. The first call goes out as XML-RPC, which every Koji hub
 * speaks; when the reply's {@code Accept-Post} header offers JSON-RPC (a Koji Next hub), later
 * calls switch to it, unless {@code --xmlrpc}. Retries follow Koji's rules: a logged-in session
 * retries a call that got no answer up to {@code max_retries} times ({@code retry_interval}
 * apart, the first at once); an anonymous one only with {@code anon_retry}.
 */
public final class HubLink {
    private final Profile profile;
    private final boolean forceXml;
    private KojiClient client;
    private boolean probed;
    private String user;

    public HubLink(Profile profile, boolean forceXml) {
        this.profile = profile;
        this.forceXml = forceXml;
    }

    public Profile profile() {
        return profile;
    }

    public URI server() {
        String s = profile.server();
        if (s == null) {
            throw new CliFailure("no server configured: set server in the profile or use --server");
        }
        try {
            return URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("bad server url: " + s);
        }
    }

    /** The underlying client (anonymous until {@link #login()}); for uploads and raw use. */
    public KojiClient client() {
        if (client == null) {
            boolean retry = profile.anonRetry();
            client = newClient(retry ? profile.maxRetries() : 0);
        }
        return client;
    }

    public Object call(String method, Object... args) {
        return callKw(method, List.of(args), Map.of());
    }

    public Object callKw(String method, List<?> args, Map<String, ?> kwargs) {
        KojiClient c = client();
        try {
            return c.callKw(method, args, kwargs);
        } catch (KojiTransportException e) {
            throw unreachable(e);
        } finally {
            probe(c);
        }
    }

    /** Koji's multicall: each entry is a one-element list with the value, or the KojiFault raised. */
    public List<Object> multicall(List<RpcCall> calls) {
        KojiClient c = client();
        try {
            return c.multicall(calls);
        } catch (KojiTransportException e) {
            throw unreachable(e);
        } finally {
            probe(c);
        }
    }

    /**
     * Koji's activate_session: logs in as the profile says (password only for now), unless the
     * authtype is noauth. A command that changes something calls this first.
     */
    public void login() {
        if (user != null || "noauth".equals(profile.authtype())) {
            return;
        }
        String authtype = profile.authtype();
        if (authtype != null && !authtype.equals("password")) {
            throw new CliFailure("Unable to log in: authtype " + authtype
                    + " is not supported by kojinext yet (use password, or --noauth)");
        }
        if (profile.user() == null || profile.password() == null) {
            throw new CliFailure("Unable to log in, no authentication methods available"
                    + " (set user and password in the profile, or give --user and --password)");
        }
        KojiClient c = newClient(0);
        try {
            c.login(profile.user(), profile.password());
        } catch (KojiTransportException e) {
            throw unreachable(e);
        }
        probed = true;
        // A logged-in session retries calls that got no answer (Koji's max_retries).
        c = c.withRetries(profile.maxRetries());
        client = !forceXml && offersJson(c) ? c.withEncoding(Encoding.JSON) : c;
        user = profile.user();
    }

    /** The logged-in user's name, or null when anonymous. */
    public String user() {
        return user;
    }

    public boolean loggedIn() {
        return user != null;
    }

    public void logout() {
        if (client != null && user != null) {
            try {
                client.logout();
            } catch (RuntimeException ignored) {
                // the session expires on its own; a failed logout must not fail the command
            }
        }
    }

    private KojiClient newClient(int retries) {
        return KojiClient.builder(server())
                .encoding(Encoding.XML)
                .timeout(profile.timeout())
                .transport(new UrlConnectionTransport(profile.timeout()))
                .retries(retries)
                .retryInterval(profile.retryInterval())
                .build();
    }

    private void probe(KojiClient c) {
        if (probed || c.lastHeaders() == null) {
            return;
        }
        probed = true;
        if (!forceXml && c == client && offersJson(c)) {
            client = c.withEncoding(Encoding.JSON);
        }
    }

    private static boolean offersJson(KojiClient c) {
        return c.lastHeaders() != null
                && c.lastHeaders().firstValue("Accept-Post").orElse("").contains("application/json");
    }

    private CliFailure unreachable(KojiTransportException e) {
        if (e.status() != 0) {
            return new CliFailure("Error: the hub at " + profile.server() + " answered " + e.getMessage(), e);
        }
        return new CliFailure("Error: Unable to connect to server " + profile.server()
                + " (" + rootMessage(e) + ")", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c instanceof java.net.http.HttpTimeoutException || c instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
            if (c instanceof java.nio.channels.UnresolvedAddressException
                    || c instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (c.getMessage() != null && !(c instanceof KojiTransportException)) {
                message = c.getMessage();
            }
            t = c;
        }
        return message != null ? message : t.getClass().getSimpleName();
    }
}
