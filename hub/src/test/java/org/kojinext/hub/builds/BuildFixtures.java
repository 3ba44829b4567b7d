package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.kojinext.hub.testing.TestHub;

/** Direct database access for states the API cannot reach yet (failing a build, tagging). */
final class BuildFixtures {
    private BuildFixtures() {
    }

    static <T> T sql(TestHub hub, Function<DSLContext, T> work) {
        try (var c = hub.hub().database().dataSource().getConnection()) {
            c.setAutoCommit(true);
            return work.apply(DSL.using(c, SQLDialect.POSTGRES));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void setState(TestHub hub, int buildId, BuildState state) {
        sql(hub, db -> db.update(BUILD).set(BUILD.STATE, state.code())
                .set(BUILD.COMPLETION_TIME, DSL.coalesce(BUILD.COMPLETION_TIME, DSL.currentOffsetDateTime()))
                .where(BUILD.ID.eq(buildId)).execute());
    }

    /** Tags the build the way the tagging code will: a live tag_listing row. */
    static void tag(TestHub hub, int buildId, String tagName) {
        sql(hub, db -> {
            int event = db.insertInto(EVENTS).defaultValues().returning(EVENTS.ID).fetchSingle().getId();
            int admin = db.select(USERS.ID).from(USERS).where(USERS.NAME.eq("kojiadmin")).fetchSingle(USERS.ID);
            Integer tag = db.select(TAG.ID).from(TAG).where(TAG.NAME.eq(tagName)).fetchOne(TAG.ID);
            if (tag == null) {
                tag = db.insertInto(TAG).set(TAG.NAME, tagName).returning(TAG.ID).fetchSingle().getId();
            }
            return db.insertInto(TAG_LISTING).set(TAG_LISTING.BUILD_ID, buildId).set(TAG_LISTING.TAG_ID, tag)
                    .set(TAG_LISTING.CREATE_EVENT, event).set(TAG_LISTING.CREATOR_ID, admin).execute();
        });
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static List<Object> args(Object... a) {
        return Arrays.asList(a);
    }
}
