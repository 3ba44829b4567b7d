package org.kojinext.hub.history;

import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.EVENTS;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.kojinext.hub.db.Epoch;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.db.jooq.tables.Events;
import org.kojinext.hub.db.jooq.tables.Users;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's queryHistory: for each versioned table asked for, its rows (live and revoked) with who
 * made and revoked them and when, the names of what they refer to, and flags saying which side
 * of a time or editor filter matched (the CLI's list-history reads them).
 */
public final class HistoryQuery {
    /** Filter argument to the kind of entity it names (the referenced table's name). */
    private static final Map<String, String> ENTITY_FILTERS = Map.ofEntries(
            Map.entry("tag", "tag"), Map.entry("build", "build"), Map.entry("package", "package"),
            Map.entry("user", "users"), Map.entry("permission", "permissions"),
            Map.entry("external_repo", "external_repo"), Map.entry("build_target", "build_target"),
            Map.entry("cg", "content_generator"), Map.entry("group", "groups"),
            Map.entry("host", "host"), Map.entry("channel", "channels"));

    private final DSLContext db;
    private final Map<String, Object> kwargs;
    private final Map<String, Object> rawOpts;
    private final EntityIds ids;
    private final Map<String, OffsetDateTime> times = new HashMap<>();

    /** The hub's user lookup (id, name or struct), raising Koji's "No such user" when strict. */
    @FunctionalInterface
    public interface UserResolver {
        int id(DSLContext db, Object userInfo);
    }

    private HistoryQuery(DSLContext db, Map<String, Object> kwargs, UserResolver users) {
        this.db = db;
        this.kwargs = new LinkedHashMap<>(kwargs);
        Object opts = this.kwargs.remove("queryOpts");
        if (opts != null && !(opts instanceof Map)) {
            throw KojiFault.parameter("queryOpts must be a struct");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) opts;
        this.rawOpts = m;
        this.ids = new EntityIds(db, users);
    }

    /** {table name: rows, or their count with countOnly}, tables in the order asked (all, sorted, by default). */
    public static Map<String, Object> run(DSLContext db, List<Object> tables, Map<String, Object> kwargs,
                                         UserResolver users) {
        List<HistoryTable> chosen = new ArrayList<>();
        if (tables == null) {
            chosen.addAll(HistoryTables.BY_NAME.values());
        } else {
            for (Object name : tables) {
                HistoryTable t = name instanceof String s ? HistoryTables.BY_NAME.get(s) : null;
                if (t == null) {
                    throw KojiFault.generic("No such history table: " + PythonRepr.str(name));
                }
                chosen.add(t);
            }
        }
        HistoryQuery q = new HistoryQuery(db, kwargs, users);
        Map<String, Object> result = new LinkedHashMap<>();
        for (HistoryTable t : chosen) {
            Object rows = q.table(t);
            if (rows != null) {
                result.put(t.name(), rows);
            }
        }
        return result;
    }

    /** The table's answer, or null when a filter does not apply to it (Koji leaves it out). */
    private Object table(HistoryTable spec) {
        Table<?> t = spec.table();
        Events ev1 = EVENTS.as("ev1");
        Events ev2 = EVENTS.as("ev2");
        Users creator = USERS.as("creator");
        Users revoker = USERS.as("revoker");
        Field<Integer> createEvent = t.field("create_event", Integer.class);
        Field<Integer> revokeEvent = t.field("revoke_event", Integer.class);

        Map<String, Field<?>> cols = new TreeMap<>();
        for (String c : List.of("active", "create_event", "revoke_event", "creator_id", "revoker_id")) {
            cols.put(c, t.field(c));
        }
        cols.put("creator_name", creator.NAME);
        cols.put("revoker_name", revoker.NAME);
        cols.put("create_ts", ev1.TIME);
        cols.put("revoke_ts", ev2.TIME);

        Table<?> from = t
                .join(ev1).on(ev1.ID.eq(createEvent))
                .leftJoin(ev2).on(ev2.ID.eq(revokeEvent))
                .join(creator).on(creator.ID.eq(t.field("creator_id", Integer.class)))
                .leftJoin(revoker).on(revoker.ID.eq(t.field("revoker_id", Integer.class)));
        // Koji keeps the last join per kind of entity; its filters apply to that one.
        Map<String, Table<?>> joined = new HashMap<>();
        for (String f : spec.fields()) {
            cols.put(f, t.field(f));
            NameJoin nj = spec.joins().get(f);
            if (nj != null) {
                Table<?> a = nj.aliased();
                from = from.leftJoin(a).on(t.field(f, Integer.class).eq(NameJoin.id(a)));
                joined.put(nj.kind(), a);
                cols.put(nj.key(), NameJoin.name(a));
            } else if (f.equals("build_id")) {
                from = from.join(BUILD).on(BUILD.ID.eq(t.field(f, Integer.class)))
                        .join(PACKAGE).on(PACKAGE.ID.eq(BUILD.PKG_ID));
                joined.put("build", BUILD);
                joined.put("package", PACKAGE);
                cols.put("name", PACKAGE.NAME);
                cols.put("version", BUILD.VERSION);
                cols.put("release", BUILD.RELEASE);
                cols.put("epoch", BUILD.EPOCH);
                cols.put("build.state", BUILD.STATE);
            }
        }

        List<Condition> where = new ArrayList<>();
        for (Map.Entry<String, Object> arg : kwargs.entrySet()) {
            Object value = arg.getValue();
            String kind = ENTITY_FILTERS.get(arg.getKey());
            if (kind != null) {
                Condition c = entityFilter(spec, joined, arg.getKey(), kind, value);
                if (c == null) {
                    return null;
                }
                where.add(c);
                continue;
            }
            switch (arg.getKey()) {
                case "active" -> {
                    if (KojiArgs.truthy(value)) {
                        where.add(Versioned.active(t).isTrue());
                    } else if (value != null) {
                        where.add(Versioned.active(t).isNull());
                    }
                }
                case "editor" -> {
                    int editor = ids.resolve("editor", "users", value);
                    where.add(creator.ID.eq(editor).or(revoker.ID.eq(editor)));
                    cols.put("_created_by", DSL.field(creator.ID.eq(editor)));
                    cols.put("_revoked_by", DSL.field(revoker.ID.eq(editor)));
                }
                case "after" -> {
                    OffsetDateTime after = time("after", value);
                    where.add(ev1.TIME.gt(after).or(ev2.TIME.gt(after)));
                    cols.put("_created_after", DSL.field(ev1.TIME.gt(after)));
                    cols.put("_revoked_after", DSL.field(ev2.TIME.gt(after)));
                }
                case "before" -> {
                    OffsetDateTime before = time("before", value);
                    where.add(ev1.TIME.lt(before).or(ev2.TIME.lt(before)));
                    cols.put("_created_before", DSL.field(ev1.TIME.lt(before)));
                    cols.put("_revoked_before", DSL.field(ev2.TIME.lt(before)));
                }
                case "afterEvent" -> {
                    int e = eventArg("afterEvent", value);
                    where.add(createEvent.gt(e).or(revokeEvent.gt(e)));
                    cols.put("_created_after_event", DSL.field(createEvent.gt(e)));
                    cols.put("_revoked_after_event", DSL.field(revokeEvent.gt(e)));
                }
                case "beforeEvent" -> {
                    int e = eventArg("beforeEvent", value);
                    where.add(createEvent.lt(e).or(revokeEvent.lt(e)));
                    cols.put("_created_before_event", DSL.field(createEvent.lt(e)));
                    cols.put("_revoked_before_event", DSL.field(revokeEvent.lt(e)));
                }
                case "xkey" -> {
                    if (!spec.fields().contains("key")) {
                        return null;
                    }
                    where.add(t.field("key", String.class).eq(PythonRepr.str(value)));
                }
                default -> {
                    // Koji ignores keywords it does not know (the CLI sends utc, for one).
                }
            }
        }
        return fetch(from, where, cols);
    }

    private Condition entityFilter(HistoryTable spec, Map<String, Table<?>> joined, String arg, String kind,
                                   Object value) {
        Table<?> t = spec.table();
        if (!joined.containsKey(kind)) {
            // Comps package lists name their package by text, not by id.
            if (arg.equals("package") && spec.fields().contains("package")) {
                return t.field("package", String.class).eq(PythonRepr.str(value));
            }
            return null;
        }
        int id = ids.resolve(arg, kind, value);
        List<String> either = spec.orFilters().get(kind);
        if (either != null) {
            return DSL.or(either.stream().map(c -> t.field(c, Integer.class).eq(id)).toList());
        }
        return NameJoin.id(joined.get(kind)).eq(id);
    }

    private Object fetch(Table<?> from, List<Condition> where, Map<String, Field<?>> cols) {
        QueryOpts opts = QueryOpts.parse(rawOpts, cols);
        SelectQuery<Record> q = db.selectQuery();
        q.addFrom(from);
        q.addConditions(where);
        if (opts.offset() != null) {
            q.addOffset(opts.offset());
        }
        if (opts.limit() != null) {
            q.addLimit(opts.limit());
        }
        if (opts.countOnly()) {
            q.addSelect(DSL.one());
            return db.fetchCount(q);
        }
        cols.forEach((key, field) -> q.addSelect(field.as(key)));
        q.addOrderBy(opts.order().isEmpty() ? List.of(cols.get("create_event").asc()) : opts.order());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Record r : q.fetch()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String key : cols.keySet()) {
                Object v = r.get(key);
                row.put(key, v instanceof OffsetDateTime odt ? Epoch.seconds(odt) : v);
            }
            rows.add(row);
        }
        return rows;
    }

    private OffsetDateTime time(String what, Object value) {
        return times.computeIfAbsent(what, k -> TimeArg.resolve(db, value, what));
    }

    private static int eventArg(String what, Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return EventLookup.toInt(value);
        }
        throw KojiFault.parameter(what + " must be an event id, not " + PythonRepr.of(value));
    }
}
