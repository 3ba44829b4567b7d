package org.kojinext.hub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.rpc.MethodSpec;
import org.kojinext.hub.rpc.Param;

/**
 * The API describing itself: {@code _listapi}, {@code system.*}, and the connectivity calls
 * every Koji client makes first. All of it is read from the method declarations.
 */
public final class IntrospectionApi implements ApiModule {
    /** The Koji release whose API this hub implements; clients compare against it. */
    public static final String KOJI_VERSION = "1.35.3";
    public static final int API_VERSION = 1;

    private final Supplier<MethodRegistry> registry;

    /** @param registry the finished registry, looked up at call time because it includes us */
    public IntrospectionApi(Supplier<MethodRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("_listapi").access(Access.anonymousRead())
                .doc("Describe every method this hub serves: name, arguments with defaults, and documentation.")
                .handler((ctx, a) -> listApi());
        m.method("system.listMethods").access(Access.anonymousRead())
                .doc("Names of all methods this hub serves.")
                .handler((ctx, a) -> registry.get().all().stream().map(MethodSpec::name).toList());
        m.method("system.methodSignature").param("method").access(Access.anonymousRead())
                .doc("Not provided by Koji hubs; system.methodHelp describes a method instead.")
                .handler((ctx, a) -> "signatures not supported");
        m.method("system.methodHelp").param("method").access(Access.anonymousRead())
                .doc("One method's argument list and documentation, as text.")
                .handler((ctx, a) -> {
                    MethodSpec spec = a.get("method") instanceof String s ? registry.get().find(s) : null;
                    if (spec == null) {
                        return "";
                    }
                    return spec.name() + spec.argdesc() + "\ndescription: " + spec.doc();
                });
        m.method("hello").varargs("args").access(Access.anonymousRead())
                .doc("Answer with a greeting; a cheap way to see that the hub is up.")
                .handler((ctx, a) -> "Hello World");
        m.method("echo").varargs("args").access(Access.anonymousRead())
                .doc("Answer with the arguments as they arrived, for testing encodings.")
                .handler((ctx, a) -> a.varargs());
        m.method("getAPIVersion").access(Access.anonymousRead())
                .doc("The version of the hub API, an integer (1).")
                .handler((ctx, a) -> API_VERSION);
        m.method("getKojiVersion").access(Access.anonymousRead())
                .doc("The Koji release whose API this hub follows.")
                .handler((ctx, a) -> KOJI_VERSION);
        // Koji answers these from its hub options EnableMaven and EnableWin, both False unless
        // configured. Koji Next has no maven or Windows builds, so there is nothing to enable.
        m.method("mavenEnabled").access(Access.anonymousRead())
                .doc("Whether the hub supports maven builds: always False here (Koji's EnableMaven, off by default).")
                .handler((ctx, a) -> false);
        m.method("winEnabled").access(Access.anonymousRead())
                .doc("Whether the hub supports Windows builds: always False here (Koji's EnableWin, off by default).")
                .handler((ctx, a) -> false);
    }

    private List<Object> listApi() {
        List<Object> out = new ArrayList<>();
        for (MethodSpec spec : registry.get().all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", spec.name());
            entry.put("doc", spec.doc());
            entry.put("argspec", argspec(spec));
            entry.put("argdesc", spec.argdesc());
            entry.put("args", args(spec));
            out.add(entry);
        }
        return out;
    }

    /** Python's getfullargspec tuple: args, varargs, varkw, defaults, kwonlyargs, kwonlydefaults, annotations. */
    private static List<Object> argspec(MethodSpec spec) {
        List<Object> names = new ArrayList<>();
        List<Object> defaults = new ArrayList<>();
        String varargs = null;
        String varkw = null;
        for (Param p : spec.params()) {
            switch (p.kind()) {
                case REQUIRED -> names.add(p.name());
                case OPTIONAL -> {
                    names.add(p.name());
                    defaults.add(p.defaultValue());
                }
                case VARARGS -> varargs = p.name();
                case VARKW -> varkw = p.name();
            }
        }
        List<Object> out = new ArrayList<>();
        out.add(names);
        out.add(varargs);
        out.add(varkw);
        out.add(defaults.isEmpty() ? null : defaults);
        out.add(List.of());
        out.add(null);
        out.add(Map.of());
        return out;
    }

    /** Each parameter as a name, or [name, default]; Koji lists catch-alls by bare name too. */
    private static List<Object> args(MethodSpec spec) {
        List<Object> out = new ArrayList<>();
        for (Param p : spec.params()) {
            switch (p.kind()) {
                case REQUIRED -> out.add(p.name());
                case OPTIONAL -> {
                    List<Object> pair = new ArrayList<>();
                    pair.add(p.name());
                    pair.add(p.defaultValue());
                    out.add(pair);
                }
                case VARARGS, VARKW -> out.add(p.name());
            }
        }
        return out;
    }

}
