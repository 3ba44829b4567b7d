package org.kojinext.cli.builds;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kojinext.cli.CliFailure;

/** Koji's parse_NVR and parse_NVRA: split at the last dashes (and dot); an epoch prefix "E:" is kept apart. */
public final class Nvr {
    private Nvr() {
    }

    public static Map<String, Object> parseNvr(String nvr) {
        int r = nvr.lastIndexOf('-');
        int v = r > 0 ? nvr.lastIndexOf('-', r - 1) : -1;
        if (r <= 0 || v <= 0) {
            throw new CliFailure("invalid format: " + nvr);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String name = nvr.substring(0, v);
        Object epoch = "";
        int colon = name.indexOf(':');
        if (colon >= 0) {
            epoch = name.substring(0, colon);
            name = name.substring(colon + 1);
        }
        out.put("name", name);
        out.put("version", nvr.substring(v + 1, r));
        out.put("release", nvr.substring(r + 1));
        out.put("epoch", epoch);
        return out;
    }

    public static Map<String, Object> parseNvra(String nvra) {
        String s = nvra.endsWith(".rpm") ? nvra.substring(0, nvra.length() - 4) : nvra;
        int dot = s.lastIndexOf('.');
        if (dot <= 0) {
            throw new CliFailure("invalid format: " + nvra);
        }
        Map<String, Object> out = parseNvr(s.substring(0, dot));
        out.put("arch", s.substring(dot + 1));
        return out;
    }

    /** Koji's buildLabel: N-V-R of a build struct. */
    public static String label(Map<String, ?> b) {
        return b.get("name") + "-" + b.get("version") + "-" + b.get("release");
    }
}
