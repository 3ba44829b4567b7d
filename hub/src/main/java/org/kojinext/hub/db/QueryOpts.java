package org.kojinext.hub.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectOrderByStep;
import org.jooq.SortField;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's queryOpts: {@code order} (comma-separated names, {@code -} for descending), {@code offset},
 * {@code limit} and {@code countOnly}. Order names are resolved against the fields a list method
 * exposes, so a caller can never inject SQL through them.
 */
public record QueryOpts(List<SortField<?>> order, Integer offset, Integer limit, boolean countOnly) {

    public static QueryOpts parse(Map<String, Object> opts, Map<String, Field<?>> sortable) {
        if (opts == null) {
            return new QueryOpts(List.of(), null, null, false);
        }
        List<SortField<?>> order = new ArrayList<>();
        Object o = opts.get("order");
        if (o != null) {
            if (!(o instanceof String s)) {
                throw KojiFault.parameter("queryOpts order must be a string");
            }
            for (String part : s.split(",")) {
                String name = part.trim();
                boolean desc = name.startsWith("-");
                if (desc) {
                    name = name.substring(1);
                }
                Field<?> f = sortable.get(name);
                if (f == null) {
                    throw KojiFault.parameter("Invalid order field: " + name);
                }
                order.add(desc ? f.desc() : f.asc());
            }
        }
        return new QueryOpts(order, intOpt(opts, "offset"), intOpt(opts, "limit"),
                KojiArgs.truthy(opts.get("countOnly")));
    }

    /** Runs the select with these options; {@code defaultOrder} applies when the caller gave no order. */
    public <R extends Record> Result<R> fetch(SelectOrderByStep<R> select, SortField<?>... defaultOrder) {
        var ordered = select.orderBy(order.isEmpty() ? List.of(defaultOrder) : order);
        if (limit != null) {
            return ordered.limit(limit).offset(offset == null ? 0 : offset).fetch();
        }
        return offset != null ? ordered.offset(offset).fetch() : ordered.fetch();
    }

    private static Integer intOpt(Map<String, Object> opts, String key) {
        Object v = opts.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i && i >= 0) {
            return i;
        }
        throw KojiFault.parameter("queryOpts " + key + " must be a non-negative integer");
    }
}
