package org.kojinext.hub.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.kojinext.hub.api.IntrospectionApi;
import org.kojinext.hub.config.HubConfig;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.scheduler.Dispatch;
import org.kojinext.hub.rpc.RequestRunner;
import org.kojinext.hub.storage.Uploads;
import org.kojinext.hub.storage.Volumes;

/**
 * The hub's HTTP face: one endpoint, {@code /kojihub}, POST only, speaking XML-RPC or JSON-RPC by
 * the request's content type (or taking a rawUpload chunk), and the default volume's files,
 * read-only, under {@code /kojifiles}. Handlers run on virtual threads.
 */
public final class HubServer implements AutoCloseable {
    public static final String PATH = "/kojihub";
    public static final String ACCEPT_POST = "text/xml, application/json";
    /** Pending connections the kernel may queue for us (capped by net.core.somaxconn). */
    private static final int ACCEPT_QUEUE = 1024;

    private final Javalin app;
    private final LongAdder requests;

    private HubServer(Javalin app, LongAdder requests) {
        this.app = app;
        this.requests = requests;
    }

    public static HubServer start(HubConfig config, RequestRunner runner, Database database, Dispatch dispatch,
                                  Volumes volumes, Uploads uploads) {
        TaskEventsEndpoint events = new TaskEventsEndpoint(database, dispatch);
        XmlRpcEndpoint xml = new XmlRpcEndpoint(runner, config.decodeLimits());
        JsonRpcEndpoint json = new JsonRpcEndpoint(runner, config.decodeLimits());
        UploadEndpoint upload = new UploadEndpoint(runner, uploads, xml);
        RpcEndpoint endpoint = new RpcEndpoint(xml, json, upload, config.maxRequestLength());
        FilesEndpoint files = new FilesEndpoint(volumes.defaultVolume());
        LongAdder requests = new LongAdder();
        Javalin app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            // Java's default listen backlog is 50: a burst of new connections beyond it was reset.
            // Set it on every connector just before the server opens them.
            cfg.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (Connector c : server.getConnectors()) {
                        if (c instanceof ServerConnector sc) {
                            sc.setAcceptQueueSize(ACCEPT_QUEUE);
                            // A builder's held call (host.waitTasks) is silent for up to the hold time.
                            long idle = config.dispatch().holdTimeout().plusSeconds(30).toMillis();
                            sc.setIdleTimeout(Math.max(sc.getIdleTimeout(), idle));
                        }
                    }
                }
            }));
            // The endpoint enforces Koji's MaxRequestLength itself, answering 400 as Koji does.
            cfg.http.maxRequestSize = Long.MAX_VALUE;
            cfg.routes.before(ctx -> {
                requests.increment();
                ctx.header("Koji-Version", IntrospectionApi.KOJI_VERSION);
                // Tells a client that this hub also speaks JSON-RPC (Koji's hub never says so).
                ctx.header("Accept-Post", ACCEPT_POST);
            });
            cfg.routes.post(PATH, endpoint::handle);
            for (HandlerType verb : new HandlerType[] {HandlerType.GET, HandlerType.HEAD}) {
                cfg.routes.addHttpHandler(verb, FilesEndpoint.PREFIX + "/<path>", files::handle);
            }
            cfg.routes.get(TaskEventsEndpoint.PATH, new io.javalin.http.sse.SseHandler(events::stream));
            for (HandlerType verb : new HandlerType[] {HandlerType.GET, HandlerType.PUT, HandlerType.DELETE,
                    HandlerType.PATCH}) {
                cfg.routes.addHttpHandler(verb, PATH, HubServer::methodNotAllowed);
            }
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                org.slf4j.LoggerFactory.getLogger(HubServer.class).error("unhandled error", e);
                try {
                    ctx.status(500).contentType("text/plain").result("Internal server error");
                } catch (IllegalStateException gone) {
                    // The response was recycled (its client went away): there is no one left to tell,
                    // and throwing here would make Javalin report the failure again, in a loop.
                }
            });
        });
        app.start();
        return new HubServer(app, requests);
    }

    /**
     * HTTP requests received since the start, whatever their path or outcome: what idle builders
     * cost the hub is measured with it ({@code bench tasks}).
     */
    public long requestsReceived() {
        return requests.sum();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void methodNotAllowed(Context ctx) {
        ctx.status(405).header("Allow", "POST").contentType("text/plain").result("Method Not Allowed");
    }
}
