package org.kojinext.hub.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_INHERITANCE;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestPostgres;
import org.kojinext.hub.tools.seed.DistributionSeeder;
import picocli.CommandLine;

class SeedCommandTest {
    private static int run(String url, StringWriter err, String... extra) {
        CommandLine cli = new CommandLine(new ToolsMain());
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("dev", "seed", "--db-url", url,
                "--packages", "300", "--builds", "3000", "--tag-events", "900", "--packagers", "7"));
        args.addAll(List.of(extra));
        return cli.execute(args.toArray(String[]::new));
    }

    @Test
    void writesTheRequestedHistoryOnTheReleaseChainAndRefusesToSeedTwice() throws Exception {
        String url = TestPostgres.newDatabase();
        assertThat(run(url, new StringWriter())).isZero();
        try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
            DSLContext db = DSL.using(c, SQLDialect.POSTGRES);
            assertThat(db.fetchCount(PACKAGE)).isEqualTo(300);
            assertThat(db.fetchCount(BUILD)).isEqualTo(3000);
            // Every tag or move is its own event; a move also revokes the candidate's row.
            int tagEvents = db.fetchCount(db.selectDistinct(TAG_LISTING.CREATE_EVENT).from(TAG_LISTING));
            assertThat(tagEvents).isEqualTo(900);
            assertThat(db.fetchCount(TAG_LISTING, TAG_LISTING.REVOKE_EVENT.isNotNull())).isPositive();
            // The chain: each tag's one parent is the tag before it.
            List<String> chain = DistributionSeeder.CHAIN;
            for (int i = 1; i < chain.size(); i++) {
                Integer child = db.select(TAG.ID).from(TAG).where(TAG.NAME.eq(chain.get(i))).fetchOne(TAG.ID);
                String parent = db.select(TAG.NAME).from(TAG_INHERITANCE).join(TAG).on(TAG.ID.eq(TAG_INHERITANCE.PARENT_ID))
                        .where(TAG_INHERITANCE.TAG_ID.eq(child)).fetchSingle(TAG.NAME);
                assertThat(parent).isEqualTo(chain.get(i - 1));
            }
            assertThat(db.fetchCount(TAG_PACKAGES, TAG_PACKAGES.BLOCKED.isTrue())).isEqualTo(3);
            assertThat(db.fetchCount(TAG_PACKAGE_OWNERS, TAG_PACKAGE_OWNERS.ACTIVE.isTrue())).isEqualTo(300);
            // Only complete builds are tagged, and events only move forward in time.
            assertThat(db.fetchCount(TAG_LISTING.join(BUILD).on(BUILD.ID.eq(TAG_LISTING.BUILD_ID)),
                    BUILD.STATE.ne(1))).isZero();
            assertThat(db.fetchCount(EVENTS.as("a").join(EVENTS.as("b"))
                    .on(EVENTS.as("b").ID.gt(EVENTS.as("a").ID)).and(EVENTS.as("b").TIME.lt(EVENTS.as("a").TIME))))
                    .isZero();
        }
        StringWriter err = new StringWriter();
        assertThat(run(url, err)).isEqualTo(1);
        assertThat(err.toString()).contains("seed fills an empty one");
    }

    @Test
    void impossiblePlansAreRefusedBeforeTouchingTheDatabase() {
        assertThat(run("jdbc:postgresql://127.0.0.1:1/none", new StringWriter(), "--builds", "10")).isEqualTo(2);
    }
}
