package org.kojinext.cli.commands.tags;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.kojinext.cli.CliCommand;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;
import org.kojinext.cli.PyRepr;
import org.kojinext.cli.tags.EventOptions;
import org.kojinext.cli.tags.InheritanceFlags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Koji's taginfo: per tag its build configuration, groups, lock and permission, Maven settings,
 * extra options (with where inherited ones come from), targets, repos, external repos and parents.
 */
@Command(name = "taginfo", description = "[info] Print basic information about a tag")
public final class TaginfoCommand extends CliCommand {
    @Mixin
    EventOptions eventOptions = new EventOptions();

    @Option(names = "--json", description = "print each tag's build configuration and related data as JSON")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "<tag>")
    List<String> args = new ArrayList<>();

    private HubLink hub;
    private Map<String, Object> eventOpts;

    @Override
    protected int run() {
        if (args.isEmpty()) {
            throw new CliFailure("Please specify a tag", 2);
        }
        hub = hub();
        Map<String, Object> event = eventOptions.resolve(hub);
        eventOpts = new LinkedHashMap<>();
        if (event != null) {
            if (!json) {
                out().println(EventOptions.queryingLine(event));
            }
            eventOpts.put("event", event.get("id"));
        }
        Map<Object, String> perms = new HashMap<>();
        for (Map<String, Object> p : Py.maps(hub.call("getAllPerms"))) {
            perms.put(((Number) p.get("id")).longValue(), Py.str(p.get("name")));
        }
        List<Map<String, Object>> infos = new ArrayList<>();
        for (String tag : args) {
            infos.add(buildConfig(tag));
        }
        List<Object> jsonOut = new ArrayList<>();
        boolean maven = Py.truthy(hub.call("mavenEnabled"));
        for (int n = 0; n < infos.size(); n++) {
            Details d = details(infos.get(n), event != null);
            if (json) {
                jsonOut.add(d.asJson());
                continue;
            }
            if (n > 0) {
                out().println();
            }
            print(d, perms, maven, event != null);
        }
        if (json) {
            printJson(jsonOut.size() == 1 ? jsonOut.get(0) : jsonOut);
        }
        return 0;
    }

    /** Koji tries the word as a name first, then as an id. */
    private Map<String, Object> buildConfig(String tag) {
        Object info = hub.callKw("getBuildConfig", List.of(tag), eventOpts);
        if (info == null && tag.strip().matches("[+-]?\\d+")) {
            info = hub.callKw("getBuildConfig", List.of(Py.parseInt(tag)), eventOpts);
        }
        if (info == null) {
            throw new CliFailure("No such tag: " + tag, 2);
        }
        return Py.map(info);
    }

    private record Details(Map<String, Object> info, List<String> groups, List<Map<String, Object>> destTargets,
                           List<Map<String, Object>> buildTargets, Map<Long, Object> repos,
                           List<Map<String, Object>> externalRepos, List<Map<String, Object>> parents) {
        Object asJson() {
            Map<String, Object> m = new LinkedHashMap<>(info);
            m.put("groups", groups);
            m.put("dest_targets", destTargets);
            m.put("build_targets", buildTargets);
            if (!repos.isEmpty()) {
                m.put("repo", repos.get(id(info.get("id"))));
            }
            m.put("external_repos", externalRepos);
            m.put("inheritance", parents);
            return m;
        }
    }

    private Details details(Map<String, Object> info, boolean atEvent) {
        Object id = info.get("id");
        List<String> groups = names(hub.callKw("getTagGroups", List.of(id), eventOpts));
        groups.sort(null);
        List<Map<String, Object>> dest = targets("destTagID", id);
        List<Map<String, Object>> build = targets("buildTagID", id);
        // The current repos of this tag and of the build tags of targets into it; not at an event.
        Map<Long, Object> repos = new LinkedHashMap<>();
        if (!atEvent) {
            List<Object> repoTags = new ArrayList<>();
            for (Map<String, Object> t : dest) {
                repoTags.add(t.get("build_tag"));
            }
            for (Map<String, Object> t : build) {
                repoTags.add(t.get("build_tag"));
            }
            repoTags.add(id);
            for (Object tagId : repoTags) {
                if (!repos.containsKey(id(tagId))) {
                    repos.put(id(tagId), hub.call("getRepo", tagId));
                }
            }
        }
        Map<String, Object> extOpts = new LinkedHashMap<>(eventOpts);
        extOpts.put("tag_info", id);
        List<Map<String, Object>> external = Py.maps(hub.callKw("getTagExternalRepos", List.of(), extOpts));
        List<Map<String, Object>> parents = Py.maps(hub.callKw("getInheritanceData", List.of(id), eventOpts));
        return new Details(info, groups, dest, build, repos, external, parents);
    }

    private List<Map<String, Object>> targets(String key, Object tagId) {
        Map<String, Object> kw = new LinkedHashMap<>(eventOpts);
        kw.put(key, tagId);
        return Py.maps(hub.callKw("getBuildTargets", List.of(), kw));
    }

    private void print(Details d, Map<Object, String> perms, boolean maven, boolean atEvent) {
        Map<String, Object> info = d.info();
        out().println("Tag: " + Py.str(info.get("name")) + " [" + Py.i(info.get("id")) + "]");
        out().println("Arches: " + Py.str(info.get("arches")));
        out().println("Groups: " + String.join(", ", d.groups()));
        if (Py.truthy(info.get("locked"))) {
            out().println("LOCKED");
        }
        if (info.get("perm_id") != null) {
            Object permId = info.get("perm_id");
            String name = perms.get(id(permId));
            out().println("Required permission: " + (name != null ? PyRepr.repr(name) : PyRepr.repr(permId)));
        }
        if (maven) {
            out().println("Maven support?: " + (Py.truthy(info.get("maven_support")) ? "yes" : "no"));
            out().println("Include all Maven archives?: " + (Py.truthy(info.get("maven_include_all")) ? "yes" : "no"));
        }
        if (info.containsKey("extra")) {
            printExtra(info);
        }
        if (!d.destTargets().isEmpty()) {
            out().println("Targets that build into this tag:");
            for (Map<String, Object> t : d.destTargets()) {
                if (atEvent) {
                    out().println("  " + Py.str(t.get("name")) + " (" + Py.str(t.get("build_tag_name")) + ")");
                } else {
                    out().println("  " + Py.str(t.get("name")) + " (" + Py.str(t.get("build_tag_name")) + ", "
                            + repoText(d.repos().get(id(t.get("build_tag")))) + ")");
                }
            }
        }
        long tagId = id(info.get("id"));
        if (!d.buildTargets().isEmpty()) {
            out().println("This tag is a buildroot for one or more targets");
            if (!atEvent) {
                out().println("Current repo: " + repoText(d.repos().get(tagId)));
            }
            out().println("Targets that build from this tag:");
            for (Map<String, Object> t : d.buildTargets()) {
                out().println("  " + Py.str(t.get("name")));
            }
        } else if (d.repos().containsKey(tagId)) {
            out().println("Current repo: " + repoText(d.repos().get(tagId)));
        }
        if (!d.externalRepos().isEmpty()) {
            out().println("External repos:");
            for (Map<String, Object> r : d.externalRepos()) {
                Object arches = !r.containsKey("arches") ? "-"
                        : Py.truthy(r.get("arches")) ? r.get("arches") : "inherited from tag";
                out().println("  " + Py.right(Py.i(r.get("priority")), 3) + " " + Py.str(r.get("external_repo_name"))
                        + " (" + Py.str(r.get("url")) + ", merge mode: " + Py.str(r.get("merge_mode"))
                        + "), arches: " + Py.str(arches));
            }
        }
        out().println("Inheritance:");
        for (Map<String, Object> p : d.parents()) {
            out().println("  " + Py.left(Py.i(p.get("priority")), 4) + " " + InheritanceFlags.format(p) + " "
                    + Py.str(p.get("name")) + " [" + Py.str(p.get("parent_id")) + "]");
            if (p.get("maxdepth") != null) {
                out().println("    maxdepth: " + Py.str(p.get("maxdepth")));
            }
            if (Py.truthy(p.get("pkg_filter"))) {
                out().println("    package filter: " + Py.str(p.get("pkg_filter")));
            }
        }
    }

    private void printExtra(Map<String, Object> info) {
        out().println("Tag options:");
        Map<String, Object> extra = Py.map(info.get("extra"));
        Map<String, Object> inherited = Map.of();
        if (info.get("config_inheritance") instanceof Map<?, ?> ci && ci.get("extra") instanceof Map<?, ?> e) {
            inherited = Py.map(e);
        }
        for (String key : new TreeSet<>(extra.keySet())) {
            String line = "  " + key + " : " + PyRepr.pformat(extra.get(key));
            if (inherited.containsKey(key)) {
                line = Py.left(line, 30) + " [" + Py.str(Py.map(inherited.get(key)).get("name")) + "]";
            }
            out().println(line);
        }
    }

    private static String repoText(Object repo) {
        if (repo == null) {
            return "no active repo";
        }
        Map<String, Object> r = Py.map(repo);
        return "repo#" + Py.i(r.get("id")) + ": " + Py.str(r.get("creation_time"));
    }

    private static List<String> names(Object groups) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> g : Py.maps(groups)) {
            names.add(Py.str(g.get("name")));
        }
        return names;
    }

    private static long id(Object v) {
        return ((Number) v).longValue();
    }
}
