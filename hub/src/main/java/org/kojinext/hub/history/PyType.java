package org.kojinext.hub.history;

import java.util.List;
import java.util.Map;

/** Python's {@code type(x)} as Koji's messages print it, e.g. {@code <class 'str'>}. */
final class PyType {
    private PyType() {
    }

    static String of(Object v) {
        String name;
        if (v == null) {
            name = "NoneType";
        } else if (v instanceof Boolean) {
            name = "bool";
        } else if (v instanceof Integer || v instanceof Long) {
            name = "int";
        } else if (v instanceof Double) {
            name = "float";
        } else if (v instanceof String) {
            name = "str";
        } else if (v instanceof List) {
            name = "list";
        } else if (v instanceof Map) {
            name = "dict";
        } else if (v instanceof byte[]) {
            name = "bytes";
        } else {
            name = v.getClass().getSimpleName();
        }
        return "<class '" + name + "'>";
    }
}
