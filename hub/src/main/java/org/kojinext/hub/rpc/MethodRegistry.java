package org.kojinext.hub.rpc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every method the hub answers, in declaration order. Built once at startup from the API modules
 * and read-only afterwards, so lookups need no locking.
 */
public final class MethodRegistry {
    private final Map<String, MethodSpec> methods;

    private MethodRegistry(Map<String, MethodSpec> methods) {
        this.methods = Collections.unmodifiableMap(methods);
    }

    public static MethodRegistry of(List<ApiModule> modules) {
        Declarer declarer = new Declarer();
        for (ApiModule module : modules) {
            module.register(declarer);
        }
        return new MethodRegistry(declarer.methods);
    }

    /** The method, or null when no such name is declared. */
    public MethodSpec find(String name) {
        return methods.get(name);
    }

    public Collection<MethodSpec> all() {
        return methods.values();
    }

    /** Collects declarations; refuses duplicates and incomplete ones at startup. */
    public static final class Declarer {
        private final Map<String, MethodSpec> methods = new LinkedHashMap<>();

        private Declarer() {
        }

        public Builder method(String name) {
            return new Builder(this, name);
        }

        void add(MethodSpec spec) {
            if (methods.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalStateException("method declared twice: " + spec.name());
            }
        }
    }

    /** One declaration in progress; {@link #handler} completes it. */
    public static final class Builder {
        private final Declarer declarer;
        private final String name;
        private final List<Param> params = new ArrayList<>();
        private Access access;
        private String doc;
        private boolean retryable;

        private Builder(Declarer declarer, String name) {
            this.declarer = declarer;
            this.name = Objects.requireNonNull(name, "name == null");
        }

        public Builder param(String pname) {
            return add(Param.required(pname));
        }

        public Builder param(String pname, Object defaultValue) {
            return add(Param.optional(pname, defaultValue));
        }

        public Builder varargs(String pname) {
            return add(Param.varargs(pname));
        }

        public Builder varkw(String pname) {
            return add(Param.varkw(pname));
        }

        public Builder access(Access rule) {
            this.access = rule;
            return this;
        }

        public Builder doc(String text) {
            this.doc = text;
            return this;
        }

        public Builder retryable() {
            this.retryable = true;
            return this;
        }

        /** Completes and registers the declaration. */
        public void handler(Handler handler) {
            if (access == null) {
                throw new IllegalStateException("method " + name + " declares no access rule");
            }
            if (doc == null || doc.isBlank()) {
                throw new IllegalStateException("method " + name + " declares no doc");
            }
            checkParamOrder();
            declarer.add(new MethodSpec(name, List.copyOf(params), access, doc,
                    Objects.requireNonNull(handler, "handler == null"), retryable));
        }

        private Builder add(Param p) {
            params.add(p);
            return this;
        }

        private void checkParamOrder() {
            Set<String> seen = new HashSet<>();
            Param.Kind last = Param.Kind.REQUIRED;
            for (Param p : params) {
                if (!seen.add(p.name())) {
                    throw new IllegalStateException(name + ": parameter named twice: " + p.name());
                }
                if (p.kind().ordinal() < last.ordinal()) {
                    throw new IllegalStateException(name + ": parameter " + p.name() + " is out of order");
                }
                if (p.kind() == last && (p.kind() == Param.Kind.VARARGS || p.kind() == Param.Kind.VARKW)) {
                    throw new IllegalStateException(name + ": more than one " + p.kind());
                }
                last = p.kind();
            }
        }
    }
}
