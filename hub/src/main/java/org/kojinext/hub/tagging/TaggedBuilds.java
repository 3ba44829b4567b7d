package org.kojinext.hub.tagging;

import static org.kojinext.hub.db.jooq.Tables.BTYPE;
import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TYPES;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_INHERITANCE;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;
import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.VOLUME;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.db.Tx;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.db.jooq.tables.Users;
import org.kojinext.hub.events.ChangeFeed;
import org.kojinext.hub.events.ReadCache;
import org.kojinext.hub.packages.PackageList;
import org.kojinext.hub.packages.TagView;
import org.kojinext.protocol.KojiFault;

/**
 * The builds in a tag as Koji reads them (readTaggedBuilds): complete builds in tag_listing,
 * most recently tagged first (a tie goes to the newer build), the tag's own before inherited
 * tags', and only for packages the tag's effective package list admits. "Latest" means the first
 * builds of each package in that order: most recently tagged, not highest version.
 */
public final class TaggedBuilds {
    private static final int COMPLETE = 1;
    private static final Users OWNER = USERS.as("owner");
    private static final Users PROMOTER = USERS.as("promoter");

    /**
     * What to read. {@code latest} is 0 for all builds, else how many per package (Koji's True is 1).
     */
    public record Query(int tagId, Integer event, boolean inherit, int latest, String pkgName, String ownerName,
                        String type, boolean extra, Boolean draft) {
    }

    /**
     * Every table an answer is read from. Events are left out: an event row never changes once
     * its transaction has committed.
     */
    private static final String[] SOURCES = Stream.of(TAG_LISTING, BUILD, BUILD_TYPES, BTYPE, PACKAGE, USERS, VOLUME,
            TAG, TAG_INHERITANCE, TAG_PACKAGES, TAG_PACKAGE_OWNERS).map(Table::getName).toArray(String[]::new);

    private final TagView tags;
    /**
     * Current answers (no event): a repo regeneration or a compose asks for the same tag's latest
     * builds again and again, and reading 25,000 of them costs far more than sending them. Any
     * committed write to a source table, by any hub, voids them all (see ChangeFeed).
     */
    private final ReadCache<Query, List<Map<String, Object>>> current;

    public TaggedBuilds(TagView tags, ChangeFeed changes) {
        this.tags = tags;
        this.current = new ReadCache<>(changes, 16, SOURCES);
    }

    /** As {@link #read(DSLContext, Query)}, served from the cache when it asks for the present. */
    public List<Map<String, Object>> read(Tx tx, Query q) {
        if (q.event() != null) {
            return read(tx.dsl(), q);
        }
        return current.get(tx, q, k -> shared(read(tx.dsl(), k)));
    }

    /** Cached answers go to many callers at once: none of them may change one. */
    private static List<Map<String, Object>> shared(List<Map<String, Object>> builds) {
        List<Map<String, Object>> out = new ArrayList<>(builds.size());
        for (Map<String, Object> b : builds) {
            out.add(Collections.unmodifiableMap(b));
        }
        return Collections.unmodifiableList(out);
    }

    /** Koji's latest argument: a bool, or a number of builds per package. */
    public static int latest(Object arg) {
        if (arg instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (arg instanceof Integer n) {
            return n;
        }
        if (arg == null) {
            return 0;
        }
        throw KojiFault.parameter("latest must be a bool or an int");
    }

    public List<Map<String, Object>> read(DSLContext db, Query q) {
        List<PackageList.Parent> parents = tags.parents(db, q.tagId(), q.event());
        List<Integer> tagIds = new ArrayList<>();
        tagIds.add(q.tagId());
        if (q.inherit()) {
            parents.forEach(p -> tagIds.add(p.tagId()));
        }
        // The package list always counts inheritance, whether or not the builds do.
        Integer pkgId = null;
        if (q.pkgName() != null) {
            pkgId = db.select(PACKAGE.ID).from(PACKAGE).where(PACKAGE.NAME.eq(q.pkgName())).fetchOne(PACKAGE.ID);
            if (pkgId == null) {
                return List.of();
            }
        }
        Map<Integer, Map<String, Object>> admitted = PackageList.read(db,
                new PackageList.Query(q.tagId(), null, pkgId, q.event(), false, true), parents);
        List<Condition> where = new ArrayList<>(List.of(Versioned.at(TAG_LISTING, q.event()),
                BUILD.STATE.eq(COMPLETE), TAG_LISTING.TAG_ID.in(tagIds)));
        if (q.pkgName() != null) {
            where.add(BUILD.PKG_ID.eq(pkgId));
        }
        if (q.ownerName() != null) {
            where.add(BUILD.OWNER.in(DSL.select(USERS.ID).from(USERS).where(USERS.NAME.eq(q.ownerName()))));
        }
        if (q.draft() != null) {
            where.add(q.draft() ? BUILD.DRAFT.isTrue() : BUILD.DRAFT.isDistinctFrom(true));
        }
        var from = TAG_LISTING.join(BUILD).on(BUILD.ID.eq(TAG_LISTING.BUILD_ID));
        if (q.type() != null) {
            // Koji reads maven, win and image builds from their own tables; Koji Next has only
            // build_types so far, which Koji fills for every type too.
            Integer btype = db.select(BTYPE.ID).from(BTYPE).where(BTYPE.NAME.eq(q.type())).fetchOne(BTYPE.ID);
            if (btype == null) {
                throw KojiFault.generic("unsupported build type: " + q.type());
            }
            from = from.join(BUILD_TYPES).on(BUILD_TYPES.BUILD_ID.eq(BUILD.ID).and(BUILD_TYPES.BTYPE_ID.eq(btype)));
        }
        // First only what choosing needs, for every tag at once: a tag's listing can be tens of
        // thousands of rows, and most of them are not chosen when only the latest are wanted.
        Map<Integer, List<Listed>> byTag = new HashMap<>();
        for (var r : db.select(TAG_LISTING.TAG_ID, TAG_LISTING.BUILD_ID, TAG_LISTING.CREATE_EVENT, BUILD.PKG_ID)
                .from(from).where(where).fetch()) {
            byTag.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                    .add(new Listed(r.value1(), r.value2(), r.value3(), r.value4()));
        }
        List<Listed> chosen = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int tagId : tagIds) {
            List<Listed> rows = byTag.get(tagId);
            if (rows == null) {
                continue;
            }
            // Most recently tagged first; a tie (one event) goes to the newer build.
            rows.sort(Comparator.comparingInt(Listed::event).thenComparingInt(Listed::buildId).reversed());
            for (Listed l : rows) {
                Map<String, Object> entry = admitted.get(l.pkgId());
                if (entry == null || Boolean.TRUE.equals(entry.get("blocked"))) {
                    // The package list wins over a tag_listing row that disagrees with it.
                    continue;
                }
                if (q.latest() > 0 && seen.merge(l.pkgId(), 1, Integer::sum) > q.latest()) {
                    continue;
                }
                chosen.add(l);
            }
        }
        return structs(db, chosen, q.extra());
    }

    private record Listed(int tagId, int buildId, int event, int pkgId) {
    }

    /** The chosen builds' full rows, in the chosen order, each with the tag it was chosen from. */
    private static List<Map<String, Object>> structs(DSLContext db, List<Listed> chosen, boolean extra) {
        if (chosen.isEmpty()) {
            return List.of();
        }
        Integer[] ids = chosen.stream().map(Listed::buildId).distinct().toArray(Integer[]::new);
        Map<Integer, Record> rows = new HashMap<>(ids.length * 2);
        for (Record r : db.select(fields(extra)).from(BUILD_FROM)
                .where(BUILD.ID.eq(DSL.any(DSL.val(ids, SQLDataType.INTEGER.array())))).fetch()) {
            rows.put(r.get(BUILD_ID), r);
        }
        Map<Integer, String> tagNames = db.select(TAG.ID, TAG.NAME).from(TAG)
                .where(TAG.ID.in(chosen.stream().map(Listed::tagId).distinct().toList())).fetchMap(TAG.ID, TAG.NAME);
        List<Map<String, Object>> out = new ArrayList<>(chosen.size());
        for (Listed l : chosen) {
            Record r = rows.get(l.buildId());
            Map<String, Object> m = new LinkedHashMap<>(64);
            m.put("tag_id", l.tagId());
            m.put("tag_name", tagNames.get(l.tagId()));
            for (int i = 0; i < r.size(); i++) {
                m.put(r.field(i).getName(), r.get(i));
            }
            m.put("create_event", l.event());
            if (extra) {
                Object raw = m.get("extra");
                m.put("extra", ExtraJson.decode((String) raw, "invalid build extra"));
            }
            out.add(m);
        }
        return out;
    }

    private static final Field<Integer> BUILD_ID = BUILD.ID.as("id");
    private static final Table<?> BUILD_FROM = BUILD
            .join(EVENTS).on(EVENTS.ID.eq(BUILD.CREATE_EVENT))
            .join(PACKAGE).on(PACKAGE.ID.eq(BUILD.PKG_ID))
            .join(VOLUME).on(VOLUME.ID.eq(BUILD.VOLUME_ID))
            .join(OWNER).on(OWNER.ID.eq(BUILD.OWNER))
            .leftJoin(PROMOTER).on(PROMOTER.ID.eq(BUILD.PROMOTER));

    private static final Field<Integer> PACKAGE_ID = PACKAGE.ID.as("package_id");

    private static List<SelectField<?>> fields(boolean extra) {
        List<SelectField<?>> f = new ArrayList<>(List.of(
                BUILD_ID, BUILD.ID.as("build_id"),
                BUILD.VERSION.as("version"), BUILD.RELEASE.as("release"), BUILD.EPOCH.as("epoch"),
                BUILD.STATE.as("state"), BUILD.COMPLETION_TIME.as("completion_time"),
                BUILD.PROMOTION_TIME.as("promotion_time"), BUILD.START_TIME.as("start_time"),
                BUILD.TASK_ID.as("task_id"), BUILD.DRAFT.as("draft"), OWNER.ID.as("owner_id"),
                OWNER.NAME.as("owner_name"), PROMOTER.ID.as("promoter_id"), PROMOTER.NAME.as("promoter_name"),
                EVENTS.ID.as("creation_event_id"), EVENTS.TIME.as("creation_time"), VOLUME.ID.as("volume_id"),
                VOLUME.NAME.as("volume_name"), PACKAGE_ID, PACKAGE.NAME.as("package_name"),
                PACKAGE.NAME.as("name"),
                DSL.concat(PACKAGE.NAME, DSL.inline("-"), BUILD.VERSION, DSL.inline("-"), BUILD.RELEASE).as("nvr")));
        if (extra) {
            f.add(BUILD.EXTRA.as("extra"));
        }
        return f;
    }

}
