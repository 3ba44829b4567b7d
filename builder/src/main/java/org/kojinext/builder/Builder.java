package org.kojinext.builder;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kojinext.protocol.HttpTransport;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;
import org.kojinext.protocol.UrlConnectionTransport;
import org.kojinext.protocol.XmlRpcCodec;

/**
 * The builder daemon: logs in as its host user, takes the exclusive session, then holds
 * {@code host.waitTasks} calls to the hub. Each answer brings tasks assigned to this host (opened
 * and run on virtual threads, each with its own subsession) or running tasks that are no longer
 * its own (canceled, freed), which are stopped. The held call is also the heartbeat. When the hub
 * cannot be reached the builder retries with backoff; its state lives in the hub's database.
 */
public final class Builder implements Runnable {
    private static final Logger log = Logger.getLogger(Builder.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final URI hub;
    private final String user;
    private final String password;
    private final Duration hold;
    private final Map<String, Object> declared = new LinkedHashMap<>();
    private final int maxjobs;
    private final Map<String, TaskHandler> handlers;
    private final Map<Integer, Thread> running = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile KojiClient client;
    private volatile Proxy proxy;
    /** One HTTP transport for the daemon and every task's subsession, sharing kept-alive connections. */
    private volatile HttpTransport transport;
    private volatile Thread loop;

    public Builder(URI hub, String user, String password, Duration hold, int maxjobs,
                   Map<String, TaskHandler> handlers) {
        this.hub = hub;
        this.user = user;
        this.password = password;
        this.hold = hold;
        this.maxjobs = maxjobs;
        this.handlers = Map.copyOf(handlers);
    }

    /** The ids of the tasks running now. */
    public List<Integer> running() {
        return List.copyOf(running.keySet());
    }

    /**
     * Sends every call through an HTTP proxy. The held calls are ordinary POSTs that the hub
     * answers within the hold, so a proxy needs nothing special, only to allow idle responses
     * that long.
     */
    public Builder proxy(InetSocketAddress address) {
        this.proxy = new Proxy(Proxy.Type.HTTP, address);
        return this;
    }

    /**
     * What this builder says it takes: arches (space separated), capacity and channel names, each
     * null to leave it to the hub's configuration of the host, which a declaration can only narrow.
     */
    public Builder declare(String arches, Double capacity, List<String> channels) {
        declared.clear();
        if (arches != null && !arches.isBlank()) {
            declared.put("arches", arches.trim());
        }
        if (capacity != null) {
            declared.put("capacity", capacity);
        }
        if (channels != null && !channels.isEmpty()) {
            declared.put("channels", new ArrayList<Object>(channels));
        }
        return this;
    }

    private KojiClient newClient() {
        if (transport == null) {
            transport = new UrlConnectionTransport(Duration.ofSeconds(30), proxy);
        }
        return KojiClient.builder(hub).timeout(hold.plusSeconds(30)).transport(transport).build();
    }

    @Override
    public void run() {
        loop = Thread.currentThread();
        long backoff = 250;
        while (!stopped) {
            try {
                if (client == null) {
                    connect();
                }
                waitOnce();
                backoff = 250;
            } catch (KojiFault f) {
                if (stopped) {
                    break;
                }
                log.log(Level.WARNING, "hub answered " + f.getMessage() + "; logging in again");
                client = null;
                backoff = sleep(backoff);
            } catch (RuntimeException e) {
                if (stopped) {
                    break;
                }
                log.log(Level.WARNING, "hub unreachable (" + e + "); retrying in " + backoff + " ms");
                // An answer lost on the way may have opened tasks for this builder: connecting
                // again gives back every open task it is not running.
                client = null;
                backoff = sleep(backoff);
            }
        }
    }

    private long sleep(long backoff) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
        return Math.min(backoff * 2, MAX_BACKOFF.toMillis());
    }

    private void connect() {
        KojiClient c = newClient();
        c.login(user, password);
        c.call("exclusiveSession", true);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("methods", new ArrayList<Object>(handlers.keySet()));
        data.put("maxjobs", maxjobs);
        data.putAll(declared);
        c.call("host.updateHost", 0.0, true, data);
        // Tasks this host held before a restart of the builder are unknown to it now: give them back.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> open = (List<Map<String, Object>>) c.call("host.getHostTasks");
        List<Object> stale = new ArrayList<>();
        for (Map<String, Object> t : open) {
            if (!running.containsKey((Integer) t.get("id"))) {
                stale.add(t.get("id"));
            }
        }
        if (!stale.isEmpty()) {
            c.call("host.freeTasks", stale);
        }
        client = c;
    }

    @SuppressWarnings("unchecked")
    private void waitOnce() {
        KojiClient c = client;
        List<Object> ids = new ArrayList<>(running.keySet());
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("running", ids);
        kw.put("timeout", (double) hold.toSeconds());
        // The hub opens what it hands over, so a task starts with this answer, not one more round trip.
        Map<String, Object> weights = new LinkedHashMap<>();
        handlers.forEach((method, h) -> weights.put(method, h.weight()));
        kw.put("open", weights);
        Map<String, Object> answer = (Map<String, Object>) c.callKw("host.waitTasks", List.of(), kw);
        for (Object lost : (List<Object>) answer.get("lost")) {
            Thread t = running.remove((Integer) lost);
            if (t != null) {
                t.interrupt();
            }
        }
        for (Map<String, Object> opened : (List<Map<String, Object>>) answer.get("opened")) {
            startOpened(c, opened);
        }
        refuseUnhandled(c, (List<Map<String, Object>>) answer.get("assigned"));
    }

    /** Runs a task the hub opened for this builder, unless it has no room after all: then it goes back. */
    private void startOpened(KojiClient c, Map<String, Object> info) {
        int id = (Integer) info.get("id");
        Map<?, ?> session = (Map<?, ?>) info.get("session");
        if (running.size() >= maxjobs) {
            c.call("host.refuseTask", id, true, "too many jobs");
            endSubsession(session);
            return;
        }
        start(id, handlers.get((String) info.get("method")), session, (String) info.get("request"));
    }

    private void endSubsession(Map<?, ?> session) {
        KojiClient spare = newClient();
        spare.setSession((Integer) session.get("session-id"), (String) session.get("session-key"));
        try {
            spare.logout();
        } catch (RuntimeException ignored) {
            // it ends with the master session anyway
        }
    }

    /**
     * Refuses, for good, what the hub assigned but left unopened: tasks of methods this builder
     * named no weight for in its held call, so has no handler for.
     */
    private static void refuseUnhandled(KojiClient c, List<Map<String, Object>> assigned) {
        for (Map<String, Object> task : assigned) {
            c.call("host.refuseTask", task.get("id"), false, "no handler for method " + task.get("method"));
        }
    }

    @SuppressWarnings("unchecked")
    private void start(int id, TaskHandler handler, Map<?, ?> sub, String request) {
        KojiClient session = newClient();
        session.setSession((Integer) sub.get("session-id"), (String) sub.get("session-key"));
        List<Object> args = (List<Object>) (List<?>) decodeArgs(request);
        Thread t = Thread.ofVirtual().name("task-" + id).unstarted(() -> execute(id, handler, session, args));
        running.put(id, t);
        t.start();
    }

    private static List<?> decodeArgs(String request) {
        try {
            return XmlRpcCodec.decodeCall(new java.io.ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                    org.kojinext.protocol.DecodeLimits.DEFAULT).args();
        } catch (Exception e) {
            throw KojiFault.generic("cannot read task request: " + e.getMessage());
        }
    }

    private void execute(int id, TaskHandler handler, KojiClient session, List<Object> args) {
        boolean loggedOut = false;
        try {
            String response;
            boolean failed = false;
            try {
                Object result = handler.run(new TaskContext(id, session, hold.toSeconds()), args);
                response = text(XmlRpcCodec.response(result).toByteArray());
            } catch (InterruptedException e) {
                // Canceled or taken back by the hub: there is nobody to report to.
                return;
            } catch (KojiFault f) {
                failed = true;
                response = text(XmlRpcCodec.fault(f.code(), f.getMessage()).toByteArray());
            } catch (Exception e) {
                failed = true;
                response = text(XmlRpcCodec.fault(1, e.getClass().getSimpleName() + ": " + e.getMessage()).toByteArray());
            }
            // Still listed as running (and counted against maxjobs) while the report travels: the
            // hub does not call a task lost that its own host closed or failed.
            if (running.containsKey(id)) {
                // The report and the subsession's logout travel together: one request, not two.
                List<Object> out = session.multicall(List.of(
                        new RpcCall(failed ? "host.failTask" : "host.closeTask", List.of(id, response), Map.of()),
                        new RpcCall("logout", List.of(), Map.of())));
                loggedOut = true;
                if (out.getFirst() instanceof KojiFault f) {
                    log.log(Level.WARNING, "task " + id + " not reported: " + f.getMessage());
                }
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "task " + id + " could not report: " + e.getMessage());
        } finally {
            running.remove(id);
            if (!loggedOut) {
                try {
                    session.logout();
                } catch (RuntimeException ignored) {
                    // the subsession ends with its master anyway
                }
            }
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Stops as a killed process would: no more calls, running tasks abandoned (their threads
     * interrupted before they report), the session left open.
     */
    public void kill() {
        stopped = true;
        for (Thread t : running.values()) {
            t.interrupt();
        }
        running.clear();
        Thread l = loop;
        if (l != null) {
            l.interrupt();
        }
    }
}
