package org.kojinext.hub.db;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's queryOpts applied to rows already in memory, for results that are assembled rather than
 * selected (an inherited package list, tagged builds): one order key ({@code -} for descending),
 * then offset, limit and countOnly. Returns the rows, or their count.
 */
public final class InMemoryQueryOpts {
    private InMemoryQueryOpts() {
    }

    public static Object apply(List<Map<String, Object>> rows, Map<String, Object> opts) {
        if (opts == null) {
            return rows;
        }
        List<Map<String, Object>> out = rows;
        if (opts.get("order") instanceof String order && !order.isEmpty()) {
            boolean desc = order.startsWith("-");
            String key = desc ? order.substring(1) : order;
            if (!out.isEmpty() && !out.get(0).containsKey(key)) {
                throw KojiFault.parameter("Invalid order field: " + key);
            }
            Comparator<Map<String, Object>> cmp = Comparator.comparing(r -> r.get(key), InMemoryQueryOpts::compare);
            out = new ArrayList<>(out);
            out.sort(desc ? cmp.reversed() : cmp);
        } else if (opts.get("order") != null && !(opts.get("order") instanceof String)) {
            throw KojiFault.parameter("queryOpts order must be a string");
        }
        int offset = nonNegative(opts, "offset");
        int limit = nonNegative(opts, "limit");
        if (offset > 0) {
            out = out.subList(Math.min(offset, out.size()), out.size());
        }
        if (limit > 0 && limit < out.size()) {
            out = out.subList(0, limit);
        }
        if (KojiArgs.truthy(opts.get("countOnly"))) {
            return out.size();
        }
        return new ArrayList<>(out);
    }

    /** Values of one key share a type; None sorts first, as nothing else can compare to it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        if (a instanceof Number na && b instanceof Number nb) {
            return Double.compare(na.doubleValue(), nb.doubleValue());
        }
        return a.toString().compareTo(b.toString());
    }

    private static int nonNegative(Map<String, Object> opts, String key) {
        Object v = opts.get(key);
        if (v == null || Boolean.FALSE.equals(v)) {
            return 0;
        }
        if (v instanceof Integer i && i >= 0) {
            return i;
        }
        throw KojiFault.parameter("queryOpts " + key + " must be a non-negative integer");
    }
}
