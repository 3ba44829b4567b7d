-- The scheduler's assignments of one run, in one statement: every chosen task that is still FREE
-- and unowned becomes ASSIGNED (4) to its host, with Koji's scheduler log line, and its run entry
-- replaces any older active one. Returns the ids that moved; the others were taken by a cancel or
-- another writer first. One round trip whatever the size of the run: a burst of hundreds of tasks
-- was costing four statements each.
--
-- All parts see one snapshot, so the UPDATE of scheduler_task_runs retires only the runs that
-- existed before this call, never the ones it inserts.
/* [jooq ignore start] */
CREATE OR REPLACE FUNCTION kojinext_assign_tasks(task_ids integer[], host_ids integer[]) RETURNS integer[] AS $$
    WITH chosen AS (
        SELECT * FROM unnest(task_ids, host_ids) AS c(task_id, host_id)
    ), moved AS (
        UPDATE task t SET state = 4, host_id = c.host_id FROM chosen c
        WHERE t.id = c.task_id AND t.state = 0 AND t.host_id IS NULL
        RETURNING t.id, t.host_id
    ), logged AS (
        INSERT INTO scheduler_log_messages (msg, task_id, host_id)
        SELECT 'Assigning task', id, host_id FROM moved
    ), retired AS (
        UPDATE scheduler_task_runs r SET active = false FROM moved m
        WHERE r.task_id = m.id AND r.active
    ), started AS (
        INSERT INTO scheduler_task_runs (task_id, host_id) SELECT id, host_id FROM moved
    )
    SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM moved;
$$ LANGUAGE sql;
/* [jooq ignore stop] */
