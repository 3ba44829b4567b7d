package org.kojinext.hub.comps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;

/**
 * The options a caller may set on a group, a group's package or a group's requirement, with
 * Koji's handling: unknown keywords are dropped, options not given are taken from the entry
 * already in effect, and a change is one that gives some option a new value.
 */
final class EntryOpts {
    private enum Kind { BOOL, TEXT }

    static final EntryOpts GROUP = new EntryOpts(Map.of("exported", Kind.BOOL, "display_name", Kind.TEXT,
            "is_default", Kind.BOOL, "uservisible", Kind.BOOL, "description", Kind.TEXT, "langonly", Kind.TEXT,
            "biarchonly", Kind.BOOL, "blocked", Kind.BOOL));
    static final EntryOpts PACKAGE = new EntryOpts(Map.of("type", Kind.TEXT, "basearchonly", Kind.BOOL,
            "requires", Kind.TEXT));
    static final EntryOpts REQ = new EntryOpts(Map.of("type", Kind.TEXT, "is_metapkg", Kind.BOOL));

    private final Map<String, Kind> fields;

    private EntryOpts(Map<String, Kind> fields) {
        this.fields = fields;
    }

    /**
     * The caller's options that are fields of the entry (Koji's dslice), each checked for its
     * column's type: a boolean or a string, or None.
     */
    Map<String, Object> slice(Map<String, Object> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            Kind kind = fields.get(e.getKey());
            if (kind == null) {
                continue;
            }
            Object v = e.getValue();
            boolean ok = v == null || (kind == Kind.BOOL ? v instanceof Boolean : v instanceof String);
            if (!ok) {
                throw KojiFault.parameter("Invalid type for " + e.getKey() + ": " + PythonRepr.of(v)
                        + (kind == Kind.BOOL ? ", expected a boolean" : ", expected a string"));
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /**
     * Compares the options with the entry in effect and fills in the ones not given from it.
     * True if some option given differs.
     */
    boolean merge(Map<String, Object> opts, Map<String, Object> previous) {
        boolean changed = false;
        for (String field : fields.keySet()) {
            if (opts.containsKey(field)) {
                changed |= !Objects.equals(opts.get(field), previous.get(field));
            } else {
                opts.put(field, previous.get(field));
            }
        }
        return changed;
    }

    /** Python's setdefault: sets the value only if the key is absent (a None stays None). */
    static void setDefault(Map<String, Object> opts, String key, Object value) {
        if (!opts.containsKey(key)) {
            opts.put(key, value);
        }
    }
}
