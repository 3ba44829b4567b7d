package org.kojinext.hub.history;

import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.CONTENT_GENERATOR;
import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO;
import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.GROUPS;
import static org.kojinext.hub.db.jooq.Tables.GROUP_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.GROUP_PACKAGE_LISTING;
import static org.kojinext.hub.db.jooq.Tables.GROUP_REQ_LISTING;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTERNAL_REPOS;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTRA;
import static org.kojinext.hub.db.jooq.Tables.TAG_INHERITANCE;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;
import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.USER_GROUPS;
import static org.kojinext.hub.db.jooq.Tables.USER_PERMS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Table;

/**
 * The versioned tables queryHistory searches. A table Koji versions is listed here once its
 * migration exists: one {@link #table} line, plus a {@link #NAME_JOINS} entry for a column that
 * refers to something new. Koji's other versioned tables (host_config, host_channels,
 * external_repo_data, cg_users) arrive with their migrations.
 */
final class HistoryTables {
    /** What each referring column names, by column name, as Koji joins them. */
    static final Map<String, NameJoin> NAME_JOINS = Map.ofEntries(
            Map.entry("user_id", new NameJoin(USERS, "users", "user.name")),
            Map.entry("perm_id", new NameJoin(PERMISSIONS, "permission", "permission.name")),
            Map.entry("cg_id", new NameJoin(CONTENT_GENERATOR, "content_generator", "content_generator.name")),
            Map.entry("tag_id", new NameJoin(TAG, "tag", "tag.name")),
            Map.entry("parent_id", new NameJoin(TAG, "parent", "parent.name")),
            Map.entry("build_target_id", new NameJoin(BUILD_TARGET, "build_target", "build_target.name")),
            Map.entry("build_tag", new NameJoin(TAG, "build_tag", "build_tag.name")),
            Map.entry("dest_tag", new NameJoin(TAG, "dest_tag", "dest_tag.name")),
            Map.entry("external_repo_id", new NameJoin(EXTERNAL_REPO, "external_repo", "external_repo.name")),
            Map.entry("package_id", new NameJoin(PACKAGE, "package", "package.name")),
            Map.entry("owner", new NameJoin(USERS, "owner", "owner.name")),
            Map.entry("req_id", new NameJoin(GROUPS, "req", "req.name")));

    /** A comps table's group_id names a comps group (user_groups' names a user group). */
    private static final NameJoin COMPS_GROUP = new NameJoin(GROUPS, "groups", "group.name");

    static final Map<String, HistoryTable> BY_NAME = index(List.of(
            table(USER_PERMS, "user_id", "perm_id"),
            // A group is a user, so Koji names it from users; the user filter then matches the
            // group, which is how clients ask for a group's members.
            table(USER_GROUPS, "user_id", "group_id").join("group_id", new NameJoin(USERS, "usergroup", "group.name")),
            // A tag filter matches either end of an inheritance link.
            table(TAG_INHERITANCE, "tag_id", "parent_id", "priority", "maxdepth", "intransitive", "noconfig",
                    "pkg_filter").orFilter("tag", "tag_id", "parent_id"),
            table(TAG_CONFIG, "tag_id", "arches", "perm_id", "locked", "maven_support", "maven_include_all"),
            table(TAG_EXTRA, "tag_id", "key", "value"),
            table(BUILD_TARGET_CONFIG, "build_target_id", "build_tag", "dest_tag"),
            table(EXTERNAL_REPO_CONFIG, "external_repo_id", "url"),
            // Koji reports no arches for these (its history field list predates the column).
            table(TAG_EXTERNAL_REPOS, "tag_id", "external_repo_id", "priority", "merge_mode"),
            table(TAG_LISTING, "build_id", "tag_id"),
            table(TAG_PACKAGES, "package_id", "tag_id", "blocked", "extra_arches"),
            table(TAG_PACKAGE_OWNERS, "package_id", "tag_id", "owner"),
            table(GROUP_CONFIG, "group_id", "tag_id", "blocked", "exported", "display_name", "is_default",
                    "uservisible", "description", "langonly", "biarchonly").join("group_id", COMPS_GROUP),
            // Both columns name a comps group; as in Koji, the group filter applies to req_id, the later.
            table(GROUP_REQ_LISTING, "group_id", "tag_id", "req_id", "blocked", "type", "is_metapkg")
                    .join("group_id", COMPS_GROUP),
            // The package is a name, not a package id: the package filter compares it as text.
            table(GROUP_PACKAGE_LISTING, "group_id", "tag_id", "package", "blocked", "type", "basearchonly",
                    "requires").join("group_id", COMPS_GROUP)));

    private HistoryTables() {
    }

    private static Spec table(Table<?> table, String... fields) {
        Map<String, NameJoin> joins = new LinkedHashMap<>();
        for (String f : fields) {
            if (table.field(f) == null) {
                throw new IllegalStateException(table.getName() + " has no column " + f);
            }
            NameJoin j = NAME_JOINS.get(f);
            if (j != null) {
                joins.put(f, j);
            }
        }
        return new Spec(table, List.of(fields), joins, new LinkedHashMap<>());
    }

    private record Spec(Table<?> table, List<String> fields, Map<String, NameJoin> joins,
                        Map<String, List<String>> orFilters) {
        Spec join(String column, NameJoin j) {
            joins.put(column, j);
            return this;
        }

        Spec orFilter(String kind, String... columns) {
            orFilters.put(kind, List.of(columns));
            return this;
        }
    }

    private static Map<String, HistoryTable> index(List<Spec> specs) {
        Map<String, HistoryTable> m = new TreeMap<>();
        for (Spec s : specs) {
            m.put(s.table().getName(), new HistoryTable(s.table(), s.fields(), Map.copyOf(s.joins()),
                    Map.copyOf(s.orFilters())));
        }
        return m;
    }
}
