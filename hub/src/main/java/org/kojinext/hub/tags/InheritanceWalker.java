package org.kojinext.hub.tags;

import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_INHERITANCE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.kojinext.hub.db.Versioned;

/**
 * Tag inheritance as Koji reads it (readInheritanceData, readDescendantsData and
 * readFullInheritance), at the present or at a past event.
 */
public final class InheritanceWalker {
    private InheritanceWalker() {
    }

    /** A tag's direct parents at an event, by priority. */
    public static List<InheritanceData> parents(DSLContext db, int tagId, Integer event) {
        return read(db, TAG_INHERITANCE.TAG_ID.eq(tagId), TAG_INHERITANCE.PARENT_ID, event);
    }

    /** A tag's direct children at an event, by priority. */
    public static List<InheritanceData> children(DSLContext db, int tagId, Integer event) {
        return read(db, TAG_INHERITANCE.PARENT_ID.eq(tagId), TAG_INHERITANCE.TAG_ID, event);
    }

    private static List<InheritanceData> read(DSLContext db, Condition which, Field<Integer> farEnd,
                                              Integer event) {
        var t = TAG_INHERITANCE;
        return db.select(t.TAG_ID, t.PARENT_ID, TAG.NAME, t.PRIORITY, t.MAXDEPTH, t.INTRANSITIVE,
                        t.NOCONFIG, t.PKG_FILTER)
                .from(t).join(TAG).on(TAG.ID.eq(farEnd))
                .where(which, Versioned.at(t, event))
                .orderBy(t.PRIORITY, farEnd)
                .fetch(r -> new InheritanceData(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7(), r.value8()));
    }

    /**
     * Koji's readFullInheritance: the ordered, depth-first list of links above a tag (below it
     * with {@code reverse}), honouring priorities, maxdepth, intransitive links and loops, and
     * accumulating package filters along each path. A tag reached twice is walked again only when
     * its earlier visit was more restrictive.
     */
    public static List<InheritanceLink> readFull(DSLContext db, int tagId, Integer event, boolean reverse) {
        Walk walk = new Walk(db, event, reverse);
        walk.visit(tagId, Set.of(), 0, null, false, List.of());
        return walk.order;
    }

    private static final class Walk {
        private final DSLContext db;
        private final Integer event;
        private final boolean reverse;
        private final List<InheritanceLink> order = new ArrayList<>();
        private final Map<Integer, List<InheritanceLink>> seen = new HashMap<>();

        Walk(DSLContext db, Integer event, boolean reverse) {
            this.db = db;
            this.event = event;
            this.reverse = reverse;
        }

        /**
         * @param path the tags on the way here, not counting {@code tagId}
         * @param maxdepth links still allowed from here; null for no limit
         * @param noconfig Koji's propagated noconfig flag. Koji sets it for the rest of the
         *     siblings once one link has it, and uses it only to judge revisits; kept so that
         *     revisits are judged as Koji judges them
         */
        void visit(int tagId, Set<Integer> path, int currdepth, Integer maxdepth, boolean noconfig,
                   List<String> pfilter) {
            if (maxdepth != null && maxdepth < 1) {
                return;
            }
            int depth = currdepth + 1;
            Set<Integer> here = new HashSet<>(path);
            here.add(tagId);
            List<InheritanceData> links = reverse ? children(db, tagId, event) : parents(db, tagId, event);
            for (InheritanceData link : links) {
                int next = reverse ? link.tagId() : link.parentId();
                if (here.contains(next)) {
                    continue;
                }
                if (link.intransitive() && here.size() > 1 && !reverse) {
                    continue;
                }
                Integer nextdepth;
                if (reverse) {
                    if (link.maxdepth() != null && link.maxdepth() < depth - 1) {
                        continue;
                    }
                    nextdepth = null;
                } else if (link.maxdepth() == null) {
                    nextdepth = maxdepth == null ? null : maxdepth - 1;
                } else {
                    nextdepth = maxdepth == null ? link.maxdepth() : Math.min(link.maxdepth(), maxdepth) - 1;
                }
                if (link.noconfig()) {
                    noconfig = true;
                }
                List<String> filter = new ArrayList<>(pfilter);
                if (link.pkgFilter() != null && !link.pkgFilter().isEmpty()) {
                    filter.add(link.pkgFilter());
                }
                InheritanceLink step = new InheritanceLink(link, reverse, depth, nextdepth, filter);
                List<InheritanceLink> earlier = seen.computeIfAbsent(next, k -> new ArrayList<>());
                if (coveredBefore(earlier, nextdepth, noconfig)) {
                    continue;
                }
                earlier.add(step);
                order.add(step);
                if (link.intransitive() && reverse) {
                    continue;
                }
                visit(next, here, depth, nextdepth, noconfig, filter);
            }
        }

        private static boolean coveredBefore(List<InheritanceLink> earlier, Integer nextdepth, boolean noconfig) {
            for (InheritanceLink e : earlier) {
                if (covers(e, nextdepth, noconfig)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an earlier visit already reached at least as far, as Koji judges it. */
        private static boolean covers(InheritanceLink earlier, Integer nextdepth, boolean noconfig) {
            Integer last = earlier.nextdepth();
            if (nextdepth == null ? last != null : last != null && last < nextdepth) {
                return false;
            }
            // Koji compares the earlier link's own noconfig flag with the propagated one.
            if (earlier.link().noconfig() && !noconfig) {
                return false;
            }
            return earlier.filter().isEmpty();
        }
    }
}
