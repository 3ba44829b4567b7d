-- A host's ASSIGNED and OPEN tasks, which every held builder call and every scheduler run read
-- (a host's load, its task count, what it was handed). task_by_host covers every task the host
-- ever ran, so those reads grew with the history; this index holds only the live ones.
CREATE INDEX IF NOT EXISTS task_active_by_host ON task (host_id) WHERE state IN (1, 4);
