package org.kojinext.hub.history;

import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TARGET;
import static org.kojinext.hub.db.jooq.Tables.CONTENT_GENERATOR;
import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO;
import static org.kojinext.hub.db.jooq.Tables.GROUPS;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.TAG;

import java.util.HashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/**
 * Turns the value of a per-entity filter into the id it means, with Koji's lookup rules and
 * messages. Each filter is looked up once per call, and only when some table uses it, because
 * Koji looks an entity up only for the tables it applies to.
 */
final class EntityIds {
    private static final Map<String, Table<?>> BY_NAME_OR_ID = Map.of(
            "tag", TAG, "package", PACKAGE, "permissions", PERMISSIONS, "build_target", BUILD_TARGET,
            "external_repo", EXTERNAL_REPO, "content_generator", CONTENT_GENERATOR, "groups", GROUPS);

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
        if (kind.equals("users")) {
            return users.id(db, value);
        }
        if (kind.equals("build")) {
            return buildId(value);
        }
        Table<?> table = BY_NAME_OR_ID.get(kind);
        if (table == null) {
            throw new IllegalStateException("no lookup for " + kind);
        }
        return nameOrId(table, value);
    }

    /** Koji's lookup_name: an id, a name, or a struct with either. */
    private int nameOrId(Table<?> table, Object info) {
        Object key = info;
        if (info instanceof Map<?, ?> m) {
            if (m.containsKey("id")) {
                try {
                    key = EventLookup.toInt(m.get("id"));
                } catch (KojiFault e) {
                    throw KojiFault.parameter("Invalid name or id value: " + PythonRepr.str(info));
                }
            } else if (m.containsKey("name")) {
                key = m.get("name");
            } else {
                throw KojiFault.parameter("Invalid name or id value: " + PythonRepr.str(info));
            }
        }
        Condition where;
        if (key instanceof Integer i) {
            where = NameJoin.id(table).eq(i);
        } else if (key instanceof String s) {
            where = NameJoin.name(table).eq(s);
        } else {
            throw KojiFault.parameter("Invalid name or id value: " + PythonRepr.str(info));
        }
        Integer id = db.select(NameJoin.id(table)).from(table).where(where).fetchOne(NameJoin.id(table));
        if (id == null) {
            throw KojiFault.generic("No such entry in table " + table.getName() + ": " + PythonRepr.str(info));
        }
        return id;
    }

    /** Koji's get_build: an id, an N-V-R string, or a struct with name, version and release. */
    private int buildId(Object info) {
        if (info instanceof Integer i) {
            if (!db.fetchExists(BUILD, BUILD.ID.eq(i))) {
                throw KojiFault.generic("No such build: " + i);
            }
            return i;
        }
        Map<?, ?> nvr;
        if (info instanceof String s) {
            nvr = Nvr.parse(s);
        } else if (info instanceof Map<?, ?> m) {
            nvr = m;
        } else {
            throw KojiFault.generic("Invalid type for argument: " + PyType.of(info));
        }
        if (!(nvr.containsKey("name") && nvr.containsKey("version") && nvr.containsKey("release"))) {
            throw KojiFault.generic("did not provide name, version, and release");
        }
        Integer id = db.select(BUILD.ID).from(BUILD).join(PACKAGE).on(PACKAGE.ID.eq(BUILD.PKG_ID))
                .where(PACKAGE.NAME.eq(String.valueOf(nvr.get("name"))),
                        BUILD.VERSION.eq(String.valueOf(nvr.get("version"))),
                        BUILD.RELEASE.eq(String.valueOf(nvr.get("release"))))
                .fetchOne(BUILD.ID);
        if (id == null) {
            throw KojiFault.generic("No such build: " + PythonRepr.of(info));
        }
        return id;
    }
}
