package org.kojinext.hub.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.hub.testing.TestPostgres;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;
import picocli.CommandLine;

/**
 * {@code kojinext db adopt} on a database shaped like Koji 1.35's.
 *
 * <p>The Koji database here is a stand-in for a real Koji dump: Koji's schema file may not be
 * committed, so the fixture runs our own V1-V3, V5 and V6 (which keep Koji 1.35's tables and columns) without
 * Flyway and removes what only Koji Next has. A real dump may still differ in ways this misses.
 */
class AdoptCommandTest {
    private static final List<String> KOJI_SHAPED_MIGRATIONS = List.of(
            "V1__events_users_sessions.sql", "V2__change_notifications.sql", "V3__tags_packages_builds.sql",
            "V5__tag_groups_repos.sql", "V6__tasks_hosts_channels.sql");

    private record Run(int exit, String out, String err) {
    }

    private static Run adopt(String url, String... extra) {
        List<String> args = new ArrayList<>(List.of("db", "adopt", "--db-url", url, "--db-user", "postgres"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ToolsMain());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", null);
    }

    /** A fresh database that looks like Koji's: Koji's tables, no Koji Next triggers or history. */
    private static String kojiDatabase() throws Exception {
        String url = TestPostgres.newDatabase();
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            for (String file : KOJI_SHAPED_MIGRATIONS) {
                st.execute(resource("db/migration/" + file));
            }
            st.execute("DROP FUNCTION kojinext_announce_change() CASCADE");
        }
        return url;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = AdoptCommandTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What a Koji hub would have written: a user with a plain password, a tag, a build tagged into it. */
    private static void kojiData(String url) throws SQLException {
        try (Connection c = connect(url)) {
            DSLContext db = DSL.using(c, SQLDialect.POSTGRES);
            int user = db.insertInto(USERS).set(USERS.NAME, "olduser").set(USERS.PASSWORD, "koji-plain")
                    .set(USERS.STATUS, 0).set(USERS.USERTYPE, 0).returning(USERS.ID).fetchSingle().getId();
            int ev = db.insertInto(EVENTS).defaultValues().returning(EVENTS.ID).fetchSingle().getId();
            int tag = db.insertInto(TAG).set(TAG.NAME, "f40").returning(TAG.ID).fetchSingle().getId();
            db.insertInto(TAG_CONFIG).set(TAG_CONFIG.TAG_ID, tag).set(TAG_CONFIG.ARCHES, "x86_64")
                    .set(TAG_CONFIG.CREATE_EVENT, ev).set(TAG_CONFIG.CREATOR_ID, user).execute();
            int pkg = db.insertInto(PACKAGE).set(PACKAGE.NAME, "bash").returning(PACKAGE.ID).fetchSingle().getId();
            int build = db.insertInto(BUILD).set(BUILD.VOLUME_ID, 0).set(BUILD.PKG_ID, pkg)
                    .set(BUILD.VERSION, "5.2").set(BUILD.RELEASE, "1.fc40").set(BUILD.STATE, 1)
                    .set(BUILD.COMPLETION_TIME, OffsetDateTime.now()).set(BUILD.OWNER, user)
                    .set(BUILD.CREATE_EVENT, ev).returning(BUILD.ID).fetchSingle().getId();
            db.insertInto(TAG_LISTING).set(TAG_LISTING.BUILD_ID, build).set(TAG_LISTING.TAG_ID, tag)
                    .set(TAG_LISTING.CREATE_EVENT, ev).set(TAG_LISTING.CREATOR_ID, user).execute();
        }
    }

    private static List<String> triggers(DSLContext db) {
        return db.select(DSL.field(DSL.name("event_object_table"), String.class))
                .from(DSL.table(DSL.name("information_schema", "triggers")))
                .where(DSL.field(DSL.name("trigger_name"), String.class).eq("kojinext_announce_change"))
                .fetch(0, String.class);
    }

    /** The highest version among the migrations this build ships. */
    private static int newestMigration() throws Exception {
        return migrationVersions().getLast();
    }

    /** The versions of the migration files, ascending (not always contiguous while branches renumber). */
    private static java.util.List<Integer> migrationVersions() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                AdoptCommandTest.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().toList();
        }
    }

    @Test
    void aKojiDatabaseIsAdoptedKeepingItsDataAndThenServedByAHub() throws Exception {
        String url = kojiDatabase();
        kojiData(url);

        Run dry = adopt(url, "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("V1 events users sessions", "V3 tags packages builds", "Nothing changed");
        try (Connection c = connect(url)) {
            assertThat(DSL.using(c, SQLDialect.POSTGRES).meta().getTables("flyway_schema_history")).isEmpty();
        }

        Run run = adopt(url);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("baseline version 0", "applied V1", "applied V2", "applied V3",
                "schema version " + newestMigration());

        try (Connection c = connect(url)) {
            DSLContext db = DSL.using(c, SQLDialect.POSTGRES);
            assertThat(db.fetchValue(USERS.PASSWORD, USERS.NAME.eq("olduser"))).isEqualTo("koji-plain");
            assertThat(db.select(PACKAGE.NAME, BUILD.VERSION, TAG.NAME).from(TAG_LISTING)
                    .join(BUILD).on(BUILD.ID.eq(TAG_LISTING.BUILD_ID)).join(PACKAGE).on(PACKAGE.ID.eq(BUILD.PKG_ID))
                    .join(TAG).on(TAG.ID.eq(TAG_LISTING.TAG_ID)).fetchSingle().intoList())
                    .containsExactly("bash", "5.2", "f40");
            assertThat(db.fetchCount(TAG_CONFIG, TAG_CONFIG.ACTIVE.isTrue())).isEqualTo(1);
            assertThat(triggers(db)).contains("users", "user_perms", "tag", "tag_config", "build_target", "tag_listing",
                    "build");
            var history = db.select(DSL.field(DSL.name("version"), String.class),
                            DSL.field(DSL.name("description"), String.class), DSL.field(DSL.name("success"), Boolean.class))
                    .from(DSL.table(DSL.name("flyway_schema_history")))
                    .orderBy(DSL.field(DSL.name("installed_rank"))).fetch();
            assertThat(history.getValues(0, String.class)).containsExactlyElementsOf(java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(0), migrationVersions().stream()).map(String::valueOf).toList());
            assertThat(history.get(0).value2()).isEqualTo("Koji database adopted");
            assertThat(history.getValues(2, Boolean.class)).containsOnly(true);
        }

        try (TestHub hub = TestHub.startOn(url, Duration.ofHours(1))) {
            KojiClient c = hub.client(Encoding.XML);
            c.login("olduser", "koji-plain");
            Map<?, ?> me = (Map<?, ?>) c.call("getUser", "olduser");
            assertThat(me.get("name")).isEqualTo("olduser");
            Map<?, ?> history = (Map<?, ?>) c.callKw("queryHistory", List.of(), Map.of("tag", "f40"));
            assertThat((List<?>) history.get("tag_listing")).hasSize(1);
            try (Connection conn = connect(url)) {
                String stored = DSL.using(conn, SQLDialect.POSTGRES).fetchValue(USERS.PASSWORD, USERS.NAME.eq("olduser"));
                assertThat(stored).startsWith("$argon2id$");
            }
        }
    }

    @Test
    void adoptingTwiceIsRefused() throws Exception {
        String url = kojiDatabase();
        assertThat(adopt(url).exit()).isZero();
        Run again = adopt(url);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err().strip())
                .isEqualTo("kojinext db adopt: already a Koji Next database; the hub migrates it on start");
    }

    @Test
    void aDatabaseWithoutKojiTablesIsRefused() throws Exception {
        String url = TestPostgres.newDatabase();
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE events (id SERIAL PRIMARY KEY)");
        }
        Run run = adopt(url);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("kojinext db adopt: not a Koji database: no users, tag, build tables");
        try (Connection c = connect(url)) {
            assertThat(DSL.using(c, SQLDialect.POSTGRES).meta().getTables("flyway_schema_history")).isEmpty();
        }
    }

    @Test
    void aKojiOlderThan135IsRefusedNamingWhatIsMissing() throws Exception {
        String url = kojiDatabase();
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            // What Koji 1.34's schema upgrade added, taken away again.
            st.execute("ALTER TABLE rpminfo DROP COLUMN draft CASCADE");
            st.execute("ALTER TABLE build DROP COLUMN draft CASCADE");
        }
        Run run = adopt(url);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("predates Koji 1.35", "build.draft", "rpminfo.draft", "upgrade Koji to 1.35 first");
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
