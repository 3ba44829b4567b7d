package org.kojinext.hub.scheduler;

import static org.kojinext.hub.db.jooq.Tables.CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST;
import static org.kojinext.hub.db.jooq.Tables.HOST_CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.SCHEDULER_HOST_DATA;
import static org.kojinext.hub.db.jooq.Tables.SCHEDULER_LOG_MESSAGES;
import static org.kojinext.hub.db.jooq.Tables.SCHEDULER_TASK_REFUSALS;
import static org.kojinext.hub.db.jooq.Tables.SCHEDULER_TASK_RUNS;
import static org.kojinext.hub.db.jooq.Tables.TASK;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.kojinext.hub.config.DispatchConfig;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.Prerendered;
import org.kojinext.hub.tasks.TaskState;
import org.kojinext.hub.tasks.TaskWriter;

/**
 * One run of Koji 1.34's scheduler (kojihub/scheduler.py) over the database: tasks are binned by
 * channel and arch, each free task in priority order goes to the lowest-ranked ready host of its
 * bin that has room, and assignments older than the timeouts are taken back. The caller holds the
 * scheduler lock and the transaction.
 */
final class TaskScheduler {
    private static final int FREE_LIMIT = 1000;

    // A run's reads are the same every time, so they are rendered once (see Prerendered).
    /**
     * The free tasks in Koji's order, each with the hosts whose refusal of it still counts
     * (Koji's get_refusals: all hard ones, soft ones younger than the soft refusal timeout): one
     * round trip, where a run is mostly round trips.
     */
    private static final Field<Integer[]> REFUSED_BY;
    private static final Prerendered FREE_TASKS;

    private static final Field<Double> LOAD;
    private static final Field<Integer> NTASKS;
    private static final Field<Integer[]> CHANNEL_IDS;
    private static final Prerendered HOSTS;

    static {
        // A host's load counts the weight of its tasks that are not waiting on subtasks; ntasks counts them all.
        var t = TASK.as("t");
        Condition active = t.HOST_ID.eq(HOST.ID)
                .and(t.STATE.in(DSL.inline(TaskState.ASSIGNED.code()), DSL.inline(TaskState.OPEN.code())));
        LOAD = DSL.field(DSL.select(DSL.coalesce(DSL.sum(t.WEIGHT).filterWhere(t.WAITING.isNull().or(t.WAITING.isFalse())),
                DSL.inline(0.0))).from(t).where(active)).cast(Double.class).as("load");
        NTASKS = DSL.field(DSL.select(DSL.count()).from(t).where(active)).as("ntasks");
        CHANNEL_IDS = DSL.array(DSL.select(HOST_CHANNELS.CHANNEL_ID).from(HOST_CHANNELS).join(CHANNELS)
                .on(CHANNELS.ID.eq(HOST_CHANNELS.CHANNEL_ID))
                .where(HOST_CHANNELS.HOST_ID.eq(HOST.ID), HOST_CHANNELS.ACTIVE.isTrue(), CHANNELS.ENABLED.isTrue()))
                .as("channel_ids");
        HOSTS = Prerendered.of(DSL.select(HOST.ID, HOST.READY, HOST_CONFIG.ARCHES,
                        HOST_CONFIG.CAPACITY, SCHEDULER_HOST_DATA.DATA, LOAD, NTASKS, CHANNEL_IDS)
                .from(HOST).join(HOST_CONFIG).on(HOST_CONFIG.HOST_ID.eq(HOST.ID), HOST_CONFIG.ACTIVE.isTrue())
                .leftJoin(SCHEDULER_HOST_DATA).on(SCHEDULER_HOST_DATA.HOST_ID.eq(HOST.ID))
                .where(HOST_CONFIG.ENABLED.isTrue()));
        var r = SCHEDULER_TASK_REFUSALS;
        REFUSED_BY = DSL.array(DSL.select(r.HOST_ID).from(r).where(r.TASK_ID.eq(TASK.ID))
                .andNot(r.SOFT.isTrue().and(r.TIME.lt(DSL.param("cutoff", OffsetDateTime.class))))).as("refused_by");
        FREE_TASKS = Prerendered.of(DSL.select(TASK.ID, TASK.CHANNEL_ID, TASK.ARCH, TASK.METHOD, TASK.WEIGHT,
                        REFUSED_BY).from(TASK)
                .where(TASK.STATE.eq(DSL.inline(TaskState.FREE.code())))
                .orderBy(TASK.PRIORITY.asc(), TASK.CREATE_TIME.asc(), TASK.ID.asc()).limit(DSL.inline(FREE_LIMIT)));
    }

    private final DispatchConfig config;

    TaskScheduler(DispatchConfig config) {
        this.config = config;
    }

    /** A host as the scheduler sees it, with the running totals of this run. */
    private static final class Host {
        final int id;
        final double capacity;
        final boolean ready;
        final Set<String> bins = new HashSet<>();
        double load;
        int ntasks;
        int maxjobs;
        double demand;

        Host(int id, double capacity, boolean ready) {
            this.id = id;
            this.capacity = capacity;
            this.ready = ready;
        }

        double rank() {
            return load + ntasks + demand;
        }
    }

    private record FreeTask(int id, String bin, String method, double weight, Set<Integer> refusedBy) {
    }

    /** Some FREE task: the probe that decides whether a run is worth its lock. */
    org.jooq.Select<?> freeProbe() {
        return DSL.selectOne().from(TASK).where(TASK.STATE.eq(DSL.inline(TaskState.FREE.code())));
    }

    /**
     * Assigns what can be assigned, and opens the tasks of hosts whose held call the run claims
     * (see {@link Handover}); returns how many tasks were assigned.
     */
    int schedule(DSLContext db, OffsetDateTime now, Handover.Run handover) {
        List<FreeTask> free = new ArrayList<>();
        for (Record r : FREE_TASKS.fetch(db, now.minus(config.softRefusalTimeout()))) {
            Integer[] refused = r.get(REFUSED_BY);
            free.add(new FreeTask(r.get(TASK.ID), r.get(TASK.CHANNEL_ID) + ":" + r.get(TASK.ARCH),
                    r.get(TASK.METHOD), r.get(TASK.WEIGHT),
                    refused == null || refused.length == 0 ? Set.of() : Set.of(refused)));
        }
        if (free.isEmpty()) {
            return 0;
        }
        Map<Integer, Host> hosts = hosts(db);
        Map<String, List<Host>> byBin = new HashMap<>();
        for (Host h : hosts.values()) {
            for (String bin : h.bins) {
                byBin.computeIfAbsent(bin, b -> new ArrayList<>()).add(h);
            }
        }
        Map<Integer, List<Host>> candidates = new HashMap<>();
        for (FreeTask t : free) {
            double minAvail = Math.max(0, t.weight() - config.capacityOvercommit());
            Set<Integer> no = t.refusedBy();
            List<Host> options = new ArrayList<>();
            for (Host h : byBin.getOrDefault(t.bin(), List.of())) {
                if (h.ready && h.ntasks < h.maxjobs && h.capacity - h.load > minAvail && !no.contains(h.id)) {
                    options.add(h);
                }
            }
            // Demand: how much of the pending work could land on each host.
            for (Host h : options) {
                h.demand += t.weight() / options.size();
            }
            candidates.put(t.id(), options);
        }
        double total = hosts.values().stream().mapToDouble(h -> h.demand).sum();
        if (total > 0) {
            for (Host h : hosts.values()) {
                h.demand /= total;
            }
        }
        List<int[]> chosen = new ArrayList<>();
        Map<Integer, FreeTask> byId = new HashMap<>();
        for (FreeTask t : free) {
            byId.put(t.id(), t);
            double minAvail = Math.max(0, t.weight() - config.capacityOvercommit());
            List<Host> options = candidates.get(t.id());
            options.sort(Comparator.comparingDouble(Host::rank));
            for (Host h : options) {
                if (h.capacity - h.load > minAvail && h.ntasks < h.maxjobs) {
                    chosen.add(new int[] {t.id(), h.id});
                    h.load += t.weight();
                    h.ntasks++;
                    break;
                }
            }
        }
        Set<Integer> moved = assignAll(db, chosen);
        openForHeldCalls(db, chosen, moved, byId, handover);
        return moved.size();
    }

    /**
     * Opens, in the run's transaction, each moved task whose host has a held call on this hub
     * that opens its method, with a subsession each: two statements for the whole run.
     */
    private static void openForHeldCalls(DSLContext db, List<int[]> chosen, Set<Integer> moved,
                                         Map<Integer, FreeTask> byId, Handover.Run handover) {
        List<TaskWriter.Opening> openings = new ArrayList<>();
        Map<Integer, Handover.Taker> takers = new HashMap<>();
        for (int[] c : chosen) {
            Handover.Taker taker = moved.contains(c[0]) ? handover.claim(c[1]) : null;
            Double weight = taker == null ? null : taker.opening.get(byId.get(c[0]).method());
            if (weight != null) {
                openings.add(new TaskWriter.Opening(c[0], c[1], weight));
                takers.put(c[1], taker);
            }
        }
        if (openings.isEmpty()) {
            return;
        }
        HostTasks.openWithSubsessions(db, openings, host -> takers.get(host).session)
                .forEach((task, info) -> handover.opened(takers.get((Integer) info.get("host_id")), info));
    }

    /**
     * Koji's TaskScheduler.assign for every choice of a run, in one statement (migration V8's
     * kojinext_assign_tasks): a burst's hundreds of assignments cost one round trip. A task moves
     * only if it is still FREE (a cancel may have come first). Returns the ids of those that moved.
     */
    private static Set<Integer> assignAll(DSLContext db, List<int[]> chosen) {
        if (chosen.isEmpty()) {
            return Set.of();
        }
        Integer[] tasks = new Integer[chosen.size()];
        Integer[] hosts = new Integer[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            tasks[i] = chosen.get(i)[0];
            hosts[i] = chosen.get(i)[1];
        }
        Integer[] moved = db.select(DSL.function("kojinext_assign_tasks", SQLDataType.INTEGER.array(),
                DSL.val(tasks, SQLDataType.INTEGER.array()), DSL.val(hosts, SQLDataType.INTEGER.array())))
                .fetchSingle().value1();
        Set<Integer> done = new HashSet<>(List.of(moved));
        for (int[] c : chosen) {
            if (!done.contains(c[0])) {
                log(db, "Assignment failed", c[0], c[1]);
            }
        }
        return done;
    }

    /**
     * Koji's check_hosts and check_active_tasks: silent ready hosts become not ready; an
     * assignment not opened in time is freed (as a refusal if the host was heard from since);
     * an open task of a host silent for longer than the host timeout is freed, and the host's
     * late results for it are then refused by the ownership check. Returns how many were freed.
     */
    int sweep(DSLContext db, OffsetDateTime now) {
        dropStaleRefusals(db, now);
        // A host silent for longer than the host timeout is not ready either, even when that is
        // shorter than the ready timeout: otherwise its freed tasks would go straight back to it.
        Duration silent = config.readyTimeout().compareTo(config.hostTimeout()) < 0
                ? config.readyTimeout() : config.hostTimeout();
        OffsetDateTime readyCutoff = now.minus(silent);
        for (Record r : db.select(HOST.ID).from(HOST).where(HOST.READY.isTrue())
                .and(HOST.UPDATE_TIME.isNull().or(HOST.UPDATE_TIME.lt(readyCutoff))).fetch()) {
            log(db, "Marking host not ready", null, r.get(HOST.ID));
            db.update(HOST).set(HOST.READY, false).where(HOST.ID.eq(r.get(HOST.ID))).execute();
        }
        int freed = 0;
        var runs = SCHEDULER_TASK_RUNS.as("r");
        for (Record r : db.select(TASK.ID, TASK.STATE, TASK.HOST_ID, HOST.UPDATE_TIME,
                        DSL.min(runs.CREATE_TIME).as("assigned"))
                .from(TASK).join(HOST).on(HOST.ID.eq(TASK.HOST_ID))
                .join(runs).on(runs.TASK_ID.eq(TASK.ID), runs.ACTIVE.isTrue())
                .where(TASK.STATE.in(TaskState.ASSIGNED.code(), TaskState.OPEN.code()))
                .groupBy(TASK.ID, TASK.STATE, TASK.HOST_ID, HOST.UPDATE_TIME).fetch()) {
            int task = r.get(TASK.ID);
            int host = r.get(TASK.HOST_ID);
            OffsetDateTime assignedAt = r.get("assigned", OffsetDateTime.class);
            OffsetDateTime seen = r.get(HOST.UPDATE_TIME);
            if (r.get(TASK.STATE) == TaskState.ASSIGNED.code()) {
                if (assignedAt.isBefore(now.minus(config.assignTimeout()))) {
                    if (seen != null && seen.isAfter(assignedAt)) {
                        refuse(db, host, task, true, false, "assignment timeout");
                    }
                    log(db, "Task assignment timeout", task, host);
                    TaskWriter.free(db, task);
                    freed++;
                }
            } else {
                OffsetDateTime since = seen != null ? seen : assignedAt;
                if (since.isBefore(now.minus(config.hostTimeout()))) {
                    log(db, "Freeing task from unresponsive host", task, host);
                    TaskWriter.free(db, task);
                    freed++;
                }
            }
        }
        db.update(SCHEDULER_TASK_RUNS).set(SCHEDULER_TASK_RUNS.ACTIVE, false)
                .where(SCHEDULER_TASK_RUNS.ACTIVE.isTrue())
                .andNotExists(DSL.selectOne().from(TASK).where(TASK.ID.eq(SCHEDULER_TASK_RUNS.TASK_ID))
                        .and(TASK.STATE.in(TaskState.ASSIGNED.code(), TaskState.OPEN.code())))
                .execute();
        return freed;
    }

    /** Koji's set_refusal: one refusal per task and host, the latest winning. */
    static void refuse(DSLContext db, int hostId, int taskId, boolean soft, boolean byHost, String msg) {
        db.insertInto(SCHEDULER_TASK_REFUSALS).set(SCHEDULER_TASK_REFUSALS.TASK_ID, taskId)
                .set(SCHEDULER_TASK_REFUSALS.HOST_ID, hostId).set(SCHEDULER_TASK_REFUSALS.SOFT, soft)
                .set(SCHEDULER_TASK_REFUSALS.BY_HOST, byHost).set(SCHEDULER_TASK_REFUSALS.MSG, msg)
                .onConflict(SCHEDULER_TASK_REFUSALS.TASK_ID, SCHEDULER_TASK_REFUSALS.HOST_ID).doUpdate()
                .set(SCHEDULER_TASK_REFUSALS.SOFT, soft).set(SCHEDULER_TASK_REFUSALS.BY_HOST, byHost)
                .set(SCHEDULER_TASK_REFUSALS.MSG, msg)
                .set(SCHEDULER_TASK_REFUSALS.TIME, DSL.currentOffsetDateTime())
                .execute();
        log(db, "Host refused task: " + msg, taskId, hostId);
    }

    static void log(DSLContext db, String msg, Integer taskId, Integer hostId) {
        db.insertInto(SCHEDULER_LOG_MESSAGES).set(SCHEDULER_LOG_MESSAGES.MSG, msg)
                .set(SCHEDULER_LOG_MESSAGES.TASK_ID, taskId).set(SCHEDULER_LOG_MESSAGES.HOST_ID, hostId).execute();
    }

    /** Deletes refusals that no longer count: old soft ones, and those of tasks no longer waiting to run. */
    private void dropStaleRefusals(DSLContext db, OffsetDateTime now) {
        var r = SCHEDULER_TASK_REFUSALS;
        db.deleteFrom(r).where(r.SOFT.isTrue().and(r.TIME.lt(now.minus(config.softRefusalTimeout()))))
                .or(DSL.notExists(DSL.selectOne().from(TASK).where(TASK.ID.eq(r.TASK_ID))
                        .and(TASK.STATE.in(TaskState.FREE.code(), TaskState.OPEN.code(), TaskState.ASSIGNED.code()))))
                .execute();
    }

    /** Enabled hosts with their bins (channel id : arch, noarch included), load, task count and maxjobs. */
    private Map<Integer, Host> hosts(DSLContext db) {
        Map<Integer, Host> hosts = new LinkedHashMap<>();
        for (Record r : HOSTS.fetch(db)) {
            Map<?, ?> data = hostData(r.get(SCHEDULER_HOST_DATA.DATA));
            Declared declared = Declared.of(data);
            Host h = new Host(r.get(HOST.ID), declared.capacity(r.get(HOST_CONFIG.CAPACITY)),
                    Boolean.TRUE.equals(r.get(HOST.READY)));
            h.maxjobs = maxjobs(data);
            h.load = r.get(LOAD);
            h.ntasks = r.get(NTASKS);
            String a = r.get(HOST_CONFIG.ARCHES);
            List<String> arches = new ArrayList<>(a == null || a.isBlank() ? List.of() : List.of(a.trim().split("\\s+")));
            arches.add("noarch");
            arches = declared.arches(arches);
            for (Integer channel : r.get(CHANNEL_IDS)) {
                if (!declared.takesChannel(channel)) {
                    continue;
                }
                for (String arch : arches) {
                    h.bins.add(channel + ":" + arch);
                }
            }
            hosts.put(h.id, h);
        }
        return hosts;
    }

    private static Map<?, ?> hostData(JSON data) {
        return data != null && ExtraJson.decode(data.data(), "Invalid host data") instanceof Map<?, ?> m ? m : null;
    }

    private int maxjobs(Map<?, ?> data) {
        if (data != null && data.get("maxjobs") instanceof Number n && n.intValue() > 0) {
            return n.intValue();
        }
        return config.maxJobs();
    }
}
