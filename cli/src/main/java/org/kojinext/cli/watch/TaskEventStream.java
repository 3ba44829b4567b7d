package org.kojinext.cli.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.kojinext.cli.Literals;

/**
 * A Koji Next hub's task event stream, {@code GET <server>/events?task=ID} as server-sent events:
 * each {@code task} event's JSON data goes to the listener. When the connection drops the stream
 * reconnects with a growing pause; the hub then sends the tree as it is again, so a watcher that
 * compares states loses no change of state, only the steps it missed in between.
 */
public final class TaskEventStream implements AutoCloseable {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

    private final HttpClient http;
    private final HttpRequest request;
    private final Consumer<Map<String, Object>> listener;
    private volatile boolean closed;
    private volatile InputStream body;
    private Thread reader;

    private TaskEventStream(HttpClient http, HttpRequest request, Consumer<Map<String, Object>> listener) {
        this.http = http;
        this.request = request;
        this.listener = listener;
    }

    /** The events URL of a hub whose RPC URL is {@code server} (…/kojihub → …/kojihub/events). */
    public static URI eventsUri(URI server, int task) {
        String s = server.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s + "/events?task=" + task);
    }

    /**
     * Connects and starts delivering events on a thread of its own; null when the hub offers no
     * event stream (a Koji hub answers 404 or 405, or something that is not an event stream).
     *
     * @throws IOException when the hub cannot be reached at all
     */
    public static TaskEventStream open(URI server, int task, Duration connectTimeout,
                                       Consumer<Map<String, Object>> listener) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).build();
        HttpRequest req = HttpRequest.newBuilder(eventsUri(server, task))
                .header("Accept", "text/event-stream").GET().build();
        TaskEventStream s = new TaskEventStream(http, req, listener);
        InputStream first = s.connect();
        if (first == null) {
            http.close();
            return null;
        }
        s.body = first;
        s.reader = Thread.ofVirtual().name("task-events-" + task).start(s::run);
        return s;
    }

    /** The body of a successful event-stream answer, or null for any other answer. */
    private InputStream connect() throws IOException, InterruptedException {
        HttpResponse<InputStream> resp = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        boolean sse = resp.statusCode() == 200 && resp.headers().firstValue("Content-Type")
                .map(v -> v.startsWith("text/event-stream")).orElse(false);
        if (!sse) {
            resp.body().close();
            return null;
        }
        return resp.body();
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        while (!closed) {
            InputStream in = body;
            if (in != null) {
                try {
                    if (read(in)) {
                        pause = FIRST_PAUSE;
                    }
                } catch (IOException e) {
                    // the connection dropped: reconnect below
                } finally {
                    close(in);
                }
            }
            body = null;
            if (closed) {
                return;
            }
            try {
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
                body = connect();
            } catch (IOException e) {
                // the hub is away: try again after a longer pause
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads events until the stream ends; true if any arrived. */
    private boolean read(InputStream in) throws IOException {
        boolean any = false;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String event = null;
        StringBuilder data = new StringBuilder();
        for (String line; (line = r.readLine()) != null && !closed; ) {
            if (line.isEmpty()) {
                if ("task".equals(event) && !data.isEmpty()) {
                    deliver(data.toString());
                    any = true;
                }
                event = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = field(line, 6);
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(field(line, 5));
            }
        }
        return any;
    }

    @SuppressWarnings("unchecked")
    private void deliver(String json) {
        Object v;
        try {
            v = Literals.json(json);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (v instanceof Map<?, ?> m) {
            listener.accept((Map<String, Object>) m);
        }
    }

    private static String field(String line, int from) {
        String v = line.substring(from);
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read from it anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream in = body;
        if (in != null) {
            close(in);
        }
        if (reader != null) {
            reader.interrupt();
        }
        http.shutdownNow();
    }
}
