package org.kojinext.hub.repos;

import static org.kojinext.hub.db.jooq.Tables.REPO;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.kojinext.hub.comps.TagGroups;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.history.EventLookup;
import org.kojinext.hub.packages.PackageList;
import org.kojinext.hub.packages.TagView;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.storage.KojiPaths;
import org.kojinext.hub.tagging.TaggedBuilds;
import org.kojinext.hub.tagging.TaggedRpms;
import org.kojinext.hub.tags.TagInfo;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's repo_init (host.repoInit): a repository row in state INIT, and its directory
 * repos/&lt;tag&gt;/&lt;id&gt;/ with what createrepo needs: groups/comps.xml, repo.json, and for each
 * canonical arch of the tag a pkglist (paths relative to the arch directory, through the
 * toplink symlink to the top directory), rpmlist.jsonl and blocklist. The content is the tag's
 * latest builds through its inheritance as of the repository's event, blocked packages left out.
 */
public final class RepoInit {
    private final Path topdir;
    private final TagView tags = new TagView();
    private final TaggedBuilds tagged;

    public RepoInit(Path topdir, TaggedBuilds tagged) {
        this.topdir = topdir;
        this.tagged = tagged;
    }

    /** @return [repo_id, event_id] */
    public List<Object> init(CallContext ctx, Object tag, Integer taskId, Object event, Object opts) {
        DSLContext db = ctx.db();
        Integer ev = event == null ? null : EventLookup.toInt(event);
        TagInfo tinfo = TagStore.get(db, tag, true, ev);
        Map<String, Object> extra = TagStore.extra(db, tinfo.id(), ev);
        RepoOpts.Effective eff = RepoOpts.forTag(extra, opts == null ? null : RepoOpts.convert(opts, true));
        if (eff.flag("maven")) {
            throw KojiFault.generic("Maven support not enabled");
        }
        Set<String> arches = new LinkedHashSet<>();
        if (eff.flag("separate_src")) {
            arches.add("src");
        }
        if (tinfo.arches() != null) {
            for (String a : tinfo.arches().split("\\s+")) {
                String c = RepoArches.canon(a);
                if (!a.isEmpty() && !c.equals("src") && !c.equals("noarch")) {
                    arches.add(c);
                }
            }
        }
        int eventId;
        if (ev == null) {
            eventId = ctx.event();
        } else {
            EventLookup.get(db, ev, true);
            eventId = ev;
        }
        Integer begin = TagContent.lastChange(db, tinfo.id(), eventId);
        int repoId = db.insertInto(REPO).set(REPO.CREATE_EVENT, eventId)
                .set(REPO.BEGIN_EVENT, begin == null ? eventId : begin)
                .set(REPO.END_EVENT, TagContent.firstChangeAfter(db, tinfo.id(), eventId))
                .set(REPO.TAG_ID, tinfo.id()).set(REPO.STATE, RepoState.INIT).set(REPO.TASK_ID, taskId)
                .set(REPO.OPTS, JSON.valueOf(ExtraJson.encode(eff.opts())))
                .set(REPO.CUSTOM_OPTS, JSON.valueOf(ExtraJson.encode(eff.custom())))
                .returning(REPO.ID).fetchSingle().getId();
        boolean latest = !KojiArgs.truthy(extra.get("repo_include_all"));
        List<Object> pair = TaggedRpms.read(ctx.tx(), tagged, new TaggedBuilds.Query(tinfo.id(), eventId, true,
                latest ? 1 : 0, null, null, null, false, null), TagContent.withParents(db, tinfo.id(), eventId), null,
                false);
        List<Map<String, Object>> groups = TagGroups.list(db, tinfo.id(), eventId, true, true, true, false);
        List<String> blocked = new ArrayList<>();
        for (Map<String, Object> p : PackageList.read(db, new PackageList.Query(tinfo.id(), null, null, eventId, false,
                true), tags.parents(db, tinfo.id(), eventId)).values()) {
            if (Boolean.TRUE.equals(p.get("blocked"))) {
                blocked.add((String) p.get("package_name"));
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", repoId);
        info.put("tag", tinfo.name());
        info.put("tag_id", tinfo.id());
        info.put("task_id", taskId);
        info.put("event_id", eventId);
        info.put("opts", eff.opts());
        info.put("custom_opts", eff.custom());
        info.put("with_src", eff.flag("src"));
        info.put("with_separate_src", eff.flag("separate_src"));
        info.put("with_debuginfo", eff.flag("debuginfo"));
        info.put("external_repos", ExternalRepoList.of(db, tinfo.id(), eventId));
        try {
            write(tinfo.name(), repoId, eff, arches, info, groups, rpms(pair), builds(pair), blocked);
        } catch (IOException | RuntimeException e) {
            // The row is rolled back with the call; the directory must go with it.
            RepoFiles.deleteTree(topdir.resolve(KojiPaths.repo(tinfo.name(), repoId)));
            throw e instanceof KojiFault f ? f : KojiFault.generic("cannot write repo " + repoId + ": " + e.getMessage());
        }
        return List.of(repoId, eventId);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rpms(List<Object> pair) {
        return (List<Map<String, Object>>) pair.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> builds(List<Object> pair) {
        return (List<Map<String, Object>>) pair.get(1);
    }

    private void write(String tagName, int repoId, RepoOpts.Effective eff, Set<String> arches,
                       Map<String, Object> info, List<Map<String, Object>> groups, List<Map<String, Object>> rpms,
                       List<Map<String, Object>> builds, List<String> blocked) throws IOException {
        Path repodir = topdir.resolve(KojiPaths.repo(tagName, repoId));
        Files.createDirectories(repodir.getParent());
        try {
            Files.createDirectory(repodir);
        } catch (FileAlreadyExistsException e) {
            // A directory left by a repository whose row was rolled back: never reuse its files.
            throw new IOException("repo directory already exists: " + KojiPaths.repo(tagName, repoId));
        }
        Files.createDirectories(repodir.resolve("groups"));
        try (OutputStream out = Files.newOutputStream(repodir.resolve("groups/comps.xml"))) {
            CompsWriter.write(groups, out);
        }
        Files.writeString(repodir.resolve("repo.json"), ExtraJson.encode(info) + "\n");
        Map<Integer, String> buildDirs = new HashMap<>();
        for (Map<String, Object> b : builds) {
            buildDirs.put((Integer) b.get("id"), "toplink/" + KojiPaths.buildDir((String) b.get("name"),
                    (String) b.get("version"), (String) b.get("release")));
        }
        Map<String, Writer> pkglist = new LinkedHashMap<>();
        Map<String, Writer> rpmlist = new LinkedHashMap<>();
        try {
            for (String arch : arches) {
                Path archdir = Files.createDirectories(repodir.resolve(KojiPaths.part(arch)));
                // The link is relative, so the tree stays valid wherever the top directory is mounted.
                Files.createSymbolicLink(archdir.resolve("toplink"), relativeTop(archdir));
                pkglist.put(arch, Files.newBufferedWriter(archdir.resolve("pkglist"), StandardCharsets.UTF_8));
                rpmlist.put(arch, Files.newBufferedWriter(archdir.resolve("rpmlist.jsonl"), StandardCharsets.UTF_8));
            }
            for (Map<String, Object> rpm : rpms) {
                String name = (String) rpm.get("name");
                if (!eff.flag("debuginfo") && RepoArches.isDebuginfo(name)) {
                    continue;
                }
                String arch = (String) rpm.get("arch");
                String path = buildDirs.get((Integer) rpm.get("build_id")) + "/" + KojiPaths.part(arch) + "/"
                        + KojiPaths.part(name + "-" + rpm.get("version") + "-" + rpm.get("release") + "." + arch
                        + ".rpm");
                String json = ExtraJson.encode(rpm);
                List<String> targets = new ArrayList<>();
                if (arch.equals("src")) {
                    if (eff.flag("src")) {
                        targets.addAll(arches);
                    }
                    if (eff.flag("separate_src") && !targets.contains("src")) {
                        targets.add("src");
                    }
                } else if (arch.equals("noarch")) {
                    arches.stream().filter(a -> !a.equals("src")).forEach(targets::add);
                } else if (arches.contains(RepoArches.canon(arch))) {
                    targets.add(RepoArches.canon(arch));
                }
                for (String t : targets) {
                    pkglist.get(t).write(path + "\n");
                    rpmlist.get(t).write(json + "\n");
                }
            }
        } finally {
            closeAll(pkglist.values());
            closeAll(rpmlist.values());
        }
        for (String arch : arches) {
            Files.writeString(repodir.resolve(arch).resolve("blocklist"),
                    blocked.isEmpty() ? "" : String.join("\n", blocked) + "\n");
        }
    }

    /** The path from an arch directory up to the top directory (repos/&lt;tag&gt;/&lt;id&gt;/&lt;arch&gt;: four levels). */
    private Path relativeTop(Path archdir) {
        return archdir.toAbsolutePath().normalize().relativize(topdir.toAbsolutePath().normalize());
    }

    private static void closeAll(Iterable<Writer> writers) throws IOException {
        IOException first = null;
        for (Writer w : writers) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
