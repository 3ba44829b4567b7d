package org.kojinext.hub.tagging;

import static org.kojinext.hub.db.jooq.Tables.GROUP_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.GROUP_PACKAGE_LISTING;
import static org.kojinext.hub.db.jooq.Tables.GROUP_REQ_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTERNAL_REPOS;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTRA;
import static org.kojinext.hub.db.jooq.Tables.TAG_INHERITANCE;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_UPDATES;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jooq.AggregateFunction;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * When a tag's content last (or first) changed: the events of the versioned tables that make up
 * a tag (its builds, inheritance, configuration, package list, external repositories, extra and
 * comps groups, as Koji lists them), and of tag_updates. Repositories are judged current by
 * these. Koji also counts changes to the external repositories' own URL and data, which Koji
 * Next does not count yet.
 */
public final class TagChanges {
    /** The versioned tables whose rows belong to a tag. */
    private static final List<Table<?>> TABLES = List.of(TAG_LISTING, TAG_INHERITANCE, TAG_CONFIG, TAG_PACKAGES,
            TAG_EXTERNAL_REPOS, TAG_EXTRA, GROUP_PACKAGE_LISTING, GROUP_REQ_LISTING, GROUP_CONFIG);

    private TagChanges() {
    }

    private static Field<Integer> col(Table<?> t, String name) {
        return Objects.requireNonNull(t.field(name, Integer.class), name);
    }

    /** Whether anything in these tags changed after the event (inheritance is the caller's). */
    public static boolean changedSince(DSLContext db, int event, Collection<Integer> tagIds) {
        if (db.fetchExists(TAG_UPDATES, TAG_UPDATES.UPDATE_EVENT.gt(event).and(TAG_UPDATES.TAG_ID.in(tagIds)))) {
            return true;
        }
        for (Table<?> t : TABLES) {
            if (db.fetchExists(t, col(t, "tag_id").in(tagIds)
                    .and(col(t, "create_event").gt(event).or(col(t, "revoke_event").gt(event))))) {
                return true;
            }
        }
        return false;
    }

    /** The revoke event of a deleted tag's configuration, or null while the tag exists. */
    public static Integer deletedAt(DSLContext db, int tagId) {
        if (db.fetchExists(TAG_CONFIG, TAG_CONFIG.TAG_ID.eq(tagId).and(TAG_CONFIG.ACTIVE.isTrue()))) {
            return null;
        }
        return db.select(DSL.max(TAG_CONFIG.REVOKE_EVENT)).from(TAG_CONFIG).where(TAG_CONFIG.TAG_ID.eq(tagId))
                .fetchOne(0, Integer.class);
    }

    /**
     * The latest change before {@code before} (or ever), or null. A deleted tag's deletion caps it.
     *
     * @param tagIds the tag and, if inheritance counts, its parents at {@code before}
     */
    public static Integer last(DSLContext db, int tagId, Collection<Integer> tagIds, Integer before) {
        Integer deleted = deletedAt(db, tagId);
        if (before == null && deleted != null) {
            return deleted;
        }
        List<Integer> events = new ArrayList<>();
        events.add(extreme(db, TAG_UPDATES, TAG_UPDATES.UPDATE_EVENT, tagIds, before, false));
        for (Table<?> t : TABLES) {
            events.add(extreme(db, t, col(t, "create_event"), tagIds, before, false));
            events.add(extreme(db, t, col(t, "revoke_event"), tagIds, before, false));
        }
        Integer max = events.stream().filter(Objects::nonNull).max(Integer::compare).orElse(null);
        return max == null ? null : deleted != null ? Math.min(deleted, max) : max;
    }

    /**
     * The first change after {@code after}, or with no {@code after} the tag's creation; null if
     * there is none.
     */
    public static Integer first(DSLContext db, int tagId, Collection<Integer> tagIds, Integer after) {
        if (after == null) {
            return db.select(DSL.min(TAG_CONFIG.CREATE_EVENT)).from(TAG_CONFIG).where(TAG_CONFIG.TAG_ID.eq(tagId))
                    .fetchOne(0, Integer.class);
        }
        List<Integer> events = new ArrayList<>();
        events.add(extreme(db, TAG_UPDATES, TAG_UPDATES.UPDATE_EVENT, tagIds, after, true));
        for (Table<?> t : TABLES) {
            events.add(extreme(db, t, col(t, "create_event"), tagIds, after, true));
            events.add(extreme(db, t, col(t, "revoke_event"), tagIds, after, true));
        }
        return events.stream().filter(Objects::nonNull).min(Integer::compare).orElse(null);
    }

    /** max(event) before the bound, or min(event) after it. */
    private static Integer extreme(DSLContext db, Table<?> t, Field<Integer> event, Collection<Integer> tagIds,
                                   Integer bound, boolean after) {
        var where = col(t, "tag_id").in(tagIds);
        if (bound != null) {
            where = where.and(after ? event.gt(bound) : event.lt(bound));
        }
        AggregateFunction<Integer> agg = after ? DSL.min(event) : DSL.max(event);
        return db.select(agg).from(t).where(where).fetchOne(0, Integer.class);
    }
}
