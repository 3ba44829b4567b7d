package org.kojinext.hub.tools.seed;

import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTRA;
import static org.kojinext.hub.db.jooq.Tables.TAG_INHERITANCE;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.kojinext.hub.db.Database;
import org.kojinext.hub.db.jooq.tables.records.BuildRecord;
import org.kojinext.hub.db.jooq.tables.records.EventsRecord;
import org.kojinext.hub.db.jooq.tables.records.TagListingRecord;
import org.kojinext.hub.db.jooq.tables.records.TagPackageOwnersRecord;

/**
 * Writes a distribution-sized history straight into an empty database, in one transaction, with
 * the rows and events the hub's own methods would have written: a release chain of four tags
 * (dist ← dist-updates ← dist-updates-candidate ← dist-build, each inheriting from the one
 * before), the package list and owners on dist, packages blocked in updates and some of them
 * unblocked again in the build tag, builds with their own events, and tagging history in which
 * candidates are later moved into updates (an untag and a tag in one event).
 *
 * <p>Rows go in through batched inserts with ids chosen here, so no row needs a round trip to
 * learn its id; the id sequences are moved past them at the end.
 */
public final class DistributionSeeder {
    /** The release chain, parents first: each tag inherits from the one before it. */
    public static final List<String> CHAIN = List.of("dist", "dist-updates", "dist-updates-candidate", "dist-build");
    public static final String TARGET = "dist-candidate";
    private static final int FLUSH_ROWS = 20_000;
    private static final int COMPLETE = 1;
    private static final int FAILED = 3;
    private static final int CANCELED = 4;

    private final DSLContext db;
    private final SeedPlan plan;
    private final Random random;
    private final Consumer<String> progress;
    private final List<TableRecord<?>> events = new ArrayList<>();
    private final List<TableRecord<?>> rows = new ArrayList<>();
    private int nextEvent;
    private OffsetDateTime clock = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    public DistributionSeeder(DSLContext db, SeedPlan plan, Consumer<String> progress) {
        this.db = db;
        this.plan = plan;
        this.random = new Random(plan.randomSeed());
        this.progress = progress;
    }

    /** What the seed wrote, for the report. */
    public record Result(int packages, int builds, int taggingEvents, int events, int firstEvent, int lastEvent) {
    }

    /**
     * Seeds the database at {@code url} (already migrated) in one transaction: on any error
     * nothing is kept.
     */
    public static Result seed(String url, String user, String password, SeedPlan plan, Consumer<String> progress)
            throws SQLException {
        Properties props = new Properties();
        // Lets the driver send each batch as multi-row INSERTs: several times faster here.
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "kojinext-dev-seed");
        try (Connection c = Database.connect(url, user, password, props)) {
            c.setAutoCommit(false);
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
            try {
                Result r = new DistributionSeeder(dsl, plan, progress).run();
                c.commit();
                // Fresh statistics, as autovacuum would gather some minutes later: until then the
                // planner takes the new tables for empty ones and picks plans for that.
                progress.accept("analyzing");
                c.setAutoCommit(true);
                try (var st = c.createStatement()) {
                    st.execute("ANALYZE");
                }
                return r;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Result run() {
        long existing = db.fetchCount(BUILD) + db.fetchCount(PACKAGE) + db.fetchCount(TAG);
        if (existing > 0) {
            throw new IllegalStateException("the database already has builds, packages or tags; "
                    + "seed fills an empty one (start from a fresh --data-dir or database)");
        }
        nextEvent = next(EVENTS, EVENTS.ID);
        int firstEvent = nextEvent;

        int releng = next(USERS, USERS.ID);
        List<Integer> packagers = new ArrayList<>();
        int setup = event();
        user(releng, "releng");
        for (int i = 1; i <= plan.packagers(); i++) {
            packagers.add(releng + i);
            user(releng + i, String.format("packager-%03d", i));
        }

        int[] tags = new int[CHAIN.size()];
        int firstTag = next(TAG, TAG.ID);
        for (int i = 0; i < CHAIN.size(); i++) {
            tags[i] = firstTag + i;
            tag(tags[i], CHAIN.get(i), i == 0 ? "x86_64 aarch64 ppc64le s390x" : null, setup, releng);
            if (i > 0) {
                var link = db.newRecord(TAG_INHERITANCE);
                link.setTagId(tags[i]);
                link.setParentId(tags[i - 1]);
                link.setPriority(0);
                versioned(link, setup, releng);
            }
        }
        extra(tags[0], "rpm.macro.dist", "\".dist\"", setup, releng);
        extra(tags[0], "mock.package_manager", "\"dnf\"", setup, releng);
        var target = db.newRecord(BUILD_TARGET);
        target.setId(next(BUILD_TARGET, BUILD_TARGET.ID));
        target.setName(TARGET);
        rows.add(target);
        var targetConfig = db.newRecord(BUILD_TARGET_CONFIG);
        targetConfig.setBuildTargetId(target.getId());
        targetConfig.setBuildTag(tags[3]);
        targetConfig.setDestTag(tags[2]);
        versioned(targetConfig, setup, releng);

        List<String> names = PackageNames.generate(plan.packages(), random);
        int firstPackage = next(PACKAGE, PACKAGE.ID);
        List<TagPackageOwnersRecord> owners = new ArrayList<>(names.size());
        int listEvent = 0;
        for (int i = 0; i < names.size(); i++) {
            // Packages join the list a few dozen per event, as an import script would add them.
            if (i % 50 == 0) {
                listEvent = event();
            }
            int pkg = firstPackage + i;
            var p = db.newRecord(PACKAGE);
            p.setId(pkg);
            p.setName(names.get(i));
            rows.add(p);
            var listed = db.newRecord(TAG_PACKAGES);
            listed.setPackageId(pkg);
            listed.setTagId(tags[0]);
            listed.setBlocked(false);
            versioned(listed, listEvent, releng);
            var owner = db.newRecord(TAG_PACKAGE_OWNERS);
            owner.setPackageId(pkg);
            owner.setTagId(tags[0]);
            owner.setOwner(packagers.get(random.nextInt(packagers.size())));
            owner.setCreateEvent(listEvent);
            owner.setCreatorId(releng);
            owner.setActive(true);
            owners.add(owner);
        }
        for (int i = 0; i < plan.blocked(); i++) {
            int pkg = firstPackage + names.size() - 1 - i;
            int ev = event();
            var block = db.newRecord(TAG_PACKAGES);
            block.setPackageId(pkg);
            block.setTagId(tags[1]);
            block.setBlocked(true);
            versioned(block, ev, releng);
            if (i % 10 == 0) {
                var unblock = db.newRecord(TAG_PACKAGES);
                unblock.setPackageId(pkg);
                unblock.setTagId(tags[3]);
                unblock.setBlocked(false);
                versioned(unblock, event(), releng);
            }
        }
        flush();

        // Every package's first build, tagged into the release.
        int firstBuild = next(BUILD, BUILD.ID);
        int[] buildsOf = new int[names.size()];
        int buildId = firstBuild;
        int tagged = 0;
        for (int i = 0; i < names.size(); i++) {
            int owner = owners.get(i).getOwner();
            build(buildId, firstPackage + i, names.get(i), buildsOf[i]++, COMPLETE, owner);
            tagListing(buildId, tags[0], event(), owner);
            tagged++;
            buildId++;
            maybeFlush();
        }
        progress.accept(String.format("%,d packages, each with a first build tagged into %s", names.size(), CHAIN.get(0)));

        // The rest: updates over time, some tagged as candidates and later moved into updates.
        List<Integer> order = new ArrayList<>(plan.builds() - names.size());
        for (int b = names.size(); b < plan.builds(); b++) {
            // Skewed: a few packages get many more builds than most, as in a real distribution.
            double u = random.nextDouble();
            order.add((int) (u * u * names.size()));
        }
        Collections.shuffle(order, random);
        int candidatesLeft = plan.candidates();
        int movesLeft = plan.moves();
        int remaining = order.size();
        ArrayDeque<TagListingRecord> waiting = new ArrayDeque<>();
        int ownerChanges = 0;
        for (int pkgIndex : order) {
            int state = random.nextInt(100) < 4 ? (random.nextBoolean() ? FAILED : CANCELED) : COMPLETE;
            int owner = owners.get(pkgIndex).getOwner();
            build(buildId, firstPackage + pkgIndex, names.get(pkgIndex), buildsOf[pkgIndex]++, state, owner);
            // Spread candidates evenly over the builds still to come.
            if (state == COMPLETE && candidatesLeft > 0 && random.nextInt(remaining) < candidatesLeft) {
                waiting.add(candidate(buildId, tags[2], event(), owner));
                candidatesLeft--;
                tagged++;
            }
            remaining--;
            if (movesLeft > 0 && (waiting.size() > 200 || (remaining < movesLeft && !waiting.isEmpty()))) {
                move(waiting.poll(), tags[1]);
                movesLeft--;
                tagged++;
            }
            if (random.nextInt(250) == 0) {
                changeOwner(owners, random.nextInt(owners.size()), packagers, releng);
                ownerChanges++;
            }
            buildId++;
            int done = buildId - firstBuild;
            if (done % 50_000 == 0) {
                progress.accept(String.format("builds %,d/%,d", done, plan.builds()));
            }
            maybeFlush();
        }
        while (movesLeft > 0 && !waiting.isEmpty()) {
            move(waiting.poll(), tags[1]);
            movesLeft--;
            tagged++;
        }
        rows.addAll(waiting);
        rows.addAll(owners);
        flush();
        for (Table<?> t : List.of(EVENTS, USERS, TAG, PACKAGE, BUILD, BUILD_TARGET)) {
            resetSequence(t);
        }
        progress.accept(String.format("%,d owner changes; %,d events from %d to %d", ownerChanges,
                nextEvent - firstEvent, firstEvent, nextEvent - 1));
        return new Result(names.size(), buildId - firstBuild, tagged, nextEvent - firstEvent, firstEvent, nextEvent - 1);
    }

    private int event() {
        clock = clock.plusSeconds(20 + random.nextInt(120));
        EventsRecord e = db.newRecord(EVENTS);
        e.setId(nextEvent);
        e.setTime(clock);
        events.add(e);
        return nextEvent++;
    }

    private void user(int id, String name) {
        var u = db.newRecord(USERS);
        u.setId(id);
        u.setName(name);
        u.setStatus(0);
        u.setUsertype(0);
        rows.add(u);
    }

    private void tag(int id, String name, String arches, int event, int creator) {
        var t = db.newRecord(TAG);
        t.setId(id);
        t.setName(name);
        rows.add(t);
        var cfg = db.newRecord(TAG_CONFIG);
        cfg.setTagId(id);
        cfg.setArches(arches);
        cfg.setLocked(false);
        cfg.setMavenSupport(false);
        cfg.setMavenIncludeAll(false);
        versioned(cfg, event, creator);
    }

    private void extra(int tag, String key, String json, int event, int creator) {
        var x = db.newRecord(TAG_EXTRA);
        x.setTagId(tag);
        x.setKey(key);
        x.setValue(json);
        versioned(x, event, creator);
    }

    private void build(int id, int pkg, String name, int n, int state, int owner) {
        int ev = event();
        BuildRecord b = db.newRecord(BUILD);
        b.setId(id);
        b.setPkgId(pkg);
        b.setVolumeId(0);
        // Five releases per version: 1.0-1.dist … 1.0-5.dist, 1.1-1.dist, …
        b.setVersion("1." + (n / 5));
        b.setRelease((n % 5 + 1) + ".dist");
        b.setDraft(false);
        b.setSource("git+https://src.example.org/rpms/" + name + ".git#"
                + HexFormat.of().formatHex(longBytes(random.nextLong())) + HexFormat.of().formatHex(longBytes(id)));
        b.setCreateEvent(ev);
        b.setStartTime(clock);
        b.setCompletionTime(clock.plusMinutes(5 + random.nextInt(60)));
        b.setState(state);
        b.setOwner(owner);
        rows.add(b);
    }

    private static byte[] longBytes(long v) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return out;
    }

    private void tagListing(int build, int tag, int event, int creator) {
        var t = db.newRecord(TAG_LISTING);
        t.setBuildId(build);
        t.setTagId(tag);
        versioned(t, event, creator);
    }

    /** A candidate's row, kept out of the batch until it is moved or the seed ends. */
    private TagListingRecord candidate(int build, int tag, int event, int creator) {
        var t = db.newRecord(TAG_LISTING);
        t.setBuildId(build);
        t.setTagId(tag);
        t.setCreateEvent(event);
        t.setCreatorId(creator);
        t.setActive(true);
        return t;
    }

    /** Untag from the candidate tag and tag into updates, in one event, as a move does. */
    private void move(TagListingRecord candidate, int updatesTag) {
        int ev = event();
        candidate.setRevokeEvent(ev);
        candidate.setRevokerId(candidate.getCreatorId());
        candidate.setActive(null);
        rows.add(candidate);
        tagListing(candidate.getBuildId(), updatesTag, ev, candidate.getCreatorId());
    }

    private void changeOwner(List<TagPackageOwnersRecord> owners, int index, List<Integer> packagers, int releng) {
        TagPackageOwnersRecord old = owners.get(index);
        int ev = event();
        old.setRevokeEvent(ev);
        old.setRevokerId(releng);
        old.setActive(null);
        rows.add(old);
        var now = db.newRecord(TAG_PACKAGE_OWNERS);
        now.setPackageId(old.getPackageId());
        now.setTagId(old.getTagId());
        now.setOwner(packagers.get(random.nextInt(packagers.size())));
        now.setCreateEvent(ev);
        now.setCreatorId(releng);
        now.setActive(true);
        owners.set(index, now);
    }

    private <R extends TableRecord<R>> void versioned(R row, int event, int creator) {
        row.set(row.getTable().field("create_event", Integer.class), event);
        row.set(row.getTable().field("creator_id", Integer.class), creator);
        row.set(row.getTable().field("active", Boolean.class), true);
        rows.add(row);
    }

    private void maybeFlush() {
        if (rows.size() + events.size() >= FLUSH_ROWS) {
            flush();
        }
    }

    /** Events first: every other row refers to one. */
    private void flush() {
        db.batchInsert(events).execute();
        events.clear();
        // Referenced rows before referencing ones: users, tags and packages before the rest.
        // Grouped by table too, so that each batch is one statement many times over.
        rows.sort(Comparator.comparingInt((TableRecord<?> r) -> rank(r.getTable()))
                .thenComparing(r -> r.getTable().getName()));
        db.batchInsert(rows).execute();
        rows.clear();
    }

    private static int rank(Table<?> t) {
        if (t == USERS || t == TAG || t == PACKAGE || t == BUILD_TARGET) {
            return 0;
        }
        return t == BUILD ? 1 : 2;
    }

    private int next(Table<?> table, Field<Integer> id) {
        Integer max = db.select(DSL.max(id)).from(table).fetchOne(0, Integer.class);
        return max == null ? 1 : max + 1;
    }

    private void resetSequence(Table<?> table) {
        Field<Integer> id = table.field("id", Integer.class);
        Field<String> seq = DSL.function("pg_get_serial_sequence", SQLDataType.VARCHAR,
                DSL.inline(table.getName()), DSL.inline("id"));
        db.select(DSL.function("setval", SQLDataType.BIGINT, seq,
                DSL.field(DSL.select(DSL.coalesce(DSL.max(id), 1)).from(table)))).fetch();
    }
}
