package org.kojinext.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration files as Python's configparser reads Koji's: {@code [section]} headers,
 * {@code key = value} or {@code key: value}, keys case-insensitive, {@code #} and {@code ;}
 * comment lines, indented continuation lines, a {@code [DEFAULT]} section under every other, and
 * {@code %(key)s} interpolation. Later files override earlier ones key by key.
 */
public final class IniFile {
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    /** Reads one more file over what was read before; a syntax error names the file and line. */
    public void read(Path file) throws IOException {
        String section = null;
        String lastKey = null;
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                lastKey = trimmed.isEmpty() ? null : lastKey;
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && lastKey != null && section != null) {
                Map<String, String> s = sections.get(section);
                s.put(lastKey, s.get(lastKey) + "\n" + trimmed);
                continue;
            }
            if (trimmed.startsWith("[")) {
                if (!trimmed.endsWith("]")) {
                    throw new ConfigException(file + ", line " + lineNo + ": bad section header: " + trimmed);
                }
                section = trimmed.substring(1, trimmed.length() - 1).strip();
                sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int eq = delimiter(trimmed);
            if (section == null) {
                throw new ConfigException(file + ", line " + lineNo + ": a value before any [section]");
            }
            if (eq <= 0) {
                throw new ConfigException(file + ", line " + lineNo + ": expected key = value, got: " + trimmed);
            }
            lastKey = trimmed.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            sections.get(section).put(lastKey, trimmed.substring(eq + 1).strip());
        }
    }

    public boolean hasSection(String name) {
        return sections.containsKey(name) && !"DEFAULT".equals(name);
    }

    public java.util.Set<String> sectionNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(sections.keySet());
        names.remove("DEFAULT");
        return names;
    }

    /** The section's values over [DEFAULT]'s, interpolated. */
    public Map<String, String> section(String name) {
        Map<String, String> raw = new LinkedHashMap<>(sections.getOrDefault("DEFAULT", Map.of()));
        raw.putAll(sections.getOrDefault(name, Map.of()));
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            out.put(key, interpolate(name, key, raw, 0));
        }
        return out;
    }

    private static int delimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String interpolate(String section, String key, Map<String, String> values, int depth) {
        String value = values.get(key);
        if (value.indexOf('%') < 0) {
            return value;
        }
        if (depth > 10) {
            throw new ConfigException("[" + section + "] " + key + ": interpolation nested too deeply");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                out.append(c);
            } else if (value.startsWith("%%", i)) {
                out.append('%');
                i++;
            } else if (value.startsWith("%(", i) && value.indexOf(")s", i) > 0) {
                int end = value.indexOf(")s", i);
                String ref = value.substring(i + 2, end).toLowerCase(java.util.Locale.ROOT);
                if (!values.containsKey(ref)) {
                    throw new ConfigException("[" + section + "] " + key + ": no option " + ref + " to interpolate");
                }
                out.append(interpolate(section, ref, values, depth + 1));
                i = end + 1;
            } else {
                throw new ConfigException("[" + section + "] " + key + ": '%' must be followed by '%' or '('");
            }
        }
        return out.toString();
    }
}
