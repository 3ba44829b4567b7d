package org.kojinext.hub.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * A call's arguments bound to its method's declared parameters, as Python binds them: positional
 * first, then keywords, then defaults. Typed accessors turn a wrong type into ParameterError.
 */
public final class Args {
    private final String method;
    private final Map<String, Object> named;
    private final List<Object> varargs;
    private final Map<String, Object> varkw;

    private Args(String method, Map<String, Object> named, List<Object> varargs, Map<String, Object> varkw) {
        this.method = method;
        this.named = named;
        this.varargs = varargs;
        this.varkw = varkw;
    }

    /** Binds or throws ParameterError with Python's wording. */
    public static Args bind(MethodSpec spec, List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> named = new LinkedHashMap<>();
        List<Object> extra = new ArrayList<>();
        Map<String, Object> extraKw = new LinkedHashMap<>();
        List<Param> params = spec.params();
        boolean hasVarargs = params.stream().anyMatch(p -> p.kind() == Param.Kind.VARARGS);
        boolean hasVarkw = params.stream().anyMatch(p -> p.kind() == Param.Kind.VARKW);
        List<Param> positional = params.stream().filter(Param::named).toList();

        if (args.size() > positional.size() && !hasVarargs) {
            throw KojiFault.parameter(String.format("%s() takes %d positional argument%s but %d were given",
                    spec.name(), positional.size(), positional.size() == 1 ? "" : "s", args.size()));
        }
        for (int i = 0; i < args.size(); i++) {
            if (i < positional.size()) {
                named.put(positional.get(i).name(), args.get(i));
            } else {
                extra.add(args.get(i));
            }
        }
        for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
            Param p = positional.stream().filter(q -> q.name().equals(kw.getKey())).findFirst().orElse(null);
            if (p == null) {
                if (!hasVarkw) {
                    throw KojiFault.parameter(String.format("%s() got an unexpected keyword argument '%s'",
                            spec.name(), kw.getKey()));
                }
                extraKw.put(kw.getKey(), kw.getValue());
            } else if (named.containsKey(p.name())) {
                throw KojiFault.parameter(String.format("%s() got multiple values for argument '%s'",
                        spec.name(), p.name()));
            } else {
                named.put(p.name(), kw.getValue());
            }
        }
        for (Param p : positional) {
            if (!named.containsKey(p.name())) {
                if (p.kind() == Param.Kind.REQUIRED) {
                    throw KojiFault.parameter(String.format("%s() missing required argument: '%s'",
                            spec.name(), p.name()));
                }
                named.put(p.name(), p.defaultValue());
            }
        }
        return new Args(spec.name(), named, extra, extraKw);
    }

    /** The raw value of a declared parameter. */
    public Object get(String name) {
        if (!named.containsKey(name)) {
            throw new IllegalArgumentException(method + " declares no parameter " + name);
        }
        return named.get(name);
    }

    /** Whether the method declares this parameter, for code shared by methods with different ones. */
    public boolean declares(String name) {
        return named.containsKey(name);
    }

    public boolean isNull(String name) {
        return get(name) == null;
    }

    /** A string, or null when the caller sent none. */
    public String str(String name) {
        Object v = get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrongType(name, "a string", v);
    }

    public String requireStr(String name) {
        String s = str(name);
        if (s == null) {
            throw KojiFault.parameter(String.format("%s(): %s must not be None", method, name));
        }
        return s;
    }

    /** Python truthiness, as Koji applies it to flags. */
    public boolean bool(String name) {
        return KojiArgs.truthy(get(name));
    }

    /** A boolean flag that may also be absent (None). */
    public Boolean optBool(String name) {
        Object v = get(name);
        return v == null ? null : KojiArgs.truthy(v);
    }

    /** An integer, or null when the caller sent none. */
    public Integer integer(String name) {
        Object v = get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        throw wrongType(name, "an integer", v);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = get(name);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw wrongType(name, "a struct", v);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = get(name);
        if (v == null || v instanceof List) {
            return (List<Object>) v;
        }
        throw wrongType(name, "an array", v);
    }

    /** Positional arguments beyond the declared ones (for a {@code *args} method). */
    public List<Object> varargs() {
        return varargs;
    }

    /** Keyword arguments beyond the declared ones (for a {@code **kwargs} method). */
    public Map<String, Object> varkw() {
        return varkw;
    }

    private KojiFault wrongType(String name, String expected, Object got) {
        return KojiFault.parameter(String.format("%s(): %s must be %s, not %s",
                method, name, expected, WireTypes.name(got)));
    }
}
