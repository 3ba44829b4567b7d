package org.kojinext.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Koji's keyword-argument convention for XML-RPC, which has none: the keywords travel as a
 * trailing struct marked with a truthy {@code __starstar} member.
 */
public record KojiArgs(List<Object> args, Map<String, Object> kwargs) {
    public static final String MARKER = "__starstar";

    /** Splits raw params into positional and keyword arguments. */
    public static KojiArgs split(List<Object> params) {
        if (params == null || params.isEmpty()) {
            return new KojiArgs(List.of(), Map.of());
        }
        Object last = params.get(params.size() - 1);
        if (last instanceof Map<?, ?> map && truthy(map.get(MARKER))) {
            Map<String, Object> kwargs = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!MARKER.equals(e.getKey())) {
                    kwargs.put((String) e.getKey(), e.getValue());
                }
            }
            return new KojiArgs(params.subList(0, params.size() - 1), kwargs);
        }
        return new KojiArgs(params, Map.of());
    }

    /** The raw XML-RPC params for a call: positional args, then the marked struct if needed. */
    public static List<Object> join(List<Object> args, Map<String, Object> kwargs) {
        List<Object> params = new ArrayList<>(args);
        if (kwargs != null && !kwargs.isEmpty()) {
            Map<String, Object> marked = new LinkedHashMap<>(kwargs);
            marked.put(MARKER, Boolean.TRUE);
            params.add(marked);
        }
        return params;
    }

    /** Python's truth value of a decoded value, which Koji's flags and options rely on. */
    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof byte[] b) {
            return b.length > 0;
        }
        return true;
    }
}
