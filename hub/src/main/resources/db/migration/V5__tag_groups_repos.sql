-- Koji 1.35's comps groups, external repositories of tags, and repositories: Koji's table and
-- column names and meanings, so that a Koji database can be adopted (every object is created
-- only if missing). The versioned tables follow V3's pattern: a row is live while active is
-- TRUE, a change revokes the live row and inserts its successor, nothing is deleted.

-- A comps group, by the id it has in comps.xml. Which tags have it, and how, is group_config.
CREATE TABLE IF NOT EXISTS groups (
    id SERIAL NOT NULL PRIMARY KEY,
    name VARCHAR(50) UNIQUE NOT NULL
);

-- A group in a tag. blocked hides the group here and in every tag that inherits this one; the
-- other columns are what comps.xml says of the group.
CREATE TABLE IF NOT EXISTS group_config (
    group_id INTEGER NOT NULL REFERENCES groups(id),
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    blocked BOOLEAN NOT NULL DEFAULT FALSE,
    exported BOOLEAN DEFAULT TRUE,
    display_name VARCHAR NOT NULL,
    is_default BOOLEAN,
    uservisible BOOLEAN,
    description VARCHAR,
    langonly VARCHAR,
    biarchonly BOOLEAN,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT group_config_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, group_id, tag_id),
    UNIQUE (group_id, tag_id, active)
);

-- In a tag, group group_id requires group req_id (comps' grouplist). type is comps' requirement
-- type (mandatory, default, optional); is_metapkg marks a metapackage requirement.
CREATE TABLE IF NOT EXISTS group_req_listing (
    group_id INTEGER NOT NULL REFERENCES groups(id),
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    req_id INTEGER NOT NULL REFERENCES groups(id),
    blocked BOOLEAN NOT NULL DEFAULT FALSE,
    type VARCHAR(25),
    is_metapkg BOOLEAN NOT NULL DEFAULT FALSE,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT group_req_listing_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, group_id, tag_id, req_id),
    UNIQUE (group_id, tag_id, req_id, active)
);

-- In a tag, group group_id contains a package, named by text: it need not be a known package.
-- basearchonly and requires are comps' attributes of the package entry.
CREATE TABLE IF NOT EXISTS group_package_listing (
    group_id INTEGER NOT NULL REFERENCES groups(id),
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    package VARCHAR,
    blocked BOOLEAN NOT NULL DEFAULT FALSE,
    type VARCHAR(25) NOT NULL,
    basearchonly BOOLEAN,
    requires VARCHAR,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT group_package_listing_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, group_id, tag_id, package),
    UNIQUE (group_id, tag_id, package, active)
);

-- Where an external repository (V3's external_repo) lives; the url ends with a slash.
CREATE TABLE IF NOT EXISTS external_repo_config (
    external_repo_id INTEGER NOT NULL REFERENCES external_repo(id),
    url VARCHAR NOT NULL,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT external_repo_config_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, external_repo_id),
    UNIQUE (external_repo_id, active)
);

-- An external repository merged into a tag's repositories. priority orders a tag's external
-- repositories (lower first); merge_mode is koji, simple or bare; arches NULL means the tag's.
CREATE TABLE IF NOT EXISTS tag_external_repos (
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    external_repo_id INTEGER NOT NULL REFERENCES external_repo(id),
    priority INTEGER NOT NULL,
    merge_mode VARCHAR NOT NULL DEFAULT 'koji',
    arches VARCHAR,
    create_event INTEGER NOT NULL REFERENCES events(id),
    revoke_event INTEGER REFERENCES events(id),
    creator_id INTEGER NOT NULL REFERENCES users(id),
    revoker_id INTEGER REFERENCES users(id),
    active BOOLEAN DEFAULT TRUE CHECK (active),
    CONSTRAINT tag_external_repos_active_revoke_sane CHECK (
        (active IS NULL AND revoke_event IS NOT NULL AND revoker_id IS NOT NULL)
        OR (active IS NOT NULL AND revoke_event IS NULL AND revoker_id IS NULL)),
    PRIMARY KEY (create_event, tag_id, priority),
    UNIQUE (tag_id, priority, active),
    UNIQUE (tag_id, external_repo_id, active)
);

-- A repository of a tag's content as of create_event (which may be older than the row itself,
-- made at creation_time). begin_event is the tag's last change at or before create_event,
-- end_event its first change after it: between them the repository matches the tag. state is
-- Koji's REPO_STATES (0 INIT, 1 READY, 2 EXPIRED, 3 DELETED, 4 PROBLEM); dist marks a
-- distribution repository. Nothing writes repositories yet: the builder and kojira's work
-- arrive later.
--
-- Koji's task_id references task(id). The task table arrives with tasks, and that migration
-- adds the foreign key; until then task_id is a plain column.
CREATE TABLE IF NOT EXISTS repo (
    id SERIAL NOT NULL PRIMARY KEY,
    creation_time TIMESTAMPTZ DEFAULT NOW(),
    create_event INTEGER NOT NULL REFERENCES events(id),
    state_time TIMESTAMPTZ DEFAULT NOW(),
    begin_event INTEGER REFERENCES events(id),
    end_event INTEGER REFERENCES events(id),
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    state INTEGER,
    dist BOOLEAN DEFAULT FALSE,
    opts JSONB,
    custom_opts JSONB,
    task_id INTEGER
);

/* [jooq ignore start] */
-- Koji's TEXT columns are declared VARCHAR above only because jOOQ's build-time reader keeps
-- its schema in H2, which cannot index TEXT. In PostgreSQL the two are the same type; this turns
-- them into TEXT, as in Koji (no rewrite, and nothing to do on an adopted Koji database).
ALTER TABLE group_config ALTER COLUMN display_name TYPE TEXT;
ALTER TABLE group_config ALTER COLUMN description TYPE TEXT;
ALTER TABLE group_config ALTER COLUMN langonly TYPE TEXT;
ALTER TABLE group_package_listing ALTER COLUMN package TYPE TEXT;
ALTER TABLE group_package_listing ALTER COLUMN requires TYPE TEXT;
ALTER TABLE external_repo_config ALTER COLUMN url TYPE TEXT;
ALTER TABLE tag_external_repos ALTER COLUMN merge_mode TYPE TEXT;
ALTER TABLE tag_external_repos ALTER COLUMN arches TYPE TEXT;
/* [jooq ignore stop] */
