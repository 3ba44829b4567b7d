package org.kojinext.hub.tasks;

import java.util.List;
import java.util.Map;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/** Koji's convert_value(value, cast=int): what int() accepts, else its ParameterError. */
public final class PyInt {
    private PyInt() {
    }

    public static Integer convert(Object v) {
        switch (v) {
            case Integer i -> {
                return i;
            }
            case Long l when l == l.intValue() -> {
                return l.intValue();
            }
            case Boolean b -> {
                return b ? 1 : 0;
            }
            case Double d when !d.isNaN() && !d.isInfinite() -> {
                return (int) d.doubleValue();
            }
            case String s -> {
                try {
                    return Integer.parseInt(s.strip());
                } catch (NumberFormatException e) {
                    throw invalid(v);
                }
            }
            case null, default -> throw invalid(v);
        }
    }

    static KojiFault invalid(Object v) {
        if (v == null) {
            return KojiFault.parameter("Invalid type, expected type <class 'int'>");
        }
        return KojiFault.parameter("Invalid type for value '" + PythonRepr.str(v) + "': " + pyType(v)
                + ", expected type <class 'int'>");
    }

    public static String pyType(Object v) {
        String name = switch (v) {
            case null -> "NoneType";
            case Boolean b -> "bool";
            case Integer i -> "int";
            case Long l -> "int";
            case Double d -> "float";
            case String s -> "str";
            case List<?> l -> "list";
            case Map<?, ?> m -> "dict";
            default -> v.getClass().getSimpleName();
        };
        return "<class '" + name + "'>";
    }
}
