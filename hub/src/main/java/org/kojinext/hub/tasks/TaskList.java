package org.kojinext.hub.tasks;

import static org.kojinext.hub.db.jooq.Tables.TASK;
import static org.kojinext.hub.db.jooq.Tables.USERS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/** Koji's listTasks: filters on the task table, queryOpts, and decode of request and result. */
public final class TaskList {
    private static final Map<String, Field<?>> SORTABLE = sortable();
    private static final List<Field<?>> INT_FILTERS = List.of(TASK.OWNER, TASK.HOST_ID, TASK.CHANNEL_ID, TASK.PARENT);

    private TaskList() {
    }

    /** The task rows, or their count with countOnly. */
    public static Object list(DSLContext db, Map<String, Object> opts, Map<String, Object> queryOpts) {
        Map<String, Object> o = opts == null ? Map.of() : opts;
        QueryOpts q = QueryOpts.parse(queryOpts, SORTABLE);
        List<Condition> where = new ArrayList<>();
        inList(where, o, "arch", TASK.ARCH, String.class);
        inList(where, o, "state", TASK.STATE, Integer.class);
        for (Field<?> f : INT_FILTERS) {
            intFilter(where, o, f);
        }
        if (o.containsKey("method")) {
            where.add(TASK.METHOD.eq(DSL.val(o.get("method"), TASK.METHOD)));
        }
        time(where, o, "createdBefore", TASK.CREATE_TIME, Field::lt);
        time(where, o, "createdAfter", TASK.CREATE_TIME, Field::gt);
        time(where, o, "startedBefore", TASK.START_TIME, Field::lt);
        time(where, o, "startedAfter", TASK.START_TIME, Field::gt);
        time(where, o, "completeBefore", TASK.COMPLETION_TIME, Field::lt);
        time(where, o, "completeAfter", TASK.COMPLETION_TIME, Field::gt);
        time(where, o, "completedBefore", TASK.COMPLETION_TIME, Field::lt);
        time(where, o, "completedAfter", TASK.COMPLETION_TIME, Field::gt);
        if (q.countOnly()) {
            return db.fetchCount(db.select(TASK.ID).from(TASK).where(where));
        }
        List<Field<?>> fields = new ArrayList<>(TaskStore.COLUMNS);
        fields.add(TASK.REQUEST);
        fields.add(TASK.RESULT);
        fields.add(USERS.NAME);
        fields.add(USERS.USERTYPE);
        var select = db.select(fields).from(TASK).leftJoin(USERS).on(USERS.ID.eq(TASK.OWNER)).where(where);
        boolean decode = KojiArgs.truthy(o.get("decode"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : q.fetch(select, TASK.ID.asc())) {
            Map<String, Object> m = TaskStore.struct(r, false);
            m.put("request", decode ? decoded(r.get(TASK.REQUEST), true) : r.get(TASK.REQUEST));
            m.put("result", decode ? decoded(r.get(TASK.RESULT), false) : r.get(TASK.RESULT));
            m.put("owner_name", r.get(USERS.NAME));
            m.put("owner_type", r.get(USERS.USERTYPE));
            out.add(m);
        }
        return out;
    }

    /** Koji's _decode_tasks: a stored fault decodes to the fault, which goes out as a struct. */
    private static Object decoded(String text, boolean request) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        if (request) {
            return TaskCodec.decodeRequest(text);
        }
        try {
            return java.util.Collections.singletonList(TaskCodec.decodeResult(text));
        } catch (KojiFault f) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("faultCode", f.code());
            m.put("faultString", f.getMessage());
            return m;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void inList(List<Condition> where, Map<String, Object> o, String key, Field field, Class<?> type) {
        if (o.containsKey(key)) {
            where.add(field.in(values(o.get(key), key, type)));
        }
        if (o.containsKey("not_" + key)) {
            where.add(field.notIn(values(o.get("not_" + key), "not_" + key, type)));
        }
    }

    private static List<Object> values(Object v, String key, Class<?> type) {
        if (!(v instanceof List<?> l)) {
            throw KojiFault.parameter("listTasks: " + key + " must be a list, not " + PythonRepr.of(v));
        }
        List<Object> out = new ArrayList<>();
        for (Object x : l) {
            if (type == Integer.class) {
                out.add(x instanceof String s ? TaskState.parse(s).code() : PyInt.convert(x));
            } else {
                out.add(String.valueOf(x));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void intFilter(List<Condition> where, Map<String, Object> o, Field<?> f) {
        Field<Integer> field = (Field<Integer>) f;
        String key = f.getName();
        if (o.containsKey(key)) {
            Object v = o.get(key);
            where.add(v == null ? field.isNull() : v instanceof List<?> l ? field.in(ints(l)) : field.eq(PyInt.convert(v)));
        }
        if (o.containsKey("not_" + key)) {
            Object v = o.get("not_" + key);
            where.add(v == null ? field.isNotNull()
                    : v instanceof List<?> l ? field.notIn(ints(l)) : field.ne(PyInt.convert(v)));
        }
    }

    private static List<Integer> ints(List<?> l) {
        List<Integer> out = new ArrayList<>();
        for (Object x : l) {
            out.add(PyInt.convert(x));
        }
        return out;
    }

    /** A number is seconds since the epoch; a string is left to PostgreSQL to read, as Koji does. */
    private static void time(List<Condition> where, Map<String, Object> o, String key, Field<OffsetDateTime> field,
            BiFunction<Field<OffsetDateTime>, Field<OffsetDateTime>, Condition> cmp) {
        Object value = o.get(key);
        if (value == null) {
            return;
        }
        Field<OffsetDateTime> t;
        if (value instanceof String s) {
            t = DSL.val(s).cast(SQLDataType.TIMESTAMPWITHTIMEZONE);
        } else if (value instanceof Number n && !(value instanceof Double d && d.isNaN())) {
            double secs = n.doubleValue();
            long whole = (long) Math.floor(secs);
            t = DSL.val(OffsetDateTime.ofInstant(Instant.ofEpochSecond(whole, Math.round((secs - whole) * 1e9)),
                    ZoneOffset.UTC));
        } else {
            throw KojiFault.parameter("Invalid time value: " + PythonRepr.of(value));
        }
        where.add(cmp.apply(field, t));
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> m = new LinkedHashMap<>();
        for (Field<?> f : TaskStore.COLUMNS) {
            m.put(f.getName(), f);
        }
        m.put("create_ts", TASK.CREATE_TIME);
        m.put("start_ts", TASK.START_TIME);
        m.put("completion_ts", TASK.COMPLETION_TIME);
        m.put("owner_name", USERS.NAME);
        m.put("owner_type", USERS.USERTYPE);
        return Map.copyOf(m);
    }
}
