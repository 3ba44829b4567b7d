package org.kojinext.cli.commands.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.KojiTimes;
import org.kojinext.cli.Py;
import org.kojinext.cli.PyRepr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Koji's list-history: the history of the versioned tables as a timeline of sentences, a
 * revocation and creation of the same row at one event shown as one edit.
 */
@Command(name = "list-history", description = "[info] Display historical data")
public final class ListHistoryCommand extends CliCommand {
    private static final Set<String> HIDDEN = Set.of("active", "create_event", "revoke_event", "creator_id",
            "revoker_id", "creator_name", "revoker_name", "create_ts", "revoke_ts");

    @Option(names = "--debug", hidden = true)
    boolean debug;
    @Option(names = "--build", description = "Only show data for a specific build")
    String build;
    @Option(names = "--package", description = "Only show data for a specific package")
    String pkg;
    @Option(names = "--tag", description = "Only show data for a specific tag")
    String tag;
    @Option(names = {"--editor", "--by"}, paramLabel = "USER", description = "Only show entries modified by user")
    String editor;
    @Option(names = "--user", description = "Only show entries affecting a user")
    String user;
    @Option(names = "--permission", description = "Only show entries relating to a given permission")
    String permission;
    @Option(names = "--cg", description = "Only show entries relating to a given content generator")
    String cg;
    @Option(names = {"--external-repo", "--erepo"}, description = "Only show entries relating to a given external repo")
    String externalRepo;
    @Option(names = {"--build-target", "--target"}, description = "Only show entries relating to a given build target")
    String buildTarget;
    @Option(names = "--group", description = "Only show entries relating to a given group")
    String group;
    @Option(names = "--host", description = "Only show entries related to given host")
    String host;
    @Option(names = "--channel", description = "Only show entries related to given channel")
    String channel;
    @Option(names = "--xkey", description = "Only show entries related to given tag extra key")
    String xkey;
    @Option(names = "--before", description = "Only show entries before this time (timestamp or date/time)")
    String before;
    @Option(names = "--after", description = "Only show entries after timestamp (same format as for --before)")
    String after;
    @Option(names = "--before-event", paramLabel = "EVENT_ID", description = "Only show entries before event")
    Integer beforeEvent;
    @Option(names = "--after-event", paramLabel = "EVENT_ID", description = "Only show entries after event")
    Integer afterEvent;
    @Option(names = "--watch", description = "Monitor history data")
    boolean watch;
    @Option(names = "--active", description = "Only show entries that are currently active")
    boolean active;
    @Option(names = "--revoked", description = "Only show entries that are currently revoked")
    boolean revoked;
    @Option(names = "--context", description = "Show related entries")
    boolean context;
    @Option(names = {"-s", "--show"}, description = "Show data from selected tables")
    List<String> show = new ArrayList<>();
    @Option(names = {"-v", "--verbose"}, description = "Show more detail")
    boolean verbose;
    @Option(names = {"-e", "--events"}, description = "Show event ids")
    boolean events;
    @Option(names = "--all", description = "Allows listing the entire global history")
    boolean all;
    @Option(names = "--utc", description = "Shows time in UTC timezone")
    boolean utc;
    @Option(names = "--json", description = "print the hub's queryHistory answer as JSON")
    boolean json;

    private record Entry(int event, String table, int create, Map<String, Object> x, List<Entry> related) {
    }

    @Override
    protected int run() throws InterruptedException {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        String[][] filters = {{"package", pkg}, {"tag", tag}, {"build", build}, {"editor", editor}, {"user", user},
                {"permission", permission}, {"cg", cg}, {"external_repo", externalRepo},
                {"build_target", buildTarget}, {"group", group}, {"host", host}, {"channel", channel}, {"xkey", xkey}};
        boolean limited = false;
        for (String[] f : filters) {
            if (f[1] != null && !f[1].isEmpty()) {
                kwargs.put(f[0], f[1]);
                limited = true;
            }
        }
        if (before != null) {
            kwargs.put("before", KojiTimes.parse("--before", before));
            limited = true;
        }
        if (after != null) {
            kwargs.put("after", KojiTimes.parse("--after", after));
            limited = true;
        }
        if (beforeEvent != null && beforeEvent != 0) {
            kwargs.put("beforeEvent", beforeEvent);
        }
        if (afterEvent != null && afterEvent != 0) {
            kwargs.put("afterEvent", afterEvent);
        }
        if (active || revoked) {
            // optparse keeps the last of --active/--revoked; picocli cannot tell the order, --revoked wins
            kwargs.put("active", !revoked);
        }
        if (host != null && hub().call("getHost", host) == null) {
            throw new CliFailure("No such host: " + host);
        }
        if (channel != null && hub().call("getChannel", channel) == null) {
            throw new CliFailure("No such channel: " + channel);
        }
        if (utc) {
            kwargs.put("utc", true);
        }
        List<String> tables = null;
        if (!show.isEmpty()) {
            tables = new ArrayList<>();
            for (String s : show) {
                tables.addAll(List.of(s.split(",")));
            }
        }
        if (!limited && !all) {
            throw new CliFailure("Please specify an option to limit the query", 2);
        }
        if (watch && kwargs.get("afterEvent") == null && kwargs.get("after") == null) {
            kwargs.put("afterEvent", Py.map(hub().call("getLastEvent")).get("id"));
        }
        while (true) {
            Map<String, Object> kw = new HashMap<>(kwargs);
            kw.put("tables", tables);
            Map<String, Object> hist = Py.map(hub().callKw("queryHistory", List.of(), kw));
            if (json) {
                printJson(hist);
                if (!watch) {
                    return 0;
                }
            }
            Integer last = printTimeline(hist, !json);
            if (!watch) {
                return 0;
            }
            out().flush();
            Thread.sleep(Math.max(1, hub().profile().integer("poll_interval")) * 1000L);
            if (last != null) {
                kwargs.put("afterEvent", last);
            }
        }
    }

    /** Prints the rows as a timeline; returns the last event seen. */
    private Integer printTimeline(Map<String, Object> hist, boolean print) {
        List<Entry> timeline = new ArrayList<>();
        for (Map.Entry<String, Object> t : hist.entrySet()) {
            for (Map<String, Object> x : Py.maps(t.getValue())) {
                if (x.get("revoke_event") != null && matched(x, "revoked")) {
                    timeline.add(new Entry(Py.intOf(x.get("revoke_event")), t.getKey(), 0, new LinkedHashMap<>(x),
                            new ArrayList<>()));
                }
                if (matched(x, "created")) {
                    timeline.add(new Entry(Py.intOf(x.get("create_event")), t.getKey(), 1, x, new ArrayList<>()));
                }
            }
        }
        timeline.sort(Comparator.comparingInt(Entry::event).thenComparing(Entry::table).thenComparingInt(Entry::create));
        List<Entry> grouped = new ArrayList<>();
        Integer lastEvent = null;
        Map<String, Map<List<Object>, Entry>> index = new HashMap<>();
        for (Entry e : timeline) {
            if (!Objects.equals(e.event(), lastEvent)) {
                index.clear();
                lastEvent = e.event();
            }
            List<String> keyCols = HistoryLines.KEYS.get(e.table());
            Entry prev = null;
            List<Object> key = null;
            if (keyCols != null) {
                key = new ArrayList<>();
                for (String k : keyCols) {
                    key.add(e.x().get(k));
                }
                prev = index.computeIfAbsent(e.table(), k -> new HashMap<>()).get(key);
            }
            if (prev != null) {
                prev.related().add(e);
            } else {
                if (key != null) {
                    index.get(e.table()).put(key, e);
                }
                grouped.add(e);
            }
        }
        if (print) {
            for (Entry e : grouped) {
                if (debug) {
                    out().println(PyRepr.repr(debugView(e)));
                }
                printLine(e);
            }
        }
        return lastEvent;
    }

    /** The entry as Koji's --debug shows it: [event, table, create, row with '.related']. */
    private static List<Object> debugView(Entry e) {
        Map<String, Object> x = new LinkedHashMap<>(e.x());
        if (!e.related().isEmpty()) {
            List<Object> rel = new ArrayList<>();
            for (Entry r : e.related()) {
                rel.add(debugView(r));
            }
            x.put(".related", rel);
        }
        return List.of(e.event(), e.table(), e.create(), x);
    }

    /** Koji's distinguish_match: whether the creation (or revocation) is what the filters matched. */
    private boolean matched(Map<String, Object> x, String which) {
        if (context) {
            return true;
        }
        for (Map.Entry<String, Object> e : x.entrySet()) {
            if (e.getKey().startsWith("_" + which) && !Py.truthy(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private void printLine(Entry e) {
        Map<String, Object> x = e.x();
        boolean create = e.create() == 1;
        boolean edit = !e.related().isEmpty();
        Entry other = edit ? e.related().get(0) : null;
        if (edit) {
            String bad = null;
            if (e.related().size() != 1) {
                bad = (e.related().size() + 1) + " elements";
            }
            if (create || other.create() == 0) {
                bad = "out of order";
            }
            if (e.event() != other.event()) {
                bad = "non-matching";
            }
            if (bad != null) {
                err().println("Unusual edit at event " + e.event() + " in table " + e.table() + " (" + bad + ")");
                out().println(PyRepr.pformat(List.of(e.event(), e.table(), e.create(), x)));
                printLine(new Entry(e.event(), e.table(), e.create(), x, new ArrayList<>()));
                for (Entry r : e.related()) {
                    printLine(new Entry(r.event(), r.table(), r.create(), r.x(), new ArrayList<>()));
                }
                return;
            }
        }
        Object ts = create ? x.get("create_ts") : x.get("revoke_ts");
        String who = null;
        if (create && x.containsKey("creator_name")) {
            who = "by " + Py.str(x.get("creator_name"));
        } else if (!create && x.containsKey("revoker_name")) {
            who = "by " + Py.str(x.get("revoker_name"));
        }
        List<String> parts = new ArrayList<>();
        parts.add(utc ? KojiTimes.asctimeUtc(ts) : KojiTimes.asctime(ts));
        if (events || verbose) {
            parts.add("(eid " + e.event() + ")");
        }
        parts.add(HistoryLines.sentence(e.table(), edit, create, x));
        if (who != null) {
            parts.add(who);
        }
        if ((create && Py.truthy(x.get("active"))) || (edit && Py.truthy(other.x().get("active")))) {
            parts.add("[still active]");
        }
        out().println(String.join(" ", parts));
        if (edit) {
            Map<String, Object> y = other.x();
            for (String key : new TreeSet<>(x.keySet())) {
                if (HIDDEN.contains(key) || key.startsWith("_") || same(x.get(key), y.get(key))) {
                    continue;
                }
                String nkey = nameKey(key);
                if (x.containsKey(nkey) && y.containsKey(nkey)) {
                    continue;
                }
                out().println("    " + key + ": " + Py.str(x.get(key)) + " -> " + Py.str(y.get(key)));
            }
        } else if (create && verbose && !e.table().equals("tag_listing")) {
            List<String> alsoHidden = new ArrayList<>(HistoryLines.KEYS.getOrDefault(e.table(), List.of()));
            for (String k : List.copyOf(alsoHidden)) {
                alsoHidden.add(nameKey(k));
            }
            for (String key : new TreeSet<>(x.keySet())) {
                if (HIDDEN.contains(key) || alsoHidden.contains(key) || x.containsKey(nameKey(key))
                        || key.startsWith("_") || (Py.truthy(x.get("blocked")) && !key.equals("blocked"))) {
                    continue;
                }
                String shown = key.endsWith(".name") ? key.substring(0, key.length() - 5) : key;
                out().println("    " + shown + ": " + Py.str(x.get(key)));
            }
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    /** Koji's get_nkey: the column holding the name of what an id column refers to. */
    private static String nameKey(String key) {
        if (key.equals("perm_id")) {
            return "permission.name";
        }
        return key.endsWith("_id") ? key.substring(0, key.length() - 3) + ".name" : key + ".name";
    }
}
