-- Tasks, the hosts that run them and the channels that group hosts, with Koji 1.35's table and
-- column names and meanings, and the tables of Koji 1.34's hub-side scheduler. host is live state
-- (updated in place); host_config and host_channels are versioned like the tag tables.

CREATE TABLE IF NOT EXISTS channels (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR(128) UNIQUE NOT NULL,
    description VARCHAR,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    comment VARCHAR
);

CREATE TABLE IF NOT EXISTS host (
    id SERIAL NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    name VARCHAR(128) UNIQUE NOT NULL,
    update_time TIMESTAMPTZ,
    task_load FLOAT NOT NULL DEFAULT 0.0 CHECK (NOT task_load < 0),
    ready BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE IF NOT EXISTS host_config (
    host_id INTEGER NOT NULL REFERENCES host(id),
    arches VARCHAR,
    capacity FLOAT NOT NULL DEFAULT 2.0 CHECK (capacity > 1),
    description VARCHAR,
    comment VARCHAR,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT host_config_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, host_id),
    UNIQUE (host_id, active)
);

CREATE TABLE IF NOT EXISTS host_channels (
    host_id INTEGER NOT NULL REFERENCES host(id),
    channel_id INTEGER NOT NULL REFERENCES channels(id),
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT host_channels_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, host_id, channel_id),
    UNIQUE (host_id, channel_id, active)
);

-- request and result hold XML-RPC text, as Koji stores them: a methodCall of the task's
-- arguments, and a methodResponse (a result or a fault, which getTaskResult raises again).
CREATE TABLE IF NOT EXISTS task (
    id SERIAL NOT NULL PRIMARY KEY,
    state INTEGER,
    create_time TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    start_time TIMESTAMPTZ,
    completion_time TIMESTAMPTZ,
    channel_id INTEGER NOT NULL REFERENCES channels(id),
    host_id INTEGER REFERENCES host(id),
    parent INTEGER REFERENCES task(id),
    label VARCHAR(255),
    waiting BOOLEAN,
    awaited BOOLEAN,
    owner INTEGER NOT NULL REFERENCES users(id),
    method VARCHAR,
    request VARCHAR,
    result VARCHAR,
    eta INTEGER,
    arch VARCHAR(16) NOT NULL,
    priority INTEGER,
    weight FLOAT NOT NULL DEFAULT 1.0 CHECK (NOT weight < 0),
    CONSTRAINT parent_label_sane CHECK (parent IS NOT NULL OR label IS NULL),
    CONSTRAINT task_parent_label UNIQUE (parent, label)
);
CREATE INDEX IF NOT EXISTS task_by_state ON task (state);
CREATE INDEX IF NOT EXISTS task_by_host ON task (host_id);
CREATE INDEX IF NOT EXISTS task_by_parent ON task (parent);
CREATE INDEX IF NOT EXISTS task_by_owner ON task (owner);

-- Koji 1.34's scheduler: one row per assignment of a task to a host (active while it stands),
-- what each builder reports of itself, the scheduler's own state, refusals and its log.
CREATE TABLE IF NOT EXISTS scheduler_task_runs (
    id SERIAL NOT NULL PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES task(id),
    host_id INTEGER NOT NULL REFERENCES host(id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    create_time TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS scheduler_task_runs_by_task ON scheduler_task_runs (task_id);

CREATE TABLE IF NOT EXISTS scheduler_host_data (
    host_id INTEGER PRIMARY KEY REFERENCES host(id),
    data JSONB
);

CREATE TABLE IF NOT EXISTS scheduler_sys_data (
    name VARCHAR NOT NULL PRIMARY KEY,
    data JSONB
);

CREATE TABLE IF NOT EXISTS scheduler_task_refusals (
    id SERIAL NOT NULL PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES task(id),
    host_id INTEGER NOT NULL REFERENCES host(id),
    by_host BOOLEAN NOT NULL,
    soft BOOLEAN NOT NULL DEFAULT FALSE,
    msg VARCHAR,
    time TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT scheduler_task_refusals_task_host UNIQUE (task_id, host_id)
);

CREATE TABLE IF NOT EXISTS scheduler_log_messages (
    id SERIAL NOT NULL PRIMARY KEY,
    task_id INTEGER REFERENCES task(id),
    host_id INTEGER REFERENCES host(id),
    msg_time TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    msg VARCHAR NOT NULL
);

/* [jooq ignore start] */
-- Koji's channels. A Koji database being adopted has them already.
INSERT INTO channels (name) VALUES ('default'), ('createrepo'), ('maven'), ('livecd'), ('appliance'), ('vm'),
    ('image'), ('livemedia')
ON CONFLICT DO NOTHING;

-- Koji declares these TEXT; VARCHAR above is for the build-time schema reader only.
ALTER TABLE channels ALTER COLUMN description TYPE TEXT;
ALTER TABLE channels ALTER COLUMN comment TYPE TEXT;
ALTER TABLE host_config ALTER COLUMN arches TYPE TEXT;
ALTER TABLE host_config ALTER COLUMN description TYPE TEXT;
ALTER TABLE host_config ALTER COLUMN comment TYPE TEXT;
ALTER TABLE task ALTER COLUMN method TYPE TEXT;
ALTER TABLE task ALTER COLUMN request TYPE TEXT;
ALTER TABLE task ALTER COLUMN result TYPE TEXT;
ALTER TABLE scheduler_sys_data ALTER COLUMN name TYPE TEXT;
ALTER TABLE scheduler_task_refusals ALTER COLUMN msg TYPE TEXT;
ALTER TABLE scheduler_log_messages ALTER COLUMN msg TYPE TEXT;

-- The references V3 and V5 left for the task table.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'build_task_id_fkey') THEN
        ALTER TABLE build ADD CONSTRAINT build_task_id_fkey FOREIGN KEY (task_id) REFERENCES task(id);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'repo_task_id_fkey') THEN
        ALTER TABLE repo ADD CONSTRAINT repo_task_id_fkey FOREIGN KEY (task_id) REFERENCES task(id);
    END IF;
END;
$$;

-- Hosts and channels are read on every dispatch; their changes are announced like the tags'.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['channels', 'host_config', 'host_channels'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS kojinext_announce_change ON %I', t);
        EXECUTE format('CREATE TRIGGER kojinext_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                       'ON %I FOR EACH STATEMENT EXECUTE FUNCTION kojinext_announce_change()', t);
    END LOOP;
END;
$$;
/* [jooq ignore stop] */
