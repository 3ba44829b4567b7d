package org.kojinext.hub.rpc;

import java.util.List;
import java.util.Map;

/** Names wire values the way a Koji client would recognise them in an error message. */
final class WireTypes {
    private WireTypes() {
    }

    static String name(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        return v.getClass().getSimpleName();
    }
}
