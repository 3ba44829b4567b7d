package org.kojinext.hub.http;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.scheduler.Dispatch;
import org.kojinext.hub.scheduler.TaskWatch;

/**
 * {@code GET /kojihub/events?task=ID}: a server-sent-event stream of the task tree's state
 * changes (event "task", JSON data: id, state, host_id, parent, waiting, priority), first the
 * tree as it is, then each change as it commits on any hub. Anonymous, as getTaskInfo is. A
 * comment every 30 s keeps proxies from closing an idle stream.
 */
final class TaskEventsEndpoint {
    static final String PATH = HubServer.PATH + "/events";
    private static final Duration KEEPALIVE = Duration.ofSeconds(30);

    private final Database database;
    private final Dispatch dispatch;

    TaskEventsEndpoint(Database database, Dispatch dispatch) {
        this.database = database;
        this.dispatch = dispatch;
    }

    void stream(SseClient client) {
        String task = client.ctx().queryParam("task");
        if (task == null || !task.matches("\\d{1,9}")) {
            client.close();
            return;
        }
        try (TaskWatch watch = TaskWatch.open(database, dispatch, Integer.parseInt(task))) {
            while (!client.terminated()) {
                Map<String, Object> change = watch.next(KEEPALIVE);
                if (change == null) {
                    client.sendComment("keepalive");
                } else {
                    client.sendEvent("task", ExtraJson.encode(change), String.valueOf(change.get("id")));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }
}
