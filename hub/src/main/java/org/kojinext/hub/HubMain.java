package org.kojinext.hub;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.kojinext.hub.config.HubConfig;
import org.kojinext.hub.config.HubConfigLoader;
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

    @Option(names = "--config", description = "configuration file (default: DIR/hub.conf if present)")
    Path config;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HubMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        HubConfig cfg = HubConfigLoader.load(config, dataDir.toAbsolutePath(), System.getenv());
        if (port != null) {
            cfg = cfg.withPort(port);
        }
        Hub hub = Hub.start(cfg);
        System.out.println("Koji Next hub listening on http://" + cfg.host() + ":" + hub.port() + "/kojihub");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            stopped.countDown();
        }, "hub-shutdown"));
        stopped.await();
        return 0;
    }
}
