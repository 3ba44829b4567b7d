package org.kojinext.hub.repos;

import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.REPO;
import static org.kojinext.hub.db.jooq.Tables.REPO_QUEUE;
import static org.kojinext.hub.db.jooq.Tables.TAG_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTRA;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.tasks.TaskOptions;
import org.kojinext.hub.tasks.TaskState;
import org.kojinext.protocol.KojiArgs;

/**
 * Repositories kept current without anyone asking: every tag that is the build tag of a build
 * target, or has extra {@code repo.auto} true, gets a request for a repository no older than its
 * last change (inheritance counted) when it has none, owned by the RepoQueueUser, at Koji's
 * priority for automatic requests (5 below the default, so requests made on demand go first).
 *
 * <p>Bursts make one request: a tag is skipped while a request for it with default options is
 * still waiting for its task to start, because that task's repoInit takes the newest event when
 * it runs and so covers every change committed before it. (Koji's kojira reaches the same with
 * a lag window instead; Koji Next asks for the change itself, and coalesces here.)
 */
final class AutoRegen {
    /** Koji's priority for automatic requests, relative to the default. */
    private static final int AUTO_PRIORITY = 5;

    private AutoRegen() {
    }

    /** @return how many requests were made */
    static int run(DSLContext db, RepoSettings settings) {
        int made = 0;
        Integer owner = null;
        for (int tagId : candidates(db)) {
            Integer last = TagContent.lastChange(db, tagId, null);
            if (last == null || current(db, tagId, last)) {
                continue;
            }
            if (owner == null) {
                owner = RepoQueue.queueUser(db, settings.queueUser());
            }
            Map<String, Object> r = RepoRequests.request(db, tagId, null, last, new LinkedHashMap<>(),
                    TaskOptions.PRIO_DEFAULT + AUTO_PRIORITY, owner, false);
            if (r.get("request") != null && !Boolean.TRUE.equals(r.get("duplicate"))) {
                made++;
            }
        }
        return made;
    }

    /** Build tags of targets and tags with repo.auto, that exist now. */
    private static Set<Integer> candidates(DSLContext db) {
        Set<Integer> tags = new TreeSet<>(db.selectDistinct(BUILD_TARGET_CONFIG.BUILD_TAG).from(BUILD_TARGET_CONFIG)
                .where(BUILD_TARGET_CONFIG.ACTIVE.isTrue()).fetch(BUILD_TARGET_CONFIG.BUILD_TAG));
        for (var r : db.select(TAG_EXTRA.TAG_ID, TAG_EXTRA.VALUE).from(TAG_EXTRA)
                .where(TAG_EXTRA.KEY.eq("repo.auto"), TAG_EXTRA.ACTIVE.isTrue()).fetch()) {
            if (r.value2() == null) {
                continue;
            }
            try {
                if (KojiArgs.truthy(ExtraJson.decode(r.value2(), "bad repo.auto"))) {
                    tags.add(r.value1());
                }
            } catch (RuntimeException ignored) {
                // as Koji: a value that is not JSON is ignored
            }
        }
        Set<Integer> live = new TreeSet<>(db.select(TAG_CONFIG.TAG_ID).from(TAG_CONFIG)
                .where(TAG_CONFIG.ACTIVE.isTrue(), TAG_CONFIG.TAG_ID.in(tags)).fetch(TAG_CONFIG.TAG_ID));
        tags.retainAll(live);
        return tags;
    }

    /**
     * Whether the tag has, or will have without a new request, a default-options repository
     * made at or after {@code last}.
     */
    private static boolean current(DSLContext db, int tagId, int last) {
        if (RepoQuery.best(db, tagId, last, null, Map.of()) != null) {
            return true;
        }
        for (Map<String, Object> repo : RepoQuery.list(db, List.of(REPO.TAG_ID.eq(tagId), REPO.STATE.eq(RepoState.INIT),
                REPO.DIST.isFalse(), REPO.CREATE_EVENT.ge(last)))) {
            Map<String, Object> custom = RepoQuery.asMap(repo.get("custom_opts"));
            if (custom != null && custom.isEmpty()) {
                return true;
            }
        }
        for (Map<String, Object> req : RepoRequests.list(db, List.of(REPO_QUEUE.TAG_ID.eq(tagId),
                REPO_QUEUE.ACTIVE.isTrue(), REPO_QUEUE.AT_EVENT.isNull()))) {
            Map<String, Object> opts = RepoQuery.asMap(req.get("opts"));
            if (opts == null || !opts.isEmpty()) {
                continue;
            }
            Integer task = (Integer) req.get("task_state");
            boolean notStarted = req.get("task_id") == null || task != null
                    && (task == TaskState.FREE.code() || task == TaskState.ASSIGNED.code());
            if ((Integer) req.get("min_event") >= last || notStarted) {
                return true;
            }
        }
        return false;
    }
}
