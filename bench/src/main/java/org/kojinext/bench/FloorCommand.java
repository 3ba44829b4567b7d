package org.kojinext.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.XmlRpcCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kojinext bench floor}: the hub's getAPIVersion next to a bare Jetty handler that answers
 * the same bytes without decoding anything, both driven by the same client in one run. The bare
 * handler is the floor that the HTTP stack and the client set; the ratio shows how much the hub
 * adds on top.
 */
@Command(name = "floor", mixinStandardHelpOptions = true,
        description = "Compare the hub's getAPIVersion with a bare Jetty handler, one client, same run.")
final class FloorCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "5", description = "seconds per measurement (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--rounds", defaultValue = "6", description = "alternating rounds; the first ones warm up the JIT (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--client", paramLabel = "KIND", defaultValue = "socket",
            description = "socket (lean, kept-alive) or jdk (java.net.http) (default: ${DEFAULT-VALUE})")
    ClientKind clientKind;

    @Override
    public Integer call() throws Exception {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        XmlRpcCodec.encodeResponse(1, reply);
        byte[] body = reply.toByteArray();
        Server bare = new Server();
        ServerConnector connector = new ServerConnector(bare);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        bare.addConnector(connector);
        bare.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Source.consumeAll(request, Callback.from(() -> {
                    response.getHeaders().put("Content-Type", "text/xml");
                    response.write(true, ByteBuffer.wrap(body), callback);
                }, callback::failed));
                return true;
            }
        });
        bare.start();
        try (BenchTarget hub = BenchTarget.inProcess(null, "bench-admin")) {
            URI bareUrl = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/kojihub");
            System.out.printf(Locale.ROOT, "getAPIVersion over XML-RPC, one client, %d s per row%n", seconds);
            System.out.printf(Locale.ROOT, "%-5s %-24s %10s%n", "round", "server", "calls/s");
            double hubRate = 0;
            double bareRate = 0;
            for (int r = 1; r <= rounds; r++) {
                bareRate = rate(bareUrl);
                hubRate = rate(hub.url());
                System.out.printf(Locale.ROOT, "%-5d %-24s %10.0f%n", r, "bare Jetty handler", bareRate);
                System.out.printf(Locale.ROOT, "%-5d %-24s %10.0f%n", r, "Koji Next hub", hubRate);
            }
            System.out.printf(Locale.ROOT, "last round: the hub answers at %.0f%% of the bare handler's rate%n",
                    100 * hubRate / bareRate);
        } finally {
            bare.stop();
        }
        return 0;
    }

    private double rate(URI url) {
        KojiClient client = clientKind.apply(KojiClient.builder(url), HttpClient.newHttpClient())
                .encoding(Encoding.XML).timeout(Duration.ofSeconds(30)).build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < end) {
            Object v = client.call("getAPIVersion");
            if (!Integer.valueOf(1).equals(v)) {
                throw new IllegalStateException("unexpected getAPIVersion reply: " + v);
            }
            n++;
        }
        return n * 1e9 / (System.nanoTime() - start);
    }
}
