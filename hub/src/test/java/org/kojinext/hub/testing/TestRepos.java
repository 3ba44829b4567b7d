package org.kojinext.hub.testing;

import static org.kojinext.hub.db.jooq.Tables.REPO;
import static org.kojinext.hub.db.jooq.Tables.TAG;

import org.jooq.impl.DSL;

/**
 * Repo rows written straight into a test hub's database (migration V5's repo table), for tests
 * that need a repo to exist without the calls that make repos.
 */
public final class TestRepos {
    /** Koji's REPO_STATES.READY. */
    public static final int READY = 1;

    private TestRepos() {
    }

    /** A READY repo of the tag as of a fresh event; returns its id. */
    public static int create(String jdbcUrl, String tagName) {
        return TestHosts.db(jdbcUrl, d -> {
            int tag = d.select(TAG.ID).from(TAG).where(TAG.NAME.eq(tagName)).fetchSingle(TAG.ID);
            int event = d.select(DSL.function("get_event", Integer.class)).fetchSingle().value1();
            return d.insertInto(REPO).set(REPO.TAG_ID, tag).set(REPO.CREATE_EVENT, event).set(REPO.STATE, READY)
                    .returning(REPO.ID).fetchSingle().getId();
        });
    }
}
