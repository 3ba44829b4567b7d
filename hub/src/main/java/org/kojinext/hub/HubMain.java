package org.kojinext.hub;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.kojinext.hub.config.HubConfig;
import org.kojinext.hub.config.HubConfigLoader;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kojinext hub}: runs the hub until interrupted. */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = "Run the Koji Next hub. Without db.url configured, an embedded PostgreSQL "
                + "runs with its data in DIR/pgdata.")
public final class HubMain implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default: hub.port, else 8080)")
    Integer port;

    @Option(names = "--data-dir", description = "data directory (default: ${DEFAULT-VALUE})",
            defaultValue = "kojinext-data")
    Path dataDir;

    @Option(names = "--local-builder", description = "also run a builder as host NAME in this process "
            + "(what ./kojinext up does); its password is kept in DIR/NAME.password")
    String localBuilder;

    @Option(names = "--demo", description = "with --local-builder: set up the demo tag and target and build the "
            + "bundled example package (what ./kojinext up does)")
    boolean demo;

    @Option(names = "--config", description = "configuration file (default: DIR/hub.conf if present)")
    Path config;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new HubMain());
        // A bad setting or an unreachable database is the operator's to fix: one line, not a trace.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("kojinext hub: " + oneLine(e));
            LoggerFactory.getLogger(HubMain.class).debug("startup failed", e);
            return 1;
        });
        System.exit(cli.execute(args));
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
            msg += ": " + root.getMessage();
        }
        return msg.replaceAll("\\s+", " ");
    }

    @Override
    public Integer call() throws Exception {
        HubConfig cfg = HubConfigLoader.load(config, dataDir.toAbsolutePath(), System.getenv());
        if (port != null) {
            cfg = cfg.withPort(port);
        }
        Hub hub = Hub.start(cfg);
        System.out.println("Koji Next hub listening on http://" + cfg.host() + ":" + hub.port() + "/kojihub");
        if (localBuilder != null) {
            String password = org.kojinext.hub.scheduler.LocalBuilder.ensureHost(hub.database(), cfg.dataDir(),
                    localBuilder);
            java.net.URI url = java.net.URI.create("http://127.0.0.1:" + hub.port() + "/kojihub");
            org.kojinext.hub.scheduler.LocalBuilder.start(url, localBuilder, password,
                    org.kojinext.hub.scheduler.LocalBuilder.settings(url, cfg.storageTopdir(), cfg.dataDir()));
            System.out.println("Builder " + localBuilder + " taking tasks (channels default, createrepo)");
            if (demo) {
                String adminPassword = cfg.adminPassword() != null ? cfg.adminPassword()
                        : java.nio.file.Files.readString(cfg.dataDir().resolve(
                                org.kojinext.hub.auth.AdminBootstrap.PASSWORD_FILE)).strip();
                org.kojinext.hub.demo.LocalDemo d = new org.kojinext.hub.demo.LocalDemo(url, adminPassword,
                        cfg.dataDir(), hub.database(), hub.dispatch(), System.out);
                Thread.ofVirtual().name("demo").start(() -> d.run(
                        org.kojinext.hub.scheduler.LocalBuilder.machineArch()));
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "hub-shutdown"));
        stopped.await();
        return 0;
    }
}
