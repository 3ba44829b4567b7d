package org.kojinext.builder.scm;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * kojid's {@code allowed_scms} setting: whitespace-separated entries
 * {@code host:repository[:use_common[:source_cmd]]} or {@code !host:repository}, host and
 * repository fnmatch globs, the first matching entry deciding.
 *
 * <p>Local {@code git+file://} URLs have the empty host. Koji has no such URLs, so there is no
 * precedent to follow; here they are only matched by an entry whose host part is empty
 * (e.g. {@code :/srv/git/*}), never by a host glob such as {@code *}, so that allowing every
 * remote host does not also allow reading any repository on the builder's own disk.
 */
public final class AllowedScms {
    private static final Logger log = Logger.getLogger(AllowedScms.class.getName());

    /** What a matching entry sets: Koji's use_common and source_cmd (null = run no command). */
    public record Allowance(boolean useCommon, List<String> sourceCmd) {
    }

    private record Entry(String text, boolean deny, String hostGlob, String repoGlob, boolean useCommon,
            List<String> sourceCmd) {
    }

    private static final List<String> DEFAULT_SOURCE_CMD = List.of("make", "sources");

    private final List<Entry> entries;

    private AllowedScms(List<Entry> entries) {
        this.entries = entries;
    }

    /** Parses the setting; entries without a ':' are skipped with a warning, as kojid does. */
    public static AllowedScms parse(String setting) {
        List<Entry> entries = new ArrayList<>();
        if (setting != null) {
            for (String item : setting.trim().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                String[] parts = item.split(":", -1);
                if (parts.length < 2) {
                    log.warning("Ignoring incorrectly formatted SCM host:repository: " + item);
                    continue;
                }
                boolean deny = parts[0].startsWith("!");
                String hostGlob = deny ? parts[0].substring(1) : parts[0];
                boolean useCommon = parts.length < 3
                        || !List.of("no", "off", "false", "0").contains(parts[2].toLowerCase(java.util.Locale.ROOT));
                List<String> sourceCmd = DEFAULT_SOURCE_CMD;
                if (parts.length >= 4) {
                    // Koji encodes the command with commas for spaces; an empty one means none.
                    sourceCmd = parts[3].isEmpty() ? null : List.of(parts[3].split(","));
                }
                entries.add(new Entry(item, deny, hostGlob, parts[1], useCommon, sourceCmd));
            }
        }
        return new AllowedScms(List.copyOf(entries));
    }

    /** The options of the first entry matching url; a BuildError fault when none allows it. */
    public Allowance check(ScmUrl url) {
        for (Entry e : entries) {
            if (!hostMatches(url.host(), e.hostGlob()) || !Glob.matches(url.repository(), e.repoGlob())) {
                continue;
            }
            if (e.deny()) {
                throw new KojiFault(FaultCode.BUILD, describe(url) + " is not in the list of allowed SCMs (denied by "
                        + e.text() + ")");
            }
            return new Allowance(e.useCommon(), e.sourceCmd());
        }
        String hint = url.isLocal() ? " (a local git+file URL is allowed by an entry with an empty host, e.g. ':"
                + url.repository() + "')" : "";
        throw new KojiFault(FaultCode.BUILD, describe(url) + " is not in the list of allowed SCMs" + hint);
    }

    private static boolean hostMatches(String host, String glob) {
        if (host.isEmpty() || glob.isEmpty()) {
            return host.isEmpty() && glob.isEmpty();
        }
        return Glob.matches(host, glob);
    }

    private static String describe(ScmUrl url) {
        return url.host() + ":" + url.repository();
    }
}
