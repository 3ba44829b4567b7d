package org.kojinext.hub.rpc;

import java.util.List;

/**
 * The one declaration of a hub method. Both encodings, list-api, help and authorization all read
 * it; nothing else says what a method is called, what it takes or who may call it.
 *
 * @param retryable whether a call repeated with the same callnum may run again (Koji's
 *     RetryWhitelist); other writes answer such a repeat with RetryError
 */
public record MethodSpec(String name, List<Param> params, Access access, String doc,
                         Handler handler, boolean retryable) {

    /** Python's rendering of the parameter list, e.g. {@code (tag, event=None, *args)}. */
    public String argdesc() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Param p = params.get(i);
            switch (p.kind()) {
                case REQUIRED -> sb.append(p.name());
                case OPTIONAL -> sb.append(p.name()).append('=').append(PythonRepr.of(p.defaultValue()));
                case VARARGS -> sb.append('*').append(p.name());
                case VARKW -> sb.append("**").append(p.name());
            }
        }
        return sb.append(')').toString();
    }
}
