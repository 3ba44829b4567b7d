package org.kojinext.hub.repos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Repository options (Koji's convert_repo_opts and get_repo_opts): src, debuginfo, separate_src
 * and maven, all booleans. A tag's defaults come from its extra (repo.opts, the older
 * with_debuginfo); a request or a newRepo task overrides them, and the overrides that differ
 * from the defaults are the repository's custom_opts.
 */
public final class RepoOpts {
    private static final Set<String> KNOWN = Set.of("src", "debuginfo", "separate_src", "maven");

    /** A repository's options and the part of them that differs from its tag's defaults. */
    public record Effective(Map<String, Object> opts, Map<String, Object> custom) {
        public boolean flag(String key) {
            return Boolean.TRUE.equals(opts.get(key));
        }
    }

    private RepoOpts() {
    }

    /**
     * Koji's convert_repo_opts: None is {}, unknown keys and non-dicts are ParameterErrors when
     * strict and dropped otherwise, None values count as unspecified, the rest become booleans.
     */
    public static Map<String, Object> convert(Object opts, boolean strict) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (opts == null) {
            return out;
        }
        if (!(opts instanceof Map<?, ?> m)) {
            if (strict) {
                throw KojiFault.parameter("Repo opts must be a dictionary");
            }
            return out;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!KNOWN.contains(key)) {
                if (strict) {
                    throw KojiFault.parameter("Invalid repo option: " + PythonRepr.str(e.getKey()));
                }
                continue;
            }
            if (e.getValue() != null) {
                out.put(key, KojiArgs.truthy(e.getValue()));
            }
        }
        return out;
    }

    /**
     * Koji's get_repo_opts for a tag with this extra. Maven is off: Koji Next has no Maven
     * support, as Koji without EnableMaven. The hub settings DebuginfoTags, SourceTags and
     * SeparateSourceTags are empty, as by Koji's default.
     */
    public static Effective forTag(Map<String, Object> extra, Object override) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("src", false);
        opts.put("debuginfo", false);
        opts.put("separate_src", false);
        opts.put("maven", false);
        Map<String, Object> tagOpts = new LinkedHashMap<>();
        if (extra.get("repo.opts") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> tagOpts.put(String.valueOf(k), v));
        }
        if (extra.containsKey("with_debuginfo") && !extra.containsKey("repo.opts")) {
            tagOpts.put("debuginfo", KojiArgs.truthy(extra.get("with_debuginfo")));
        }
        opts.putAll(convert(tagOpts, false));
        opts.put("maven", false);
        Map<String, Object> custom = new LinkedHashMap<>();
        if (override != null) {
            Map<String, Object> o = convert(override, false);
            for (Map.Entry<String, Object> e : o.entrySet()) {
                if (!e.getValue().equals(opts.get(e.getKey()))) {
                    custom.put(e.getKey(), e.getValue());
                }
            }
            opts.putAll(custom);
        }
        return new Effective(opts, custom);
    }

    /** Whether {@code outer} holds every entry of {@code inner} (PostgreSQL's jsonb {@code @>} on flat dicts). */
    static boolean contains(Map<?, ?> outer, Map<?, ?> inner) {
        if (outer == null || inner == null) {
            return false;
        }
        for (Map.Entry<?, ?> e : inner.entrySet()) {
            if (!outer.containsKey(e.getKey()) || !java.util.Objects.equals(outer.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
