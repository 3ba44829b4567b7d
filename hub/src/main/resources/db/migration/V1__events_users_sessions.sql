-- Koji's clock, users, permissions and sessions, with Koji 1.35's table and column names.
--
-- Every Koji table is created only if it is absent and every seed row only if it is missing,
-- so that the same migration runs over an existing Koji database (adoption) and leaves its
-- tables and rows as they are.

-- One global logical clock: versioned rows name the event that created and revoked them,
-- so ordering survives a system clock that jumps backwards.
CREATE TABLE IF NOT EXISTS events (
    id SERIAL NOT NULL PRIMARY KEY,
    time TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

/* [jooq ignore start] */
CREATE OR REPLACE FUNCTION get_event() RETURNS INTEGER AS $$
    INSERT INTO events (time) VALUES (clock_timestamp()) RETURNING id;
$$ LANGUAGE SQL;

CREATE OR REPLACE FUNCTION get_event_time(INTEGER) RETURNS TIMESTAMPTZ AS $$
    SELECT time FROM events WHERE id = $1;
$$ LANGUAGE SQL;
/* [jooq ignore stop] */

CREATE TABLE IF NOT EXISTS event_labels (
    event_id INTEGER NOT NULL REFERENCES events(id),
    label VARCHAR(255) UNIQUE NOT NULL
);

-- status: 0 NORMAL, 1 BLOCKED. usertype: 0 NORMAL, 1 HOST, 2 GROUP.
-- password holds a salted hash written by Koji Next, or a plain password carried over from
-- Koji, which the first successful login replaces with a hash.
CREATE TABLE IF NOT EXISTS users (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR(255) UNIQUE NOT NULL,
    password VARCHAR(255),
    status INTEGER NOT NULL,
    usertype INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS user_krb_principals (
    user_id INTEGER NOT NULL REFERENCES users(id),
    krb_principal VARCHAR(255) NOT NULL UNIQUE,
    PRIMARY KEY (user_id, krb_principal)
);

CREATE TABLE IF NOT EXISTS permissions (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR(50) UNIQUE NOT NULL,
    description TEXT
);

-- Versioned tables: a row is live while active is TRUE; a change revokes the live row
-- (active NULL, revoke_event and revoker_id set) and inserts a new one. Nothing is deleted.
CREATE TABLE IF NOT EXISTS user_perms (
    user_id INTEGER NOT NULL REFERENCES users(id),
    perm_id INTEGER NOT NULL REFERENCES permissions(id),
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT user_perms_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, user_id, perm_id),
    UNIQUE (user_id, perm_id, active)
);

-- A group is a users row with usertype 2.
CREATE TABLE IF NOT EXISTS user_groups (
    user_id INTEGER NOT NULL REFERENCES users(id),
    group_id INTEGER NOT NULL REFERENCES users(id),
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT user_groups_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, user_id, group_id),
    UNIQUE (user_id, group_id, active)
);

-- Sessions live here, not in a hub's memory, so any hub on this database serves any session.
-- master points at the top session of a subsession. exclusive is TRUE or NULL, never FALSE,
-- so UNIQUE (user_id, exclusive) allows one exclusive session per user.
CREATE TABLE IF NOT EXISTS sessions (
    id SERIAL NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    expired BOOLEAN NOT NULL DEFAULT FALSE,
    master INTEGER REFERENCES sessions(id),
    key VARCHAR(255),
    authtype INTEGER,
    hostip VARCHAR(255),
    callnum INTEGER,
    start_time TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    update_time TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    exclusive BOOLEAN CHECK (exclusive),
    closed BOOLEAN NOT NULL DEFAULT FALSE,
    renew_time TIMESTAMPTZ,
    CONSTRAINT no_exclusive_subsessions CHECK (master IS NULL OR exclusive IS NULL),
    CONSTRAINT no_closed_exclusive CHECK (closed IS FALSE OR exclusive IS NULL),
    UNIQUE (user_id, exclusive)
);
CREATE INDEX IF NOT EXISTS sessions_master ON sessions(master);
CREATE INDEX IF NOT EXISTS sessions_expired ON sessions(expired);

/* [jooq ignore start] */
CREATE INDEX IF NOT EXISTS sessions_active_and_recent ON sessions(expired, master, update_time)
    WHERE (expired = FALSE AND master IS NULL);

-- Koji's seeded permissions.
INSERT INTO permissions (name, description) VALUES
    ('admin', 'Full administrator access. Perform all actions.'),
    ('appliance', 'Create appliance builds - deprecated.'),
    ('dist-repo', 'Create a dist-repo.'),
    ('host', 'Add, remove, enable, disable hosts and channels.'),
    ('image', 'Start image tasks.'),
    ('image-import', 'Import image archives.'),
    ('livecd', 'Start livecd tasks.'),
    ('maven-import', 'Import maven archives.'),
    ('repo', 'Manage repos: newRepo, repoExpire, repoDelete, repoProblem.'),
    ('sign', 'Import RPM signatures and write signed RPMs.'),
    ('tag', 'Manage packages in tags: add, block, remove, and clone tags.'),
    ('target', 'Add, edit, and remove targets.'),
    ('win-admin', 'The default hub policy rule for "vm" requires this permission to trigger Windows builds.'),
    ('win-import', 'Import win archives.'),
    ('draft-promoter', 'The permission required in the default "draft_promotion" hub policy rule to promote draft build.')
ON CONFLICT (name) DO NOTHING;
/* [jooq ignore stop] */
