package org.kojinext.hub.repos;

import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.REPO;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.jooq.tables.Events;
import org.kojinext.hub.history.EventLookup;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Reading repositories (Koji's RepoQuery with all its fields): getRepo, repoInfo and repo.get.
 */
public final class RepoQuery {
    static final int READY = RepoState.READY;

    private static final Events CREATE_EV = EVENTS.as("create_ev");
    private static final Events BEGIN_EV = EVENTS.as("begin_ev");
    private static final Events END_EV = EVENTS.as("end_ev");

    private RepoQuery() {
    }

    /**
     * getRepo (Koji's old_get_repo): the tag's most recently created repository of the kind asked
     * (dist or not) in {@code state} (READY by default), or, with {@code event}, the newest made
     * from an event at or before it, whatever its state. Null when there is none.
     */
    public static Map<String, Object> get(DSLContext db, Object tag, Object state, Object event, Object dist,
                                          Object minEvent) {
        int tagId = TagStore.resolveId(db, tag, true);
        Integer st = state == null ? null : EventLookup.toInt(state);
        Integer ev = event == null ? null : EventLookup.toInt(event);
        Integer min = minEvent == null ? null : EventLookup.toInt(minEvent);
        List<Condition> where = new ArrayList<>();
        where.add(REPO.TAG_ID.eq(tagId));
        where.add(KojiArgs.truthy(dist) ? REPO.DIST.isTrue() : REPO.DIST.isFalse());
        // As in Koji, event 0 counts as no event.
        if (ev != null && ev != 0) {
            where.add(REPO.CREATE_EVENT.le(ev));
        } else {
            where.add(REPO.STATE.eq(st == null ? READY : st));
        }
        if (min != null) {
            where.add(REPO.CREATE_EVENT.ge(min));
        }
        Record r = select(db, where).orderBy(REPO.CREATION_TIME.desc()).limit(1).fetchOne();
        return r == null ? null : struct(r);
    }

    /** repoInfo: one repository by id; null, or "query returned no rows" when strict. */
    public static Map<String, Object> info(DSLContext db, Object repoId, boolean strict) {
        Integer id = repoId == null ? null : EventLookup.toInt(repoId);
        Record r = id == null ? null : select(db, List.of(REPO.ID.eq(id))).fetchOne();
        if (r == null && strict) {
            throw KojiFault.generic("query returned no rows");
        }
        return r == null ? null : struct(r);
    }

    /**
     * repo.get (Koji's get_repo): the tag's READY, non-dist repository with the newest
     * create_event that has every option asked for and no custom option that was not asked
     * for; at_event asks for that exact event, min_event for one at least as new. Null if none.
     */
    public static Map<String, Object> best(DSLContext db, int tagId, Integer minEvent, Integer atEvent,
                                           Map<String, Object> opts) {
        List<Condition> where = new ArrayList<>(List.of(REPO.TAG_ID.eq(tagId), REPO.DIST.isFalse(),
                REPO.STATE.eq(READY)));
        if (atEvent != null) {
            where.add(REPO.CREATE_EVENT.eq(atEvent));
        } else if (minEvent != null) {
            where.add(REPO.CREATE_EVENT.ge(minEvent));
        }
        // A tag has few READY repositories (older ones expire), so the jsonb containment Koji
        // asks of PostgreSQL is checked here, on the candidates in order.
        for (Record r : select(db, where).orderBy(REPO.CREATE_EVENT.desc(), REPO.ID.desc()).fetch()) {
            Map<String, Object> repo = struct(r);
            if (RepoOpts.contains(asMap(repo.get("opts")), opts) && RepoOpts.contains(opts, asMap(repo.get("custom_opts")))) {
                return repo;
            }
        }
        return null;
    }

    /** One repository's struct by id, or null. */
    public static Map<String, Object> byId(DSLContext db, int id) {
        Record r = select(db, List.of(REPO.ID.eq(id))).fetchOne();
        return r == null ? null : struct(r);
    }

    /** Structs of the repositories matching the conditions, newest create_event first. */
    static List<Map<String, Object>> list(DSLContext db, List<Condition> where) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : select(db, where).orderBy(REPO.CREATE_EVENT.desc(), REPO.ID.desc()).fetch()) {
            out.add(struct(r));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static org.jooq.SelectConditionStep<Record> select(DSLContext db, List<Condition> where) {
        return db.select(REPO.fields()).select(TAG.NAME, CREATE_EV.TIME, BEGIN_EV.TIME, END_EV.TIME, TASK.STATE)
                .from(REPO)
                .join(TAG).on(TAG.ID.eq(REPO.TAG_ID))
                .join(CREATE_EV).on(CREATE_EV.ID.eq(REPO.CREATE_EVENT))
                .leftJoin(BEGIN_EV).on(BEGIN_EV.ID.eq(REPO.BEGIN_EVENT))
                .leftJoin(END_EV).on(END_EV.ID.eq(REPO.END_EVENT))
                .leftJoin(TASK).on(TASK.ID.eq(REPO.TASK_ID))
                .where(where);
    }

    /** Every field of Koji's RepoQuery; task_state is the state of the repository's task. */
    private static Map<String, Object> struct(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get(REPO.ID));
        m.put("tag_id", r.get(REPO.TAG_ID));
        m.put("creation_time", r.get(REPO.CREATION_TIME));
        m.put("creation_ts", Epoch.seconds(r.get(REPO.CREATION_TIME)));
        m.put("state_time", r.get(REPO.STATE_TIME));
        m.put("state_ts", Epoch.seconds(r.get(REPO.STATE_TIME)));
        m.put("create_event", r.get(REPO.CREATE_EVENT));
        m.put("create_ts", Epoch.seconds(r.get(CREATE_EV.TIME)));
        m.put("begin_event", r.get(REPO.BEGIN_EVENT));
        m.put("begin_ts", Epoch.seconds(r.get(BEGIN_EV.TIME)));
        m.put("end_event", r.get(REPO.END_EVENT));
        m.put("end_ts", Epoch.seconds(r.get(END_EV.TIME)));
        m.put("state", r.get(REPO.STATE));
        m.put("dist", r.get(REPO.DIST));
        m.put("opts", json(r.get(REPO.OPTS)));
        m.put("custom_opts", json(r.get(REPO.CUSTOM_OPTS)));
        m.put("task_id", r.get(REPO.TASK_ID));
        m.put("task_state", r.get(TASK.STATE));
        m.put("tag_name", r.get(TAG.NAME));
        return m;
    }

    private static Object json(JSON value) {
        return value == null ? null : ExtraJson.decode(value.data(), "Invalid repo opts");
    }
}
