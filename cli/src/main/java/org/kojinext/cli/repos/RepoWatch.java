package org.kojinext.cli.repos;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.builds.Nvr;
import org.kojinext.cli.watch.TaskStates;

/**
 * What Koji's RepoWatcher does for request-repo, regen-repo and wait-repo: asks the hub for a
 * repository of a tag (repo.request), and waits until a repository satisfies the conditions
 * (event, options, builds present) or the timeout passes. Waiting polls every poll_interval
 * seconds, as Koji's. Progress messages go to stdout at Koji's logging levels (-v info, -d debug).
 */
public final class RepoWatch {
    /** The failure Koji's watcher raises; commands print "Failed to get repo -- " + message. */
    public static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private final HubLink hub;
    private final Map<String, Object> tag;
    private final List<String> nvrs;
    private final List<Map<String, Object>> builds = new ArrayList<>();
    private final Object atEvent;
    private final Integer minEvent;
    private final Object opts;
    private final PrintStream out;
    private final int level;
    private long pauseMillis;
    private long timeoutMillis;
    private long start;

    /**
     * @param minEvent null, "last" (the tag's last change) or an event id
     * @param level    0 errors only (quiet), 1 warnings, 2 info (verbose), 3 debug
     */
    public RepoWatch(HubLink hub, Object tagId, List<String> nvrs, Object minEvent, Object atEvent, Object opts,
                     PrintStream out, int level) {
        this.hub = hub;
        this.tag = Py.map(hub.callKw("getTag", List.of(tagId), Map.of("strict", true)));
        this.nvrs = nvrs;
        for (String nvr : nvrs) {
            builds.add(Nvr.parseNvr(nvr));
        }
        if (minEvent != null && atEvent != null) {
            throw new CliFailure("ParameterError: Cannot specify both min_event and at_event");
        }
        this.minEvent = "last".equals(minEvent) ? lastChange() : Py.intOf(minEvent);
        this.atEvent = atEvent;
        this.opts = opts;
        this.out = out;
        this.level = level;
        this.pauseMillis = Math.max(1, hub.profile().integer("poll_interval")) * 1000L;
        this.timeoutMillis = 120 * 60_000L;
    }

    public RepoWatch timeoutMinutes(int minutes) {
        this.timeoutMillis = minutes * 60_000L;
        return this;
    }

    public Map<String, Object> tag() {
        return tag;
    }

    /** repo.request with this watcher's conditions: {repo, request, ...}. */
    public Map<String, Object> request(Integer min) {
        info("Requesting a repo");
        Map<String, Object> kw = new HashMap<>();
        kw.put("min_event", min != null ? min : minEvent);
        kw.put("at_event", atEvent);
        kw.put("opts", opts);
        return Py.map(hub.callKw("repo.request", List.of(tag.get("id")), kw));
    }

    /** Waits until the request yields a repository; Failed when it times out or is given up. */
    public Map<String, Object> waitRequest(Map<String, Object> req) {
        startClock();
        List<String> fields = List.of("task_id", "task_state", "repo_id", "active", "tries");
        Map<String, Object> seen = new HashMap<>();
        for (String f : fields) {
            seen.put(f, req.get(f));
        }
        while (true) {
            Map<String, Object> check = Py.map(hub.call("repo.checkRequest", req.get("id")));
            if (check.get("repo") != null) {
                return Py.map(check.get("repo"));
            }
            Map<String, Object> now = Py.map(check.get("request"));
            for (String f : fields) {
                Object before = seen.get(f);
                Object after = now.get(f);
                if (!Objects.equals(before, after)) {
                    seen.put(f, after);
                    if (f.equals("task_state")) {
                        before = before == null ? null : TaskStates.name(before);
                        after = after == null ? null : TaskStates.name(after);
                    }
                    info("Request updated: " + f + ": " + Py.str(before) + " -> " + Py.str(after));
                }
            }
            if (timedOut()) {
                throw new Failed("Unsuccessfully waited " + duration() + " for a new " + tag.get("name") + " repo");
            }
            if (!Py.truthy(now.get("active"))) {
                if (now.get("task_id") != null) {
                    error("Task " + now.get("task_id") + " state is " + TaskStates.name(now.get("task_state")));
                }
                throw new Failed("Repo request no longer active");
            }
            pause();
        }
    }

    /**
     * wait-repo's loop: anonymous callers look for a fitting repository, logged-in ones request
     * one; with builds, first wait for them to be tagged.
     */
    public Map<String, Object> waitRepo(boolean anon) {
        info("Waiting on repo for " + tag.get("name"));
        startClock();
        Integer min = minEvent;
        Map<String, Object> req = null;
        while (true) {
            if (req != null) {
                Map<String, Object> repo = waitRequest(req);
                if (satisfies(repo)) {
                    return repo;
                }
                min = lastChange();
                error("Repo request did not satisfy conditions");
            } else if (anon) {
                Map<String, Object> kw = new HashMap<>();
                kw.put("min_event", min);
                kw.put("at_event", atEvent);
                kw.put("opts", opts);
                Object repo = hub.callKw("repo.get", List.of(tag.get("id")), kw);
                if (repo != null && satisfies(Py.map(repo))) {
                    return Py.map(repo);
                }
            }
            if (!builds.isEmpty()) {
                waitBuilds();
                min = lastChange();
            }
            if (!anon) {
                Map<String, Object> check = request(min);
                if (check.get("repo") != null) {
                    if (satisfies(Py.map(check.get("repo")))) {
                        return Py.map(check.get("repo"));
                    }
                } else {
                    req = Py.map(check.get("request"));
                    info("Got request: " + req.get("id"));
                    if (min == null) {
                        min = Py.intOf(req.get("min_event"));
                    }
                }
            }
            if (timedOut()) {
                throw new Failed(builds.isEmpty()
                        ? "Unsuccessfully waited " + duration() + " for a new " + tag.get("name") + " repo"
                        : "Unsuccessfully waited " + duration() + " for " + list(nvrs) + " to appear in the "
                        + tag.get("name") + " repo");
            }
            pause();
        }
    }

    private void waitBuilds() {
        info("Waiting for nvrs " + nvrs + " in tag " + tag.get("name"));
        while (!buildsPresent(null)) {
            if (timedOut()) {
                throw new Failed("Unsuccessfully waited " + duration() + " for " + list(nvrs) + " to appear in the "
                        + tag.get("name") + " repo");
            }
            pause();
        }
    }

    private boolean satisfies(Map<String, Object> repo) {
        if (!Objects.equals(Py.intOf(repo.get("tag_id")), Py.intOf(tag.get("id")))) {
            error("Got repo for wrong tag, expected " + tag.get("id") + ", got " + repo.get("tag_id"));
            return false;
        }
        int created = Py.intOf(repo.get("create_event"));
        if (atEvent != null) {
            if (created != Py.intOf(atEvent)) {
                info("Got repo with wrong event. " + created + " != " + atEvent);
                return false;
            }
        } else if (minEvent != null && created < minEvent) {
            info("Got repo before min event. " + created + " < " + minEvent);
            return false;
        }
        if (opts != null && !Objects.equals(repo.get("opts"), opts)) {
            info("Got repo with wrong opts. " + Py.str(repo.get("opts")) + " != " + Py.str(opts));
            return false;
        }
        if (!builds.isEmpty() && !buildsPresent(created)) {
            info("Got repo without needed builds");
            return false;
        }
        return true;
    }

    /** Koji's checkForBuilds: each build's version and release are tagged (with inheritance) at the event. */
    private boolean buildsPresent(Integer event) {
        for (Map<String, Object> b : builds) {
            Map<String, Object> kw = new HashMap<>();
            kw.put("event", event);
            kw.put("package", b.get("name"));
            kw.put("inherit", true);
            boolean found = false;
            for (Map<String, Object> t : Py.maps(hub.callKw("listTagged", List.of(tag.get("id")), kw))) {
                if (Objects.equals(t.get("version"), b.get("version")) && Objects.equals(t.get("release"), b.get("release"))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private Integer lastChange() {
        return Py.intOf(hub.call("tagLastChangeEvent", tag.get("id")));
    }

    private void startClock() {
        if (start == 0) {
            start = System.currentTimeMillis();
        }
    }

    private boolean timedOut() {
        return System.currentTimeMillis() - start > timeoutMillis;
    }

    private void pause() {
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
    }

    /** Koji's duration(): minutes:seconds since the clock started. */
    private String duration() {
        long s = (System.currentTimeMillis() - start) / 1000;
        return (s / 60) + ":" + String.format("%02d", s % 60);
    }

    /** Koji's printList: "a", "a and b", "a, b, and c". */
    static String list(List<String> items) {
        return switch (items.size()) {
            case 0 -> "";
            case 1 -> items.get(0);
            case 2 -> items.get(0) + " and " + items.get(1);
            default -> String.join(", ", items.subList(0, items.size() - 1)) + ", and " + items.getLast();
        };
    }

    private void info(String message) {
        if (level >= 2) {
            out.println(message);
        }
    }

    private void error(String message) {
        out.println(message);
    }

    /** Sets the pause between polls (tests). */
    public RepoWatch pauseMillis(long millis) {
        this.pauseMillis = millis;
        return this;
    }
}
