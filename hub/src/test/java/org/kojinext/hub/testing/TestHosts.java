package org.kojinext.hub.testing;

import static org.kojinext.hub.db.jooq.Tables.CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST;
import static org.kojinext.hub.db.jooq.Tables.HOST_CHANNELS;
import static org.kojinext.hub.db.jooq.Tables.HOST_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.kojinext.hub.auth.PasswordHasher;

/**
 * Builder hosts written straight into a test hub's database (a host user with a password, its host
 * row, config and channels), so that dispatch tests need no admin API.
 */
public final class TestHosts {
    public static final String PASSWORD = "host-secret";

    private TestHosts() {
    }

    /** Creates the host; returns its id. Channels are created if missing. */
    public static int create(String jdbcUrl, String name, String arches, double capacity, List<String> channels) {
        return db(jdbcUrl, d -> {
            int admin = d.select(USERS.ID).from(USERS).where(USERS.NAME.eq("kojiadmin")).fetchSingle(USERS.ID);
            int event = d.select(DSL.function("get_event", Integer.class)).fetchSingle().value1();
            int user = d.insertInto(USERS).set(USERS.NAME, name).set(USERS.PASSWORD, PasswordHasher.hash(PASSWORD))
                    .set(USERS.STATUS, 0).set(USERS.USERTYPE, 1).returning(USERS.ID).fetchOne().getId();
            int host = d.insertInto(HOST).set(HOST.USER_ID, user).set(HOST.NAME, name)
                    .returning(HOST.ID).fetchOne().getId();
            d.insertInto(HOST_CONFIG).set(HOST_CONFIG.HOST_ID, host).set(HOST_CONFIG.ARCHES, arches)
                    .set(HOST_CONFIG.CAPACITY, capacity).set(HOST_CONFIG.CREATE_EVENT, event)
                    .set(HOST_CONFIG.CREATOR_ID, admin).execute();
            for (String ch : channels) {
                d.insertInto(CHANNELS).set(CHANNELS.NAME, ch).onConflictDoNothing().execute();
                int chId = d.select(CHANNELS.ID).from(CHANNELS).where(CHANNELS.NAME.eq(ch)).fetchSingle(CHANNELS.ID);
                d.insertInto(HOST_CHANNELS).set(HOST_CHANNELS.HOST_ID, host).set(HOST_CHANNELS.CHANNEL_ID, chId)
                        .set(HOST_CHANNELS.CREATE_EVENT, event).set(HOST_CHANNELS.CREATOR_ID, admin).execute();
            }
            return host;
        });
    }

    public static <T> T db(String jdbcUrl, Function<DSLContext, T> work) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null)) {
            return work.apply(DSL.using(c, SQLDialect.POSTGRES));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
