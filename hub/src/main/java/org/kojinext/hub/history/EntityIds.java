package org.kojinext.hub.history;

import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET;
import static org.kojinext.hub.db.jooq.Tables.CONTENT_GENERATOR;
import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO;
import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;

import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.builds.BuildStore;
import org.kojinext.hub.builds.PackageStore;
import org.kojinext.hub.comps.GroupStore;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.tags.TagStore;

/**
 * Turns the value of a per-entity filter into the id it means, through the lookup Koji's
 * query_history uses for that kind, so its rules and messages are the ones those methods have.
 * Each filter is looked up once per call, and only when some table uses it, because Koji looks an
 * entity up only for the tables it applies to.
 */
final class EntityIds {
    private final DSLContext db;
    private final HistoryQuery.UserResolver users;
    private final Map<String, Integer> seen = new HashMap<>();

    EntityIds(DSLContext db, HistoryQuery.UserResolver users) {
        this.db = db;
        this.users = users;
    }

    /**
     * The id that filter {@code arg} names, as an entity of {@code kind} (a table name); raises if
     * there is none.
     */
    int resolve(String arg, String kind, Object value) {
        Integer id = seen.get(arg);
        if (id == null) {
            id = lookup(kind, value);
            seen.put(arg, id);
        }
        return id;
    }

    private int lookup(String kind, Object value) {
        return switch (kind) {
            case "users" -> users.id(db, value);
            case "tag" -> TagStore.resolveId(db, value, true);
            case "package" -> PackageStore.resolveId(db, value, true);
            case "build" -> (Integer) BuildStore.resolve(db, value, true).get("id");
            case "permissions" -> NameOrId.lookupId(db, PERMISSIONS.ID, PERMISSIONS.NAME, value, true);
            case "build_target" -> NameOrId.lookupId(db, BUILD_TARGET.ID, BUILD_TARGET.NAME, value, true);
            case "external_repo" -> NameOrId.lookupId(db, EXTERNAL_REPO.ID, EXTERNAL_REPO.NAME, value, true);
            case "content_generator" ->
                    NameOrId.lookupId(db, CONTENT_GENERATOR.ID, CONTENT_GENERATOR.NAME, value, true);
            case "groups" -> GroupStore.require(db, value).id();
            default -> throw new IllegalStateException("no lookup for " + kind);
        };
    }
}
