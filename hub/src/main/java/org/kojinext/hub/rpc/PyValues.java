package org.kojinext.hub.rpc;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kojinext.protocol.KojiFault;

/**
 * Python's view of wire values, where Koji's behaviour depends on it: equality (True == 1,
 * 1 == 1.0, deep for lists and dicts) decides whether an edit changes anything, and type names
 * appear in Koji's messages.
 */
public final class PyValues {
    private PyValues() {
    }

    public static boolean eq(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (isNumeric(a) && isNumeric(b)) {
            return toDouble(a) == toDouble(b);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            Iterator<?> ia = la.iterator();
            Iterator<?> ib = lb.iterator();
            while (ia.hasNext()) {
                if (!eq(ia.next(), ib.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !eq(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static boolean isNumeric(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    private static double toDouble(Object v) {
        return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
    }

    /** The name Python gives the value's type. */
    public static String typeName(Object v) {
        return switch (v) {
            case null -> "NoneType";
            case String s -> "str";
            case Boolean b -> "bool";
            case Integer i -> "int";
            case Long l -> "int";
            case Number n -> "float";
            case Map<?, ?> m -> "dict";
            case List<?> l -> "list";
            case byte[] b -> "bytes";
            default -> v.getClass().getSimpleName();
        };
    }

    /** Python's {@code type(x)} as Koji's messages print it, e.g. {@code <class 'str'>}. */
    public static String classOf(Object v) {
        return "<class '" + typeName(v) + "'>";
    }

    /** An integer argument, as Python's int() would take it from an int, bool or digits. */
    public static Integer toInt(Object v) {
        return switch (v) {
            case Integer i -> i;
            case Long l when l == l.intValue() -> l.intValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> {
                try {
                    yield Integer.parseInt(s.strip());
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case null, default -> null;
        };
    }

    /** Koji's check that a value is a list (convert_value with check_only). */
    public static List<?> requireList(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        throw notA("list", v);
    }

    /** Koji's convert_value fault for a value that is not of (or cannot be cast to) {@code type}. */
    public static KojiFault notA(String type, Object v) {
        return KojiFault.parameter("Invalid type for value '" + PythonRepr.str(v) + "': " + classOf(v)
                + ", expected type <class '" + type + "'>");
    }
}
