-- Koji 1.35's queue of repository requests (repo.request, kojira's checkQueue), with Koji's
-- table and column names so that a Koji database can be adopted. A request is active until a
-- repository satisfies it (repo_id) or its tries run out; at_event and min_event, owner,
-- priority, tag and opts never change for the life of the entry.
CREATE TABLE IF NOT EXISTS repo_queue (
    id SERIAL NOT NULL PRIMARY KEY,
    create_time TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    owner INTEGER REFERENCES users(id) NOT NULL,
    priority INTEGER NOT NULL,
    tag_id INTEGER NOT NULL REFERENCES tag(id),
    at_event INTEGER REFERENCES events(id),
    min_event INTEGER REFERENCES events(id),
    opts JSONB NOT NULL,
    CONSTRAINT only_one_event CHECK (at_event IS NULL OR min_event IS NULL),
    update_time TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    task_id INTEGER REFERENCES task(id),
    tries INTEGER NOT NULL DEFAULT 0,
    repo_id INTEGER REFERENCES repo(id),
    CONSTRAINT active_sane CHECK (NOT active OR repo_id IS NULL)
);

-- Repositories, requests, and everything a repository is made from (the comps groups and the
-- external repositories of tags, beside V3/V4's tag tables) announce their committed changes
-- on V2's channel. Every hub learns from them that a request was made or satisfied (held
-- repo.waitRequest calls wake, the queue runs) and that a tag's content changed (its
-- repositories are requested again), whichever hub or psql session made the change.
/* [jooq ignore start] */
-- The queue's hot read: the active requests without a repository, in queue order (a partial
-- index, which jOOQ's build-time parser cannot read).
CREATE INDEX IF NOT EXISTS repo_queue_waiting ON repo_queue (priority, id) WHERE active AND repo_id IS NULL;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['repo', 'repo_queue', 'group_config', 'group_package_listing', 'group_req_listing',
                             'tag_external_repos', 'external_repo_config'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS kojinext_announce_change ON %I', t);
        EXECUTE format('CREATE TRIGGER kojinext_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                       'ON %I FOR EACH STATEMENT EXECUTE FUNCTION kojinext_announce_change()', t);
    END LOOP;
END;
$$;
/* [jooq ignore stop] */
