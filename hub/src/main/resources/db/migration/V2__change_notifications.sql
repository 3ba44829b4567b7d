-- Every committed change to a table that hubs cache is announced on one channel, named by the
-- table. A trigger rather than the hub's code, so no write can forget it: not a second hub's,
-- not an administrator's psql session. PostgreSQL sends NOTIFY at commit, folds repeats within
-- a transaction into one, and drops it on rollback.
/* [jooq ignore start] */
CREATE OR REPLACE FUNCTION kojinext_announce_change() RETURNS TRIGGER AS $$
BEGIN
    PERFORM pg_notify('kojinext_change', TG_TABLE_NAME);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['users', 'user_krb_principals', 'permissions', 'user_perms', 'user_groups'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS kojinext_announce_change ON %I', t);
        EXECUTE format('CREATE TRIGGER kojinext_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                       'ON %I FOR EACH STATEMENT EXECUTE FUNCTION kojinext_announce_change()', t);
    END LOOP;
END;
$$;
/* [jooq ignore stop] */
