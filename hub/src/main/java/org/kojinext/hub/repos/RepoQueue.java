package org.kojinext.hub.repos;

import static org.kojinext.hub.db.jooq.Tables.REPO_QUEUE;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.UpdateSetMoreStep;
import org.kojinext.hub.auth.UserStatus;
import org.kojinext.hub.auth.UserStore;
import org.kojinext.hub.db.jooq.tables.records.RepoQueueRecord;
import org.kojinext.hub.db.jooq.tables.records.UsersRecord;
import org.kojinext.hub.hosts.ChannelEditor;
import org.kojinext.hub.hosts.ChannelStore;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.tasks.TaskOptions;
import org.kojinext.hub.tasks.TaskState;
import org.kojinext.hub.tasks.TaskStore;
import org.kojinext.hub.tasks.TaskWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Koji 1.35's check_repo_queue: active requests become newRepo tasks, at most MaxRepoTasks at
 * once, owned by the RepoQueueUser, priority 15 in channel createrepo; a failed task is retried
 * until RepoRetries is spent, then the request is given up (inactive, no repository). The caller
 * holds the queue's lock, so one hub does this at a time.
 */
final class RepoQueue {
    private static final Logger log = LoggerFactory.getLogger(RepoQueue.class);

    private RepoQueue() {
    }

    /** One pass over the queue; true if it changed a request. */
    static boolean check(CallContext ctx, RepoSettings settings) {
        DSLContext db = ctx.db();
        List<Map<String, Object>> waiting = RepoRequests.list(db,
                List.of(REPO_QUEUE.REPO_ID.isNull(), REPO_QUEUE.ACTIVE.isTrue()));
        Map<Integer, Map<String, Object>> updates = new LinkedHashMap<>();
        int running = 0;
        // First pass: what became of the tasks already made.
        for (Map<String, Object> req : waiting) {
            Integer taskId = (Integer) req.get("task_id");
            if (taskId == null) {
                continue;
            }
            Map<String, Object> upd = updates.computeIfAbsent((Integer) req.get("id"), k -> new LinkedHashMap<>());
            Integer code = (Integer) req.get("task_state");
            // A task row that is gone counts as failed.
            TaskState state = code == null ? TaskState.FAILED : TaskState.of(code);
            boolean retry = false;
            if (state == TaskState.CLOSED) {
                // Normally repoDone has satisfied the request already; this catches a repo it missed.
                Map<String, Object> repo = repoOfTask(db, taskId);
                if (repo != null && RepoDone.satisfies(req, repo)) {
                    upd.put("repo_id", repo.get("id"));
                    upd.put("active", false);
                } else {
                    log.error("repo task {} of request {} gave no usable repo", taskId, req.get("id"));
                    retry = true;
                }
            } else if (state == TaskState.CANCELED || state == TaskState.FAILED) {
                log.warn("repo task {} of request {} did not complete", taskId, req.get("id"));
                retry = true;
            } else {
                running++;
            }
            if (retry) {
                if ((Integer) req.get("tries") > settings.repoRetries()) {
                    log.error("retries exhausted for repo request {}", req.get("id"));
                    upd.put("active", false);
                } else {
                    upd.put("task_id", null);
                    req.put("task_id", null);
                }
            }
        }
        // Second pass: tasks for the requests that have none, in queue order.
        Integer owner = null;
        for (Map<String, Object> req : waiting) {
            if (req.get("task_id") != null || Boolean.FALSE.equals(updates.getOrDefault(req.get("id"), Map.of())
                    .get("active"))) {
                continue;
            }
            if (running >= settings.maxRepoTasks()) {
                break;
            }
            if (owner == null) {
                owner = queueUser(db, settings.queueUser());
                ensureChannel(db);
            }
            int task = makeTask(ctx, req, owner);
            running++;
            Map<String, Object> upd = updates.computeIfAbsent((Integer) req.get("id"), k -> new LinkedHashMap<>());
            upd.put("task_id", task);
            upd.put("tries", (Integer) req.get("tries") + 1);
            log.info("created task {} for repo request {}", task, req.get("id"));
        }
        boolean changed = false;
        for (Map.Entry<Integer, Map<String, Object>> e : updates.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            UpdateSetMoreStep<RepoQueueRecord> u = db.update(REPO_QUEUE).set(REPO_QUEUE.UPDATE_TIME, RepoRequests.now());
            for (Map.Entry<String, Object> f : e.getValue().entrySet()) {
                switch (f.getKey()) {
                    case "repo_id" -> u = u.set(REPO_QUEUE.REPO_ID, (Integer) f.getValue());
                    case "active" -> u = u.set(REPO_QUEUE.ACTIVE, (Boolean) f.getValue());
                    case "task_id" -> u = u.set(REPO_QUEUE.TASK_ID, (Integer) f.getValue());
                    case "tries" -> u = u.set(REPO_QUEUE.TRIES, (Integer) f.getValue());
                    default -> throw new IllegalStateException(f.getKey());
                }
            }
            // A request satisfied by repoDone meanwhile stays as repoDone left it.
            changed |= u.where(REPO_QUEUE.ID.eq(e.getKey())).and(REPO_QUEUE.ACTIVE.isTrue()).execute() > 0;
        }
        if (changed) {
            clean(db, settings);
        }
        return changed;
    }

    /** Koji's clean_repo_queue: finished requests are kept RequestCleanTime for their callers, then deleted. */
    private static void clean(DSLContext db, RepoSettings settings) {
        db.deleteFrom(REPO_QUEUE).where(REPO_QUEUE.ACTIVE.isFalse())
                .and(REPO_QUEUE.UPDATE_TIME.lt(java.time.OffsetDateTime.now().minus(settings.requestClean())))
                .execute();
    }

    /**
     * Koji's repo_queue_task. The arguments are positional (tag, event, src, debuginfo,
     * separate_src, opts), which kojid's newRepo handler reads as Koji's keyword form.
     */
    private static int makeTask(CallContext ctx, Map<String, Object> req, int owner) {
        Map<String, Object> tagspec = new LinkedHashMap<>();
        tagspec.put("id", req.get("tag_id"));
        tagspec.put("name", req.get("tag_name"));
        Map<String, Object> opts = RepoOpts.convert(req.get("opts"), true);
        List<Object> args = new ArrayList<>(Arrays.asList(tagspec, req.get("at_event"), null, null, null, opts));
        return TaskWriter.create(ctx, "newRepo", args, TaskOptions.none().priority(RepoSettings.TASK_PRIORITY)
                .channel(RepoSettings.CHANNEL).owner(owner));
    }

    /** Koji's get_repo_from_task: the repository a finished newRepo task reported ([repo_id, event_id]). */
    static Map<String, Object> repoOfTask(DSLContext db, int taskId) {
        try {
            Object result = TaskStore.result(db, taskId, false);
            if (result instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Integer id) {
                return RepoQuery.byId(db, id);
            }
        } catch (RuntimeException e) {
            log.error("cannot read the result of task {}: {}", taskId, e.getMessage());
        }
        return null;
    }

    /** The RepoQueueUser's id, creating the user (no password, so no login) when missing. */
    static int queueUser(DSLContext db, String name) {
        UsersRecord u = UserStore.byName(db, name);
        if (u != null) {
            return u.getId();
        }
        db.insertInto(USERS).set(USERS.NAME, name).set(USERS.USERTYPE, UserStatus.TYPE_NORMAL)
                .set(USERS.STATUS, UserStatus.NORMAL).onConflictDoNothing().execute();
        return UserStore.byName(db, name).getId();
    }

    /** The createrepo channel, made when missing; hosts that make repositories must be added to it. */
    static void ensureChannel(DSLContext db) {
        if (ChannelStore.get(db, RepoSettings.CHANNEL, false) == null) {
            ChannelEditor.add(db, RepoSettings.CHANNEL, "Repository generation (newRepo, createrepo)");
        }
    }
}
