-- Package lists, tag listings and builds announce their committed changes too (see V2; V3 did
-- the tags'), so that hubs may cache answers read from them, such as a tag's latest builds, and
-- still never serve one that another hub, or anyone with psql, has made stale.
/* [jooq ignore start] */
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['tag_packages', 'tag_package_owners', 'tag_listing', 'build', 'build_types'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS kojinext_announce_change ON %I', t);
        EXECUTE format('CREATE TRIGGER kojinext_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                       'ON %I FOR EACH STATEMENT EXECUTE FUNCTION kojinext_announce_change()', t);
    END LOOP;
END;
$$;
/* [jooq ignore stop] */

-- Choosing a tag's latest builds needs only each listed build's package and state; with both in
-- the index, PostgreSQL answers from the index alone instead of reading every build row.
CREATE INDEX IF NOT EXISTS build_listing_facts ON build (id) INCLUDE (pkg_id, state);
