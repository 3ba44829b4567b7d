package org.kojinext.hub.tasks;

import static org.kojinext.hub.db.jooq.Tables.SCHEDULER_TASK_RUNS;

import org.jooq.DSLContext;

/**
 * Koji's TaskScheduler.assign as assignTask uses it: the task is assigned, earlier runs of it
 * end, and a run is recorded unless override (an overridden assignment has no run, so the
 * scheduler never takes it back).
 */
public final class TaskRuns {
    private TaskRuns() {
    }

    public static boolean assign(DSLContext db, int taskId, int hostId, boolean force, boolean override) {
        if (!TaskWriter.assign(db, taskId, hostId, force)) {
            return false;
        }
        db.update(SCHEDULER_TASK_RUNS).set(SCHEDULER_TASK_RUNS.ACTIVE, false)
                .where(SCHEDULER_TASK_RUNS.TASK_ID.eq(taskId)).and(SCHEDULER_TASK_RUNS.ACTIVE.isTrue()).execute();
        if (!override) {
            db.insertInto(SCHEDULER_TASK_RUNS).set(SCHEDULER_TASK_RUNS.TASK_ID, taskId)
                    .set(SCHEDULER_TASK_RUNS.HOST_ID, hostId).execute();
        }
        return true;
    }
}
