-- getBuild's answers are cached (api/BuildApi) and name the build's content generator, so its
-- table announces committed changes too, as V2-V4 made the others do.
/* [jooq ignore start] */
DROP TRIGGER IF EXISTS kojinext_announce_change ON content_generator;
CREATE TRIGGER kojinext_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON content_generator FOR EACH STATEMENT EXECUTE FUNCTION kojinext_announce_change();
/* [jooq ignore stop] */
