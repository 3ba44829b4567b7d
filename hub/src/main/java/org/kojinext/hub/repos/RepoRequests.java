package org.kojinext.hub.repos;

import static org.kojinext.hub.db.jooq.Tables.REPO_QUEUE;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TASK;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.history.EventLookup;
import org.kojinext.hub.tags.TagInfo;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.hub.tasks.TaskOptions;
import org.kojinext.hub.tasks.TaskStore;
import org.kojinext.protocol.KojiFault;

/**
 * Repository requests (Koji 1.35's request_repo, check_repo_request, RepoQueueQuery): a request
 * asks for a READY repository of a tag no older than min_event (or made at at_event) with given
 * options. An equal request that is still active is reused instead of queued twice.
 */
public final class RepoRequests {
    private RepoRequests() {
    }

    /** What the caller asked; {@code minEvent} may be the string "last". */
    public record Ask(Object tag, Object minEvent, Object atEvent, Object opts, Object priority, boolean force) {
    }

    /**
     * Koji's request_repo: the matching repository if one exists (unless force), else the
     * matching active request (its priority raised to this one's if more urgent, duplicate
     * True), else a new request owned by {@code owner}.
     *
     * @param admin whether the caller may ask for a higher priority than the default
     */
    public static Map<String, Object> request(DSLContext db, Ask ask, int owner, boolean admin, RepoSettings settings) {
        TagInfo tag = TagStore.get(db, ask.tag(), true, null);
        Map<String, Object> opts = RepoOpts.convert(ask.opts(), true);
        if (Boolean.TRUE.equals(opts.get("maven"))) {
            throw KojiFault.generic("Maven support not enabled");
        }
        Integer atEvent = null;
        int minEvent;
        if (ask.atEvent() != null) {
            if (ask.minEvent() != null) {
                throw KojiFault.parameter("The min_event and at_event options conflict");
            }
            atEvent = existingEvent(db, ask.atEvent());
            minEvent = 0;
        } else if ("last".equals(ask.minEvent())) {
            minEvent = Objects.requireNonNullElse(TagContent.lastChange(db, tag.id(), null), 0);
        } else if (ask.minEvent() == null) {
            minEvent = defaultMinEvent(db, tag.id(), TagStore.extra(db, tag.id(), null).get("repo.lag"),
                    settings.repoLag(), settings);
        } else {
            minEvent = existingEvent(db, ask.minEvent());
        }
        int priority = TaskOptions.PRIO_DEFAULT;
        if (ask.priority() != null) {
            int relative = EventLookup.toInt(ask.priority());
            // As for builds, the priority asked is relative to the default.
            if (relative < 0 && !admin) {
                throw KojiFault.notAllowed("only admins may create high-priority requests");
            }
            priority += relative;
        }
        return request(db, tag.id(), atEvent, atEvent == null ? minEvent : null, opts, priority, owner, ask.force());
    }

    /** request_repo once its arguments are settled; the automatic requests call it too. */
    static Map<String, Object> request(DSLContext db, int tagId, Integer atEvent, Integer minEvent,
                                       Map<String, Object> opts, int priority, int owner, boolean force) {
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("repo", null);
        ret.put("request", null);
        ret.put("duplicate", false);
        if (!force) {
            Map<String, Object> repo = RepoQuery.best(db, tagId, minEvent, atEvent, opts);
            if (repo != null) {
                ret.put("repo", repo);
                return ret;
            }
        }
        List<Condition> where = new ArrayList<>(List.of(REPO_QUEUE.TAG_ID.eq(tagId), REPO_QUEUE.ACTIVE.isTrue()));
        where.add(atEvent != null ? REPO_QUEUE.AT_EVENT.eq(atEvent) : REPO_QUEUE.MIN_EVENT.ge(minEvent));
        for (Map<String, Object> req : list(db, where)) {
            if (!opts.equals(req.get("opts"))) {
                continue;
            }
            if ((Integer) req.get("priority") > priority) {
                db.update(REPO_QUEUE).set(REPO_QUEUE.PRIORITY, priority).where(REPO_QUEUE.ID.eq((Integer) req.get("id")))
                        .execute();
                req.put("priority", priority);
            }
            ret.put("request", req);
            ret.put("duplicate", true);
            return ret;
        }
        int id = db.insertInto(REPO_QUEUE).set(REPO_QUEUE.OWNER, owner).set(REPO_QUEUE.PRIORITY, priority)
                .set(REPO_QUEUE.TAG_ID, tagId).set(REPO_QUEUE.AT_EVENT, atEvent).set(REPO_QUEUE.MIN_EVENT, minEvent)
                .set(REPO_QUEUE.OPTS, JSON.valueOf(ExtraJson.encode(opts)))
                .returning(REPO_QUEUE.ID).fetchSingle().getId();
        ret.put("request", byId(db, id));
        return ret;
    }

    /**
     * Koji's default_min_event: the tag's last change, unless that is recent; then the newest
     * event older than the lag (repo.lag in the tag's extra, else RepoLag), rounded down to
     * RepoLagWindow so that requests close in time share it.
     */
    static int defaultMinEvent(DSLContext db, int tagId, Object tagLag, java.time.Duration defaultLag,
                               RepoSettings settings) {
        Integer last = TagContent.lastChange(db, tagId, null);
        long lag = tagLag instanceof Integer i ? i : defaultLag.toSeconds();
        long window = settings.repoLagWindow().toSeconds();
        double now = System.currentTimeMillis() / 1000.0;
        double base = Math.floor((now - lag) / window) * window;
        Map<String, Object> ev = EventLookup.last(db, base, false);
        Integer baseEvent = ev != null ? (Integer) ev.get("id") : TagContent.created(db, tagId);
        if (last == null) {
            return baseEvent == null ? 0 : baseEvent;
        }
        return baseEvent == null ? last : Math.min(baseEvent, last);
    }

    private static int existingEvent(DSLContext db, Object raw) {
        int ev = EventLookup.toInt(raw);
        if (EventLookup.get(db, ev, false) == null) {
            throw KojiFault.parameter("Invalid event: " + ev);
        }
        return ev;
    }

    /** Koji's check_repo_request: {request, repo}, and the task's info while there is no repository. */
    public static Map<String, Object> check(DSLContext db, Object reqId) {
        int id = EventLookup.toInt(reqId);
        Map<String, Object> req = byId(db, id);
        if (req == null) {
            throw KojiFault.generic("No such request");
        }
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("repo", null);
        ret.put("request", req);
        if (req.get("repo_id") != null) {
            ret.put("repo", RepoQuery.byId(db, (Integer) req.get("repo_id")));
        } else if (req.get("task_id") != null) {
            ret.put("task", TaskStore.info(db, (Integer) req.get("task_id"), false));
        }
        return ret;
    }

    /** Whether the request is still waiting for a repository; false if there is none. */
    static boolean active(DSLContext db, int id) {
        return Boolean.TRUE.equals(db.select(REPO_QUEUE.ACTIVE).from(REPO_QUEUE).where(REPO_QUEUE.ID.eq(id))
                .fetchOne(REPO_QUEUE.ACTIVE));
    }

    static Map<String, Object> byId(DSLContext db, int id) {
        List<Map<String, Object>> rows = list(db, List.of(REPO_QUEUE.ID.eq(id)));
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Requests as Koji's RepoQueueQuery gives them with every field, in queue order (priority, id). */
    static List<Map<String, Object>> list(DSLContext db, List<Condition> where) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : db.select(REPO_QUEUE.fields()).select(USERS.NAME, TAG.NAME, TASK.STATE)
                .from(REPO_QUEUE)
                .join(TAG).on(TAG.ID.eq(REPO_QUEUE.TAG_ID))
                .join(USERS).on(USERS.ID.eq(REPO_QUEUE.OWNER))
                .leftJoin(TASK).on(TASK.ID.eq(REPO_QUEUE.TASK_ID))
                .where(where)
                .orderBy(REPO_QUEUE.PRIORITY, REPO_QUEUE.ID)
                .fetch()) {
            out.add(struct(r));
        }
        return out;
    }

    private static Map<String, Object> struct(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get(REPO_QUEUE.ID));
        m.put("create_time", r.get(REPO_QUEUE.CREATE_TIME));
        m.put("create_ts", Epoch.seconds(r.get(REPO_QUEUE.CREATE_TIME)));
        m.put("owner", r.get(REPO_QUEUE.OWNER));
        m.put("owner_name", r.get(USERS.NAME));
        m.put("priority", r.get(REPO_QUEUE.PRIORITY));
        m.put("tag_id", r.get(REPO_QUEUE.TAG_ID));
        m.put("tag_name", r.get(TAG.NAME));
        m.put("at_event", r.get(REPO_QUEUE.AT_EVENT));
        m.put("min_event", r.get(REPO_QUEUE.MIN_EVENT));
        JSON opts = r.get(REPO_QUEUE.OPTS);
        m.put("opts", opts == null ? new LinkedHashMap<>() : ExtraJson.decode(opts.data(), "Invalid repo opts"));
        m.put("update_time", r.get(REPO_QUEUE.UPDATE_TIME));
        m.put("update_ts", Epoch.seconds(r.get(REPO_QUEUE.UPDATE_TIME)));
        m.put("active", r.get(REPO_QUEUE.ACTIVE));
        m.put("task_id", r.get(REPO_QUEUE.TASK_ID));
        m.put("task_state", r.get(TASK.STATE));
        m.put("tries", r.get(REPO_QUEUE.TRIES));
        m.put("repo_id", r.get(REPO_QUEUE.REPO_ID));
        return m;
    }

    /** Koji's set_request_priority. */
    public static void setPriority(DSLContext db, Object reqId, Object priority) {
        db.update(REPO_QUEUE).set(REPO_QUEUE.PRIORITY, EventLookup.toInt(priority))
                .where(REPO_QUEUE.ID.eq(EventLookup.toInt(reqId))).execute();
    }

    /** The createrepo channel repository tasks go to, made when missing. */
    public static void ensureChannel(DSLContext db) {
        RepoQueue.ensureChannel(db);
    }

    /** Sets update_time with the change, as Koji's updates do. */
    static org.jooq.Field<java.time.OffsetDateTime> now() {
        return DSL.currentOffsetDateTime();
    }
}
