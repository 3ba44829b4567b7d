package org.kojinext.hub.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.builds.BuildState;
import org.kojinext.hub.events.ChangeFeed;
import org.kojinext.hub.packages.PackageList;
import org.kojinext.hub.packages.PackageListChanges;
import org.kojinext.hub.packages.TagView;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tagging.BuildRef;
import org.kojinext.hub.tagging.PackageListCheck;
import org.kojinext.hub.tagging.Snapshot;
import org.kojinext.hub.tagging.TagChanges;
import org.kojinext.hub.tagging.TaggedBuilds;
import org.kojinext.hub.tagging.TaggedRpms;
import org.kojinext.hub.tagging.Tagger;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.hub.tasks.TaskOptions;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiFault;

/**
 * Tagging builds and reading what is tagged. tagBuild and moveBuild check and then leave the
 * tagging to a tagBuild task, which calls host.tagBuild (HostTagCallsApi); the other changes are
 * synchronous. Koji's tag policy is not configurable in Koji Next yet; with no policy Koji
 * allows, and so does this.
 */
public final class TaggingApi implements ApiModule {
    private final TagView tags;
    private final TaggedBuilds tagged;
    private final Snapshot snapshot;
    private final PackageListCheck listed;

    public TaggingApi(TagView tags, UserApi users, ChangeFeed changes) {
        this.tags = tags;
        this.tagged = new TaggedBuilds(tags, changes);
        PackageListChanges lists = new PackageListChanges(tags, users);
        this.snapshot = new Snapshot(tags, lists, tagged);
        this.listed = new PackageListCheck(tags, lists);
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("tagBuild").param("tag").param("build").param("force", false).param("fromtag", null)
                .access(Access.loggedIn())
                .doc("Ask for a build to be tagged; with fromtag, moved. The build must be COMPLETE, the tags "
                        + "open to the caller and the package listed and unblocked in tag; an admin's force "
                        + "overrides all three. The tagging itself is done by a tagBuild task (priority 10), "
                        + "whose id is returned.")
                .handler((ctx, a) -> tagBuild(ctx, a.get("tag"), a.get("build"), a.bool("force"), a.get("fromtag")));
        m.method("moveBuild").param("tag1").param("tag2").param("build").param("force", false)
                .access(Access.loggedIn())
                .doc("Move a build from tag1 to tag2 by a tagBuild task; returns the task id.")
                .handler((ctx, a) -> tagBuild(ctx, a.get("tag2"), a.get("build"), a.bool("force"), a.get("tag1")));
        m.method("tagBuildBypass").param("tag").param("build").param("force", false).param("notify", false)
                .access(Access.permission("tag"))
                .doc("Tag a build at once, without a task and without the package-list check. A locked tag "
                        + "or one needing another permission refuses unless an admin forces it; retagging needs force.")
                .handler((ctx, a) -> {
                    TagView.Tag tag = tags.get(ctx.db(), a.get("tag"), true, null);
                    BuildRef build = BuildRef.get(ctx.db(), a.get("build"), true);
                    Tagger.assertAccess(ctx, tag, a.bool("force"));
                    Tagger.tag(ctx, tag, build, a.bool("force"));
                    return null;
                });
        m.method("untagBuild").param("tag").param("build").param("strict", true).param("force", false)
                .access(Access.loggedIn())
                .doc("Remove a build from a tag. With strict, a build that is not in the tag is an error.")
                .handler(this::untag);
        m.method("untagBuildBypass").param("tag").param("build").param("strict", true).param("force", false)
                .param("notify", false)
                .access(Access.permission("tag"))
                .doc("Remove a build from a tag, for imports and syncs.")
                .handler(this::untag);
        m.method("massTag").param("tag").param("builds")
                .access(Access.permission("tag"))
                .doc("Tag many builds (NVRs or ids), each with its own event in the order given, bypassing "
                        + "tag locks, permissions and the package list.")
                .handler((ctx, a) -> {
                    TagView.Tag tag = tags.get(ctx.db(), a.get("tag"), true, null);
                    for (Object b : a.list("builds")) {
                        Tagger.tag(ctx, tag, BuildRef.get(ctx.db(), b, true), true);
                        ctx.tx().newEvent();
                    }
                    return null;
                });
        m.method("snapshotTag").param("src").param("dst").param("config", true).param("pkgs", true)
                .param("builds", true).param("groups", true).param("latest_only", true).param("inherit_builds", true)
                .param("event", null).param("force", false)
                .access(Access.permission("tag"))
                .doc("Create a tag holding what another holds (at an event, if given): its configuration, its "
                        + "package list with inheritance and its (latest) builds. Inheritance is not copied; comps "
                        + "groups do not exist in Koji Next yet.")
                .handler((ctx, a) -> {
                    snapshot.copy(ctx, a.get("src"), a.get("dst"), new Snapshot.Options(a.bool("config"),
                            a.bool("pkgs"), a.bool("builds"), a.bool("latest_only"), a.bool("inherit_builds"),
                            a.integer("event"), a.bool("force")));
                    return null;
                });
        m.method("listTagged").param("tag").param("event", null).param("inherit", false).param("prefix", null)
                .param("latest", false).param("package", null).param("owner", null).param("type", null)
                .param("strict", true).param("extra", false).param("draft", null)
                .access(Access.anonymousRead())
                .doc("Builds in a tag, most recently tagged first; with inherit, then those of the tags it inherits. "
                        + "latest: True for the most recently tagged build of each package, N for N of them.")
                .handler((ctx, a) -> {
                    TagView.Tag tag = tags.get(ctx.db(), a.get("tag"), a.bool("strict"), a.integer("event"));
                    if (tag == null) {
                        return List.of();
                    }
                    List<Map<String, Object>> result = tagged.read(ctx.tx(), query(tag.id(), a, a.bool("inherit"),
                            TaggedBuilds.latest(a.get("latest")), a.bool("extra")));
                    String prefix = a.str("prefix");
                    if (prefix != null && !prefix.isEmpty()) {
                        String p = prefix.toLowerCase(Locale.ROOT);
                        result = new ArrayList<>(result);
                        result.removeIf(b -> !((String) b.get("package_name")).toLowerCase(Locale.ROOT).startsWith(p));
                    }
                    return result;
                });
        m.method("getLatestBuilds").param("tag").param("event", null).param("package", null).param("type", null)
                .param("draft", null)
                .access(Access.anonymousRead())
                .doc("The most recently tagged build of each package in a tag, with inheritance.")
                .handler((ctx, a) -> tagged.read(ctx.tx(), query(latestTagId(ctx, a.get("tag")), a, true, 1, false)));
        m.method("listTaggedRPMS").param("tag").param("event", null).param("inherit", false).param("latest", false)
                .param("package", null).param("arch", null).param("rpmsigs", false).param("owner", null)
                .param("type", null).param("strict", true).param("extra", true).param("draft", null)
                .access(Access.anonymousRead())
                .doc("The rpms of the builds listTagged would return, and those builds: [rpms, builds].")
                .handler((ctx, a) -> {
                    TagView.Tag tag = tags.get(ctx.db(), a.get("tag"), a.bool("strict"), a.integer("event"));
                    if (tag == null) {
                        return List.of();
                    }
                    return rpms(ctx, tag.id(), a, a.bool("inherit"), TaggedBuilds.latest(a.get("latest")),
                            a.bool("extra"));
                });
        m.method("getLatestRPMS").param("tag").param("package", null).param("arch", null).param("event", null)
                .param("rpmsigs", false).param("type", null).param("draft", null)
                .access(Access.anonymousRead())
                .doc("The rpms of the latest builds in a tag, with inheritance: [rpms, builds].")
                .handler((ctx, a) -> rpms(ctx, latestTagId(ctx, a.get("tag")), a, true, 1, true));
        m.method("tagChangedSinceEvent").param("event").param("taglist")
                .access(Access.anonymousRead())
                .doc("Whether anything in the listed tags changed after the event. Inheritance is not followed.")
                .handler((ctx, a) -> {
                    List<Integer> ids = new ArrayList<>();
                    for (Object t : a.list("taglist")) {
                        ids.add(tags.get(ctx.db(), t, true, null).id());
                    }
                    Integer event = a.integer("event");
                    if (event == null) {
                        throw KojiFault.parameter("event is required");
                    }
                    return !ids.isEmpty() && TagChanges.changedSince(ctx.db(), event, ids);
                });
        m.method("tagLastChangeEvent").param("tag").param("before", null).param("inherit", true)
                .access(Access.anonymousRead())
                .doc("The most recent event that changed the tag's content (before an event, if given), or None.")
                .handler((ctx, a) -> {
                    int tagId = tagIdEvenIfDeleted(ctx, a.get("tag"));
                    Integer before = a.integer("before");
                    return TagChanges.last(ctx.db(), tagId, withParents(ctx.db(), tagId, before, a.bool("inherit")),
                            before);
                });
        m.method("tagFirstChangeEvent").param("tag").param("after", null).param("inherit", true)
                .access(Access.anonymousRead())
                .doc("The first event after the given one that changed the tag's content; without after, the "
                        + "tag's creation. None if there is none.")
                .handler((ctx, a) -> {
                    int tagId = tagIdEvenIfDeleted(ctx, a.get("tag"));
                    Integer after = a.integer("after");
                    return TagChanges.first(ctx.db(), tagId, withParents(ctx.db(), tagId, after, a.bool("inherit")),
                            after);
                });
    }

    /** Koji's tagBuild: the cheap checks now, the tagging in a task that checks again. */
    private int tagBuild(CallContext ctx, Object tagInfo, Object buildInfo, boolean force, Object fromInfo) {
        BuildRef build = BuildRef.get(ctx.db(), buildInfo, true);
        TagView.Tag tag = tags.get(ctx.db(), tagInfo, true, null);
        TagView.Tag from = fromInfo == null || Boolean.FALSE.equals(fromInfo) || "".equals(fromInfo)
                ? null : tags.get(ctx.db(), fromInfo, true, null);
        if (build.state() != 1) {
            throw new KojiFault(org.kojinext.protocol.FaultCode.TAG, "build " + build.nvr() + " not complete: state "
                    + BuildState.of(build.state()));
        }
        Tagger.assertAccess(ctx, tag, force);
        if (from != null) {
            Tagger.assertAccess(ctx, from, force);
        }
        listed.require(ctx, tag, build, force, tag.name());
        List<Object> args = new ArrayList<>(List.of(tag.id(), build.id(), force));
        args.add(from == null ? null : from.id());
        return TaskWriter.create(ctx, "tagBuild", args, TaskOptions.none().priority(10));
    }

    private Object untag(CallContext ctx, Args a) {
        TagView.Tag tag = tags.get(ctx.db(), a.get("tag"), true, null);
        BuildRef build = BuildRef.get(ctx.db(), a.get("build"), true);
        Tagger.assertAccess(ctx, tag, a.bool("force"));
        Tagger.untag(ctx, tag, build, a.bool("strict"));
        return null;
    }

    private TaggedBuilds.Query query(int tagId, Args a, boolean inherit, int latest, boolean extra) {
        Object draft = a.get("draft");
        // getLatestBuilds and getLatestRPMS have no owner filter.
        String owner = a.declares("owner") ? a.str("owner") : null;
        return new TaggedBuilds.Query(tagId, a.integer("event"), inherit, latest, a.str("package"),
                owner, a.str("type"), extra, draft == null ? null : a.bool("draft"));
    }

    private List<Object> rpms(CallContext ctx, int tagId, Args a, boolean inherit, int latest, boolean extra) {
        TaggedBuilds.Query q = query(tagId, a, inherit, latest, extra);
        return TaggedRpms.read(ctx.tx(), tagged, q, withParents(ctx.db(), tagId, q.event(), inherit), a.get("arch"),
                a.bool("rpmsigs"));
    }

    /**
     * getLatestBuilds' and getLatestRPMS' tag, as Koji takes it: an id is used as it is; a name
     * (or dict) is looked up among all tags, deleted ones included, and an unknown one is Koji's
     * "No such entry in table tag".
     */
    private static int latestTagId(CallContext ctx, Object tag) {
        if (tag instanceof Integer i) {
            return i;
        }
        return TagStore.resolveId(ctx.db(), tag, true);
    }

    /** A deleted tag still has a history to ask about. */
    private int tagIdEvenIfDeleted(CallContext ctx, Object tag) {
        TagView.Tag live = tags.get(ctx.db(), tag, false, null);
        if (live != null) {
            return live.id();
        }
        Integer id = tags.idOfAny(ctx.db(), tag);
        if (id == null) {
            throw KojiFault.generic("No such tagInfo: " + tag);
        }
        return id;
    }

    private List<Integer> withParents(DSLContext db, int tagId, Integer event, boolean inherit) {
        List<Integer> ids = new ArrayList<>();
        ids.add(tagId);
        if (inherit) {
            for (PackageList.Parent p : tags.parents(db, tagId, event)) {
                ids.add(p.tagId());
            }
        }
        return ids;
    }
}
