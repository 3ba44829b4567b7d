package org.kojinext.hub.packages;

import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.kojinext.hub.db.Versioned;

/**
 * A tag's package list as Koji reads it: the tag's own entries win, then each inherited tag in
 * inheritance order adds the packages not seen yet whose names pass every pkg_filter on the path
 * to it. A blocked entry counts as seen, so a block hides the package from all tags further up,
 * and the nearest entry decides. Blocked entries are returned too, marked.
 */
public final class PackageList {
    /** An inherited tag, with the pkg_filter patterns accumulated on the way to it. */
    public record Parent(int tagId, List<String> filter) {
    }

    /** What to read; a null tag, user or package means no restriction on it. */
    public record Query(Integer tagId, Integer userId, Integer packageId, Integer event, boolean withOwners,
                        boolean withBlocked) {
    }

    private PackageList() {
    }

    /** The entries of one tag, or of all tags when {@code q.tagId()} is null, keyed by package id. */
    static List<Map<String, Object>> direct(DSLContext db, Query q, Integer tagId) {
        List<SelectFieldOrAsterisk> fields = new ArrayList<>(List.of(PACKAGE.ID.as("package_id"),
                PACKAGE.NAME.as("package_name"), TAG.ID.as("tag_id"), TAG.NAME.as("tag_name"),
                TAG_PACKAGES.EXTRA_ARCHES.as("extra_arches"), TAG_PACKAGES.BLOCKED.as("blocked")));
        List<Condition> where = new ArrayList<>(List.of(Versioned.at(TAG_PACKAGES, q.event())));
        if (tagId != null) {
            where.add(TAG_PACKAGES.TAG_ID.eq(tagId));
        }
        if (q.packageId() != null) {
            where.add(TAG_PACKAGES.PACKAGE_ID.eq(q.packageId()));
        }
        if (!q.withBlocked()) {
            where.add(TAG_PACKAGES.BLOCKED.isFalse());
        }
        var from = TAG_PACKAGES.join(TAG).on(TAG.ID.eq(TAG_PACKAGES.TAG_ID))
                .join(PACKAGE).on(PACKAGE.ID.eq(TAG_PACKAGES.PACKAGE_ID));
        if (q.withOwners()) {
            fields.add(USERS.ID.as("owner_id"));
            fields.add(USERS.NAME.as("owner_name"));
            // An entry without an owner row is left out when owners are asked for, as in Koji.
            from = from.join(TAG_PACKAGE_OWNERS).on(TAG_PACKAGE_OWNERS.TAG_ID.eq(TAG_PACKAGES.TAG_ID)
                            .and(TAG_PACKAGE_OWNERS.PACKAGE_ID.eq(TAG_PACKAGES.PACKAGE_ID)))
                    .join(USERS).on(USERS.ID.eq(TAG_PACKAGE_OWNERS.OWNER));
            where.add(Versioned.at(TAG_PACKAGE_OWNERS, q.event()));
            if (q.userId() != null) {
                where.add(USERS.ID.eq(q.userId()));
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Record r : db.select(fields).from(from).where(where).fetch()) {
            rows.add(r.intoMap());
        }
        return rows;
    }

    /**
     * The effective list: the tag's own entries, then those inherited from {@code parents} (in
     * inheritance order; empty for no inheritance).
     */
    public static LinkedHashMap<Integer, Map<String, Object>> read(DSLContext db, Query q, List<Parent> parents) {
        LinkedHashMap<Integer, Map<String, Object>> packages = new LinkedHashMap<>();
        for (Map<String, Object> row : direct(db, q, q.tagId())) {
            packages.put((Integer) row.get("package_id"), row);
        }
        if (q.tagId() == null) {
            return packages;
        }
        Map<String, Pattern> compiled = new HashMap<>();
        for (Parent parent : parents) {
            List<Pattern> filters = parent.filter().stream()
                    .map(p -> compiled.computeIfAbsent(p, Pattern::compile)).toList();
            for (Map<String, Object> row : direct(db, q, parent.tagId())) {
                Integer id = (Integer) row.get("package_id");
                if (!packages.containsKey(id) && passes(filters, (String) row.get("package_name"))) {
                    packages.put(id, row);
                }
            }
        }
        return packages;
    }

    /** Every entry found on the way, nearest first, per package: Koji's with_dups. */
    public static LinkedHashMap<Integer, List<Map<String, Object>>> readWithDuplicates(DSLContext db, Query q,
                                                                                      List<Parent> parents) {
        LinkedHashMap<Integer, List<Map<String, Object>>> packages = new LinkedHashMap<>();
        for (Map<String, Object> row : direct(db, q, q.tagId())) {
            packages.computeIfAbsent((Integer) row.get("package_id"), k -> new ArrayList<>()).add(row);
        }
        if (q.tagId() == null) {
            return packages;
        }
        for (Parent parent : parents) {
            List<Pattern> filters = parent.filter().stream().map(Pattern::compile).toList();
            for (Map<String, Object> row : direct(db, q, parent.tagId())) {
                if (passes(filters, (String) row.get("package_name"))) {
                    packages.computeIfAbsent((Integer) row.get("package_id"), k -> new ArrayList<>()).add(row);
                }
            }
        }
        return packages;
    }

    /** Python's re.match: the pattern must match at the start of the name, not the whole of it. */
    static boolean passes(List<Pattern> filters, String name) {
        for (Pattern p : filters) {
            if (!p.matcher(name).lookingAt()) {
                return false;
            }
        }
        return true;
    }
}
