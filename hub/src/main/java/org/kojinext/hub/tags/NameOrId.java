package org.kojinext.hub.tags;

import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's name_or_id_clause: an int is an id, a string a name, a dict names one of them with its
 * "id" (preferred) or "name" key. Anything else is a ParameterError.
 */
public final class NameOrId {
    private NameOrId() {
    }

    /** The info reduced to an Integer id or a String name. */
    public static Object normalize(Object info) {
        Object v = info;
        if (v instanceof Map<?, ?> m) {
            if (m.containsKey("id")) {
                v = PyValues.toInt(m.get("id"));
                if (v == null) {
                    throw KojiFault.parameter("Invalid name or id value: " + PythonRepr.str(info));
                }
            } else if (m.containsKey("name")) {
                v = m.get("name");
            } else {
                throw KojiFault.parameter("Invalid name or id value: " + PythonRepr.str(info));
            }
        }
        if (v instanceof Long l && l == l.intValue()) {
            v = l.intValue();
        }
        if (v instanceof Integer || v instanceof String) {
            return v;
        }
        throw KojiFault.parameter("Invalid name or id value: " + PythonRepr.str(v));
    }

    public static Condition condition(Field<Integer> id, Field<String> name, Object info) {
        Object v = normalize(info);
        return v instanceof Integer i ? id.eq(i) : name.eq((String) v);
    }
}
