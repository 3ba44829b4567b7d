package org.kojinext.builder.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's waitrepo(tag, newer_than=None, nvrs=None, min_event=None), weight 0.2: requests a repo of
 * the tag and waits for it. Where Koji's RepoWatcher checks every few seconds, this waits on the
 * hub's held repo.waitRequest call, which returns as soon as the request is settled.
 */
public final class WaitRepo implements TaskHandler {
    /** Koji's WaitrepoTask.TIMEOUT, 120 minutes. */
    static final Duration TIMEOUT = Duration.ofMinutes(120);

    @Override
    public double weight() {
        return 0.2;
    }

    @Override
    public Object run(TaskContext task, List<Object> args) {
        if (args.isEmpty()) {
            throw KojiFault.parameter("waitrepo needs a tag");
        }
        Object newerThan = args.size() > 1 ? args.get(1) : null;
        Object nvrs = args.size() > 2 ? args.get(2) : null;
        Object minEvent = args.size() > 3 ? args.get(3) : null;
        if (newerThan != null) {
            if (minEvent != null) {
                throw KojiFault.generic("newer_than and min_event args confict");
            }
            if (!"now".equalsIgnoreCase(String.valueOf(newerThan))) {
                throw KojiFault.generic("Invalid value for newer_than: " + newerThan
                        + " (Koji Next accepts only \"now\"; use min_event)");
            }
            minEvent = "last";
        }
        if (nvrs instanceof List<?> l && !l.isEmpty()) {
            Object tagged = taggedEvent(task.session(), args.get(0), l);
            minEvent = minEvent == null || "last".equals(minEvent) ? tagged
                    : Math.max(((Number) minEvent).intValue(), ((Number) tagged).intValue());
        }
        return request(task.session(), args.get(0), minEvent, task.holdSeconds());
    }

    /**
     * Koji's BaseTaskHandler.getRepo: a current repo of the tag at once if there is one, else a
     * waitrepo subtask, waited for, so the wait shows in the task tree.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> getRepo(TaskContext task, Object tag, Object minEvent) {
        if ("last".equals(minEvent)) {
            // As Koji's RepoWatcher: "last" is the tag's last change, inheritance included.
            minEvent = task.session().call("tagLastChangeEvent", tag);
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        if (minEvent != null) {
            kw.put("min_event", minEvent);
        }
        Object repo = task.session().callKw("repo.get", List.of(tag), kw);
        if (repo instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> info = (Map<String, Object>) task.session().call("getTag", tag);
        List<Object> args = new ArrayList<>();
        args.add(info == null ? tag : info.get("name"));
        args.add(null);
        args.add(null);
        args.add(minEvent);
        int sub = BuildTask.subtask(task, "waitrepo", args, null, "noarch");
        return (Map<String, Object>) BuildTask.resultOf(task.waitAll(List.of(sub), null), sub);
    }

    /**
     * The event by which every build of nvrs was in the tag (inheritance included), so a repo
     * made at or after it has them all. Koji's watcher waits for a build still to be tagged; here
     * the builds of a chain build are tagged before the wait, so a missing one is an error.
     */
    @SuppressWarnings("unchecked")
    private static Object taggedEvent(KojiClient s, Object tag, List<?> nvrs) {
        List<Map<String, Object>> tagged = (List<Map<String, Object>>) s.callKw("listTagged", List.of(tag),
                Map.of("inherit", true));
        int latest = 0;
        for (Object nvr : nvrs) {
            Map<String, Object> b = tagged.stream().filter(t -> nvr.equals(t.get("nvr"))).findFirst()
                    .orElseThrow(() -> KojiFault.generic("build " + nvr + " is not in tag " + tag));
            latest = Math.max(latest, ((Number) b.get("create_event")).intValue());
        }
        return latest;
    }

    /** repo.request, then held repo.waitRequest calls until the request is settled. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> request(KojiClient s, Object tag, Object minEvent, double holdSeconds) {
        Map<String, Object> kw = new LinkedHashMap<>();
        if (minEvent != null) {
            kw.put("min_event", minEvent);
        }
        Map<String, Object> answer = (Map<String, Object>) s.callKw("repo.request", List.of(tag), kw);
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            if (answer.get("repo") instanceof Map<?, ?> repo) {
                return (Map<String, Object>) repo;
            }
            Map<String, Object> req = (Map<String, Object>) answer.get("request");
            if (req == null) {
                throw KojiFault.generic("repo.request for " + tag + " gave neither a repo nor a request");
            }
            if (!BuildTask.truthy(req.get("active"))) {
                throw new KojiFault(FaultCode.GENERIC, "repo request " + req.get("id") + " for " + tag
                        + " ended without a repo" + (req.get("task_id") != null
                        ? " (see task " + req.get("task_id") + ")" : ""));
            }
            if (Instant.now().isAfter(deadline)) {
                throw KojiFault.generic("Timed out waiting for a repo of " + tag + " (request " + req.get("id") + ")");
            }
            answer = (Map<String, Object>) s.call("repo.waitRequest", req.get("id"), holdSeconds);
        }
    }
}
