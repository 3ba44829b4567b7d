package org.kojinext.builder;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.kojinext.builder.buildroot.BuildrootFactory;
import org.kojinext.builder.scm.AllowedScms;
import org.kojinext.builder.tasks.BuildHandlers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code ./kojinext builder}: runs one builder daemon against a hub. */
@Command(name = "kojinext builder", mixinStandardHelpOptions = true,
        description = "Run a builder: takes tasks the hub assigns to its host and runs them.")
public final class BuilderMain implements Callable<Integer> {
    @Option(names = "--hub", description = "hub API URL (default: ${DEFAULT-VALUE})",
            defaultValue = "http://127.0.0.1:8080/kojihub")
    URI hub;

    @Option(names = "--user", required = true, description = "the host's user name")
    String user;

    @Option(names = "--password-file", description = "file holding the host user's password "
            + "(otherwise $KOJINEXT_BUILDER_PASSWORD)")
    Path passwordFile;

    @Option(names = "--hold", description = "seconds each held call waits for work (default: ${DEFAULT-VALUE}); "
            + "an idle builder sends about one request per this", defaultValue = "60")
    int holdSeconds;

    @Option(names = "--maxjobs", description = "most tasks at once (default: ${DEFAULT-VALUE})", defaultValue = "10")
    int maxjobs;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "an HTTP proxy to reach the hub through")
    String proxy;

    @Option(names = "--arches", description = "arches this builder takes, space separated (default: the host's, "
            + "as the hub has it); a declaration only narrows what an admin gave the host")
    String arches;

    @Option(names = "--capacity", description = "the task weight this builder takes at once (default: the host's)")
    Double capacity;

    @Option(names = "--channels", split = ",", description = "channels this builder takes work from, comma "
            + "separated (default: all the host is in)")
    java.util.List<String> channels;

    @Option(names = "--buildroot", description = "auto (mock when installed, else rpmbuild), mock or rpmbuild "
            + "(default: ${DEFAULT-VALUE}); rpmbuild is not hermetic", defaultValue = "auto")
    String buildroot;

    @Option(names = "--topdir", description = "the hub's storage topdir mounted here (kojid's topdir); without it "
            + "files are downloaded from --topurl, and createrepo tasks cannot run")
    Path topdir;

    @Option(names = "--topurl", description = "where the hub serves its files (default: the hub's /kojifiles)")
    URI topurl;

    @Option(names = "--workdir", description = "scratch space for tasks (default: ${DEFAULT-VALUE})",
            defaultValue = "/var/tmp/kojinext-builder")
    Path workdir;

    @Option(names = "--allowed-scms", description = "kojid's allowed_scms: host:/path globs, space separated; "
            + "local git+file:// sources need an empty host, e.g. ':/srv/git/*' (default: none allowed)",
            defaultValue = "")
    String allowedScms;

    @Override
    public Integer call() throws Exception {
        String password = passwordFile != null ? Files.readString(passwordFile).strip()
                : System.getenv("KOJINEXT_BUILDER_PASSWORD");
        if (password == null || password.isEmpty()) {
            System.err.println("kojinext builder: no password (--password-file or KOJINEXT_BUILDER_PASSWORD)");
            return 2;
        }
        if (!java.util.Set.of("auto", "mock", "rpmbuild").contains(buildroot)) {
            System.err.println("kojinext builder: --buildroot takes auto, mock or rpmbuild, not " + buildroot);
            return 2;
        }
        URI files = topurl != null ? topurl : hub.resolve("/kojifiles");
        BuildHandlers.Settings settings = new BuildHandlers.Settings(topdir, files, workdir,
                AllowedScms.parse(allowedScms), BuildrootFactory.named(buildroot));
        // HttpURLConnection keeps at most http.maxConnections idle connections to the hub (5 by
        // default); the held call and each running task's calls need one each, and a connection
        // dropped after use costs a new one for the next call.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(5, maxjobs + 2)));
        }
        Builder b = new Builder(hub, user, password, Duration.ofSeconds(holdSeconds), maxjobs,
                BuildHandlers.of(settings));
        b.declare(arches, capacity, channels);
        if (proxy != null) {
            int colon = proxy.lastIndexOf(':');
            String port = colon > 0 ? proxy.substring(colon + 1) : "";
            if (!port.matches("\\d{1,5}")) {
                System.err.println("kojinext builder: --proxy wants HOST:PORT, not " + proxy);
                return 2;
            }
            b.proxy(new InetSocketAddress(proxy.substring(0, colon), Integer.parseInt(port)));
        }
        System.err.println("kojinext builder: " + user + " taking tasks from " + hub);
        b.run();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BuilderMain()).execute(args));
    }
}
