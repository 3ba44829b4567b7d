package org.kojinext.hub.rpc;

import java.util.List;
import java.util.Map;

/** Renders default values the way Python's repr does, for argdesc and method help. */
public final class PythonRepr {
    private PythonRepr() {
    }

    /** Python's str(): a string as it is, anything else as its repr. */
    public static String str(Object v) {
        return v instanceof String s ? s : of(v);
    }

    public static String of(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(of(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(of(e.getKey())).append(": ").append(of(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }
}
