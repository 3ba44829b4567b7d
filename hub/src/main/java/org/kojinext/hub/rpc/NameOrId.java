package org.kojinext.hub.rpc;

import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's name_or_id_clause: an int is an id, a string a name, a dict names one of them with its
 * "id" (preferred) or "name" key. Anything else is a ParameterError.
 */
public final class NameOrId {
    private NameOrId() {
    }

    /** The info reduced to an Integer id or a String name. */
    private static Object normalize(Object info) {
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

    /**
     * Koji's lookup_name(table, info)['id'] for a table with id and name columns: null when there
     * is no such row, or with {@code strict} Koji's "No such entry" fault.
     */
    public static Integer lookupId(DSLContext db, TableField<?, Integer> id, TableField<?, String> name, Object info,
                                   boolean strict) {
        Integer found = db.select(id).from(id.getTable()).where(condition(id, name, info)).fetchOne(id);
        if (found == null && strict) {
            throw KojiFault.generic("No such entry in table " + id.getTable().getName() + ": " + PythonRepr.str(info));
        }
        return found;
    }
}
