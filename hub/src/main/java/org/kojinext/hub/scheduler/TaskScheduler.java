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
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.kojinext.hub.config.DispatchConfig;
import org.kojinext.hub.db.ExtraJson;
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

    private final DispatchConfig config;

    TaskScheduler(DispatchConfig config) {
        this.config = config;
    }

    /** A host as the scheduler sees it, with the running totals of this run. */
    private static final class Host {
        final int id;
        final String name;
        final double capacity;
        boolean ready;
        final OffsetDateTime updateTime;
        final Set<String> bins = new HashSet<>();
        double load;
        int ntasks;
        int maxjobs;
        double demand;

        Host(int id, String name, double capacity, boolean ready, OffsetDateTime updateTime) {
            this.id = id;
            this.name = name;
            this.capacity = capacity;
            this.ready = ready;
            this.updateTime = updateTime;
        }

        double rank() {
            return load + ntasks + demand;
        }
    }

    private record FreeTask(int id, String bin, double weight) {
    }

    /** True if some task is FREE. */
    boolean anyFree(DSLContext db) {
        return db.fetchExists(TASK, TASK.STATE.eq(TaskState.FREE.code()));
    }

    /** Assigns what can be assigned; returns how many tasks were assigned. */
    int schedule(DSLContext db) {
        Map<Integer, Host> hosts = hosts(db);
        Map<String, List<Host>> byBin = new HashMap<>();
        for (Host h : hosts.values()) {
            for (String bin : h.bins) {
                byBin.computeIfAbsent(bin, b -> new ArrayList<>()).add(h);
            }
        }
        for (Record r : db.select(TASK.HOST_ID, TASK.WEIGHT, TASK.WAITING).from(TASK)
                .where(TASK.STATE.in(TaskState.ASSIGNED.code(), TaskState.OPEN.code())).fetch()) {
            Host h = r.get(TASK.HOST_ID) == null ? null : hosts.get(r.get(TASK.HOST_ID));
            if (h != null) {
                if (!Boolean.TRUE.equals(r.get(TASK.WAITING))) {
                    h.load += r.get(TASK.WEIGHT);
                }
                h.ntasks++;
            }
        }
        List<FreeTask> free = new ArrayList<>();
        for (Record r : db.select(TASK.ID, TASK.CHANNEL_ID, TASK.ARCH, TASK.WEIGHT).from(TASK)
                .where(TASK.STATE.eq(TaskState.FREE.code()))
                .orderBy(TASK.PRIORITY.asc(), TASK.CREATE_TIME.asc(), TASK.ID.asc()).limit(FREE_LIMIT).fetch()) {
            free.add(new FreeTask(r.get(TASK.ID), r.get(TASK.CHANNEL_ID) + ":" + r.get(TASK.ARCH), r.get(TASK.WEIGHT)));
        }
        if (free.isEmpty()) {
            return 0;
        }
        Map<Integer, Set<Integer>> refused = refusals(db);
        Map<Integer, List<Host>> candidates = new HashMap<>();
        for (FreeTask t : free) {
            double minAvail = Math.max(0, t.weight() - config.capacityOvercommit());
            Set<Integer> no = refused.getOrDefault(t.id(), Set.of());
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
        int assigned = 0;
        for (FreeTask t : free) {
            double minAvail = Math.max(0, t.weight() - config.capacityOvercommit());
            List<Host> options = candidates.get(t.id());
            options.sort(Comparator.comparingDouble(Host::rank));
            for (Host h : options) {
                if (h.capacity - h.load > minAvail && h.ntasks < h.maxjobs) {
                    if (assign(db, t.id(), h.id)) {
                        h.load += t.weight();
                        h.ntasks++;
                        assigned++;
                    }
                    break;
                }
            }
        }
        return assigned;
    }

    /** Koji's TaskScheduler.assign: the task row, then the run entry that replaces older ones. */
    static boolean assign(DSLContext db, int taskId, int hostId) {
        if (!TaskWriter.assign(db, taskId, hostId, false)) {
            log(db, "Assignment failed", taskId, hostId);
            return false;
        }
        log(db, "Assigning task", taskId, hostId);
        db.update(SCHEDULER_TASK_RUNS).set(SCHEDULER_TASK_RUNS.ACTIVE, false)
                .where(SCHEDULER_TASK_RUNS.TASK_ID.eq(taskId), SCHEDULER_TASK_RUNS.ACTIVE.isTrue()).execute();
        db.insertInto(SCHEDULER_TASK_RUNS).set(SCHEDULER_TASK_RUNS.TASK_ID, taskId)
                .set(SCHEDULER_TASK_RUNS.HOST_ID, hostId).execute();
        return true;
    }

    /**
     * Koji's check_hosts and check_active_tasks: silent ready hosts become not ready; an
     * assignment not opened in time is freed (as a refusal if the host was heard from since);
     * an open task of a host silent for longer than the host timeout is freed, and the host's
     * late results for it are then refused by the ownership check. Returns how many were freed.
     */
    int sweep(DSLContext db) {
        OffsetDateTime now = db.select(DSL.currentOffsetDateTime()).fetchSingle().value1();
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

    /** Koji's get_refusals: live refusals by task; stale ones (old soft, or of finished tasks) are dropped. */
    private Map<Integer, Set<Integer>> refusals(DSLContext db) {
        OffsetDateTime cutoff = db.select(DSL.currentOffsetDateTime()).fetchSingle().value1()
                .minus(config.softRefusalTimeout());
        var r = SCHEDULER_TASK_REFUSALS;
        db.deleteFrom(r).where(r.SOFT.isTrue().and(r.TIME.lt(cutoff)))
                .or(DSL.notExists(DSL.selectOne().from(TASK).where(TASK.ID.eq(r.TASK_ID))
                        .and(TASK.STATE.in(TaskState.FREE.code(), TaskState.OPEN.code(), TaskState.ASSIGNED.code()))))
                .execute();
        Map<Integer, Set<Integer>> out = new HashMap<>();
        for (Record row : db.select(r.TASK_ID, r.HOST_ID).from(r).fetch()) {
            out.computeIfAbsent(row.get(r.TASK_ID), k -> new HashSet<>()).add(row.get(r.HOST_ID));
        }
        return out;
    }

    /** Enabled hosts with their bins (channel id : arch, noarch included) and maxjobs. */
    private Map<Integer, Host> hosts(DSLContext db) {
        Map<Integer, Host> hosts = new LinkedHashMap<>();
        Map<Integer, String> arches = new HashMap<>();
        for (Record r : db.select(HOST.ID, HOST.NAME, HOST.READY, HOST.UPDATE_TIME, HOST_CONFIG.ARCHES,
                        HOST_CONFIG.CAPACITY, SCHEDULER_HOST_DATA.DATA)
                .from(HOST).join(HOST_CONFIG).on(HOST_CONFIG.HOST_ID.eq(HOST.ID), HOST_CONFIG.ACTIVE.isTrue())
                .leftJoin(SCHEDULER_HOST_DATA).on(SCHEDULER_HOST_DATA.HOST_ID.eq(HOST.ID))
                .where(HOST_CONFIG.ENABLED.isTrue()).fetch()) {
            Host h = new Host(r.get(HOST.ID), r.get(HOST.NAME), r.get(HOST_CONFIG.CAPACITY),
                    Boolean.TRUE.equals(r.get(HOST.READY)), r.get(HOST.UPDATE_TIME));
            h.maxjobs = maxjobs(r.get(SCHEDULER_HOST_DATA.DATA));
            hosts.put(h.id, h);
            arches.put(h.id, r.get(HOST_CONFIG.ARCHES));
        }
        for (Record r : db.select(HOST_CHANNELS.HOST_ID, HOST_CHANNELS.CHANNEL_ID).from(HOST_CHANNELS)
                .join(CHANNELS).on(CHANNELS.ID.eq(HOST_CHANNELS.CHANNEL_ID))
                .where(HOST_CHANNELS.ACTIVE.isTrue(), CHANNELS.ENABLED.isTrue()).fetch()) {
            Host h = hosts.get(r.get(HOST_CHANNELS.HOST_ID));
            if (h == null) {
                continue;
            }
            String a = arches.get(h.id);
            List<String> list = new ArrayList<>(a == null || a.isBlank() ? List.of() : List.of(a.trim().split("\\s+")));
            list.add("noarch");
            for (String arch : list) {
                h.bins.add(r.get(HOST_CHANNELS.CHANNEL_ID) + ":" + arch);
            }
        }
        return hosts;
    }

    private int maxjobs(JSON data) {
        if (data != null && ExtraJson.decode(data.data(), "Invalid host data") instanceof Map<?, ?> m
                && m.get("maxjobs") instanceof Number n && n.intValue() > 0) {
            return n.intValue();
        }
        return config.maxJobs();
    }
}
