-- Buildroots, with Koji 1.35's tables and column names: buildroot (one row per buildroot of any
-- type), standard_buildroot (those a Koji builder made for a task, br_type 0 STANDARD; Koji's
-- BR_STATES 0 INIT, 1 WAITING, 2 BUILDING, 3 EXPIRED), buildroot_tools_info, and what a buildroot
-- held: buildroot_listing (rpms) and buildroot_archives (archives).

CREATE TABLE IF NOT EXISTS buildroot (
    id SERIAL NOT NULL PRIMARY KEY,
    br_type INTEGER NOT NULL,
    cg_id INTEGER REFERENCES content_generator (id),
    cg_version VARCHAR,
    CONSTRAINT cg_sane CHECK (
        (cg_id IS NULL AND cg_version IS NULL)
        OR (cg_id IS NOT NULL AND cg_version IS NOT NULL)),
    container_type VARCHAR,
    container_arch VARCHAR,
    CONSTRAINT container_sane CHECK (
        (container_type IS NULL AND container_arch IS NULL)
        OR (container_type IS NOT NULL AND container_arch IS NOT NULL)),
    host_os VARCHAR,
    host_arch VARCHAR,
    extra VARCHAR
);

-- create_event defaults to a fresh event, as in Koji (set below: jOOQ's reader does not know
-- get_event()). retire_event is set when the buildroot expires.
CREATE TABLE IF NOT EXISTS standard_buildroot (
    buildroot_id INTEGER NOT NULL PRIMARY KEY REFERENCES buildroot (id),
    host_id INTEGER NOT NULL REFERENCES host (id),
    repo_id INTEGER NOT NULL REFERENCES repo (id),
    task_id INTEGER NOT NULL REFERENCES task (id),
    create_event INTEGER NOT NULL REFERENCES events (id),
    retire_event INTEGER,
    state INTEGER
);
-- Not in Koji: listBuildroots(taskID=...) is how a task's page finds its buildroots.
CREATE INDEX IF NOT EXISTS standard_buildroot_task_id ON standard_buildroot (task_id);

CREATE TABLE IF NOT EXISTS buildroot_tools_info (
    buildroot_id INTEGER NOT NULL REFERENCES buildroot (id),
    tool VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    PRIMARY KEY (buildroot_id, tool)
);

CREATE TABLE IF NOT EXISTS buildroot_listing (
    buildroot_id INTEGER NOT NULL REFERENCES buildroot (id),
    rpm_id INTEGER NOT NULL REFERENCES rpminfo (id),
    is_update BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (buildroot_id, rpm_id)
);
CREATE INDEX IF NOT EXISTS buildroot_listing_rpms ON buildroot_listing (rpm_id);

CREATE TABLE IF NOT EXISTS buildroot_archives (
    buildroot_id INTEGER NOT NULL REFERENCES buildroot (id),
    archive_id INTEGER NOT NULL REFERENCES archiveinfo (id),
    project_dep BOOLEAN NOT NULL,
    PRIMARY KEY (buildroot_id, archive_id)
);
CREATE INDEX IF NOT EXISTS buildroot_archives_archive_idx ON buildroot_archives (archive_id);

/* [jooq ignore start] */
-- TEXT as in Koji; see V3 for why the columns are declared VARCHAR above.
ALTER TABLE buildroot ALTER COLUMN cg_version TYPE TEXT;
ALTER TABLE buildroot ALTER COLUMN container_type TYPE TEXT;
ALTER TABLE buildroot ALTER COLUMN container_arch TYPE TEXT;
ALTER TABLE buildroot ALTER COLUMN host_os TYPE TEXT;
ALTER TABLE buildroot ALTER COLUMN host_arch TYPE TEXT;
ALTER TABLE buildroot ALTER COLUMN extra TYPE TEXT;
ALTER TABLE buildroot_tools_info ALTER COLUMN tool TYPE TEXT;
ALTER TABLE buildroot_tools_info ALTER COLUMN version TYPE TEXT;
ALTER TABLE standard_buildroot ALTER COLUMN create_event SET DEFAULT get_event();

-- The references V3 left for the buildroot table, under the names Koji's inline REFERENCES get
-- (an adopted Koji database already has them). They cannot fail on a Koji Next database: until
-- this migration nothing wrote rpminfo.buildroot_id or archiveinfo.buildroot_id, so every row
-- holds NULL, which a foreign key accepts.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'rpminfo_buildroot_id_fkey') THEN
        ALTER TABLE rpminfo ADD CONSTRAINT rpminfo_buildroot_id_fkey
            FOREIGN KEY (buildroot_id) REFERENCES buildroot (id);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'archiveinfo_buildroot_id_fkey') THEN
        ALTER TABLE archiveinfo ADD CONSTRAINT archiveinfo_buildroot_id_fkey
            FOREIGN KEY (buildroot_id) REFERENCES buildroot (id);
    END IF;
END;
$$;
/* [jooq ignore stop] */
