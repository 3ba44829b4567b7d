-- Every committed change that matters to dispatch or to a watcher is announced on the channel
-- 'kojinext_task', by a row-level trigger so that no writer can forget it (another hub, an
-- administrator's psql session). PostgreSQL delivers at commit and drops it on rollback.
--
-- Payload, space-separated, '-' for NULL:
--   task <id> <state> <host_id> <parent> <waiting> <priority> <op>
--       op is I for a new task, U for a change of state, host_id, waiting or priority
--   host <id> <ready>
--       a host was added, or its ready flag changed
-- The scheduler of every hub runs on these; watchers filter them by task tree.
/* [jooq ignore start] */
CREATE OR REPLACE FUNCTION kojinext_announce_task() RETURNS TRIGGER AS $$
BEGIN
    PERFORM pg_notify('kojinext_task', concat_ws(' ', 'task', NEW.id,
        coalesce(NEW.state::text, '-'), coalesce(NEW.host_id::text, '-'), coalesce(NEW.parent::text, '-'),
        coalesce(NEW.waiting::text, '-'), coalesce(NEW.priority::text, '-'), left(TG_OP, 1)));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS kojinext_announce_task_insert ON task;
CREATE TRIGGER kojinext_announce_task_insert AFTER INSERT ON task
    FOR EACH ROW EXECUTE FUNCTION kojinext_announce_task();

DROP TRIGGER IF EXISTS kojinext_announce_task_update ON task;
CREATE TRIGGER kojinext_announce_task_update AFTER UPDATE ON task
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.host_id IS DISTINCT FROM NEW.host_id
        OR OLD.waiting IS DISTINCT FROM NEW.waiting OR OLD.priority IS DISTINCT FROM NEW.priority)
    EXECUTE FUNCTION kojinext_announce_task();

CREATE OR REPLACE FUNCTION kojinext_announce_host() RETURNS TRIGGER AS $$
BEGIN
    PERFORM pg_notify('kojinext_task', concat_ws(' ', 'host', NEW.id, NEW.ready::text));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Not on every update: task_load changes with each heartbeat and is no reason to schedule.
DROP TRIGGER IF EXISTS kojinext_announce_host_insert ON host;
CREATE TRIGGER kojinext_announce_host_insert AFTER INSERT ON host
    FOR EACH ROW EXECUTE FUNCTION kojinext_announce_host();

DROP TRIGGER IF EXISTS kojinext_announce_host_update ON host;
CREATE TRIGGER kojinext_announce_host_update AFTER UPDATE ON host
    FOR EACH ROW WHEN (OLD.ready IS DISTINCT FROM NEW.ready)
    EXECUTE FUNCTION kojinext_announce_host();
/* [jooq ignore stop] */
