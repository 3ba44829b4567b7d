package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.BTYPE;
import static org.kojinext.hub.db.jooq.Tables.BUILD;
import static org.kojinext.hub.db.jooq.Tables.BUILD_TYPES;
import static org.kojinext.hub.db.jooq.Tables.CONTENT_GENERATOR;
import static org.kojinext.hub.db.jooq.Tables.PACKAGE;
import static org.kojinext.hub.db.jooq.Tables.USERS;
import static org.kojinext.hub.db.jooq.Tables.VOLUME;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.kojinext.hub.builds.BuildList;
import org.kojinext.hub.builds.BuildStore;
import org.kojinext.hub.builds.BuildWriter;
import org.kojinext.hub.builds.NewBuild;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.events.ChangeFeed;
import org.kojinext.hub.events.ReadCache;
import org.kojinext.hub.db.jooq.tables.records.UsersRecord;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/** Builds: creating empty ones, looking them up and listing them, deleting, changing owner. */
public final class BuildApi implements ApiModule {
    private final UserApi users;
    /**
     * getBuild by id or N-V-R, the form clients use all day, voided by any change to the tables
     * the struct is read from (by any hub: see ChangeFeed). A miss is kept too: creating the build
     * writes the build table and voids it.
     */
    private final ReadCache<Object, Optional<Map<String, Object>>> byIdOrNvr;

    public BuildApi(UserApi users, ChangeFeed changes) {
        this.users = users;
        this.byIdOrNvr = new ReadCache<>(changes, 10_000, BUILD.getName(), PACKAGE.getName(), USERS.getName(),
                VOLUME.getName(), CONTENT_GENERATOR.getName());
    }

    private Object getBuild(CallContext ctx, Args a) {
        Object info = a.get("buildInfo");
        if (!(info instanceof Integer || info instanceof String)) {
            return BuildStore.resolve(ctx.db(), info, a.bool("strict"));
        }
        Optional<Map<String, Object>> build = byIdOrNvr.get(ctx.tx(), info,
                k -> Optional.ofNullable(BuildStore.resolve(ctx.db(), k, false)).map(Collections::unmodifiableMap));
        if (build.isEmpty() && a.bool("strict")) {
            // The uncached path words the fault as Koji does for each form.
            return BuildStore.resolve(ctx.db(), info, true);
        }
        return build.orElse(null);
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("createEmptyBuild").param("name").param("version").param("release").param("epoch")
                .param("owner", null).param("draft", false)
                .access(Access.admin())
                .doc("Create a COMPLETE build with no content.\n"
                        + "\n"
                        + ":param str name: package name (created when new)\n"
                        + ":param int epoch: epoch or None\n"
                        + ":param owner: user id, name or struct; the caller by default\n"
                        + ":param bool draft: a draft build; its release is stored as <release>,draft_<id>\n"
                        + ":returns int: the build id (an existing FAILED or CANCELED build that was never tagged and "
                        + "has no content is reused)")
                .handler(this::createEmptyBuild);
        m.method("getBuild").param("buildInfo").param("strict", false)
                .access(Access.anonymousRead())
                .doc("A build by id, \"N-V-R\" string, or struct with name, version and release.\n"
                        + "\n"
                        + ":returns dict: id, build_id, name, package_id, package_name, version, release, epoch, nvr, "
                        + "state, draft, task_id, owner_id, owner_name, volume_id, volume_name, source, extra, "
                        + "creation_event_id, creation_time/ts, start_time/ts, completion_time/ts, promotion_time/ts, "
                        + "promoter_id, promoter_name, cg_id, cg_name; None (or with strict an error) when missing")
                .handler(this::getBuild);
        m.method("findBuildID").param("X").param("strict", false)
                .access(Access.anonymousRead())
                .doc("A build's id from its id, \"N-V-R\" or {name, version, release}; an int is returned as it is.")
                .handler((ctx, a) -> BuildStore.findId(ctx.db(), a.get("X"), a.bool("strict")));
        // Koji Next has no maven, Windows or image builds yet (no such tables, and Koji's
        // EnableMaven/EnableWin are off): every build answers as a Koji build without that info.
        m.method("getBuildType").param("buildInfo").param("strict", false)
                .access(Access.anonymousRead())
                .doc("A build's types and their type info: {btype name: the build extra's typeinfo for it, or None}.")
                .handler((ctx, a) -> {
                    Map<String, Object> build = BuildStore.resolve(ctx.db(), a.get("buildInfo"), a.bool("strict"));
                    if (build == null) {
                        return null;
                    }
                    Map<?, ?> typeinfo = build.get("extra") instanceof Map<?, ?> extra
                            && extra.get("typeinfo") instanceof Map<?, ?> t ? t : Map.of();
                    Map<String, Object> types = new java.util.LinkedHashMap<>();
                    for (String name : ctx.db().select(BTYPE.NAME).from(BTYPE).join(BUILD_TYPES)
                            .on(BUILD_TYPES.BTYPE_ID.eq(BTYPE.ID)).where(BUILD_TYPES.BUILD_ID.eq((Integer) build.get("id")))
                            .orderBy(BTYPE.ID).fetch(BTYPE.NAME)) {
                        types.put(name, typeinfo.get(name));
                    }
                    return types;
                });
        typeInfo(m, "getMavenBuild", "maven build");
        typeInfo(m, "getWinBuild", "Windows build");
        typeInfo(m, "getImageBuild", "image build");
        m.method("listBuilds").param("packageID", null).param("userID", null).param("taskID", null)
                .param("prefix", null).param("state", null).param("volumeID", null).param("source", null)
                .param("createdBefore", null).param("createdAfter", null).param("completeBefore", null)
                .param("completeAfter", null).param("type", null).param("typeInfo", null)
                .param("queryOpts", null).param("pattern", null).param("cgID", null).param("draft", null)
                .access(Access.anonymousRead())
                .doc("Builds matching all the given filters: package, owner, task (-1: any task), name prefix, "
                        + "nvr glob pattern, state, volume, source glob, creation and completion time bounds "
                        + "(seconds or a timestamp string), btype, content generator, draft. queryOpts orders, pages "
                        + "or counts. typeInfo for maven and win needs tables Koji Next does not have yet.")
                .handler(this::listBuilds);
        m.method("getNextRelease").param("build_info").param("incr", 1)
                .access(Access.anonymousRead())
                .doc("The release after the newest non-draft BUILDING, COMPLETE or DELETED build of {name, version}: "
                        + "\"5\" gives \"6\", \"5.fc40\" \"6.fc40\", \"2024.nightly.7\" \"2024.nightly.8\", none gives "
                        + "str(incr); any other form is a BuildError.")
                .handler(this::getNextRelease);
        m.method("deleteBuild").param("build").param("strict", true).param("min_ref_age", 604800)
                .access(Access.admin())
                .doc("Mark a build DELETED; refused while it is tagged (with strict false, returns False instead). "
                        + "The build, rpm and archive rows stay, and the N-V-R is never free again. "
                        + "min_ref_age applies to buildroot use, which Koji Next does not record yet.")
                .handler((ctx, a) -> BuildWriter.delete(ctx.db(), a.get("build"), a.bool("strict"),
                        ctx.event(), ctx.userId()));
        m.method("cancelBuild").param("buildID").param("strict", false)
                .access(Access.loggedIn())
                .doc("Cancel a BUILDING build (its owner or an admin) and the task that builds it. True if it was "
                        + "canceled; false if it was not BUILDING, or is missing and strict is false.")
                .handler((ctx, a) -> BuildWriter.cancel(ctx.db(), a.get("buildID"), a.bool("strict"), ctx.userId(),
                        ctx.hasPerm("admin")));
        m.method("setBuildOwner").param("build").param("user")
                .access(Access.admin())
                .doc("Change a build's owner.")
                .handler((ctx, a) -> {
                    BuildStore.resolve(ctx.db(), a.get("build"), true);
                    int userId = users.resolve(ctx.db(), a.get("user"), true).getId();
                    BuildWriter.setOwner(ctx.db(), a.get("build"), userId);
                    return null;
                });
    }

    private Object createEmptyBuild(CallContext ctx, Args a) {
        Object name = a.get("name");
        if (!(name instanceof String n) || n.isEmpty()) {
            throw KojiFault.generic("No name or package id provided for build");
        }
        String version = text(a.get("version"), "version");
        String release = text(a.get("release"), "release");
        Object epoch = a.get("epoch");
        if (epoch != null && !(epoch instanceof Integer)) {
            throw KojiFault.parameter("epoch must be an integer or None, not " + PythonRepr.of(epoch));
        }
        Integer owner = null;
        if (KojiArgs.truthy(a.get("owner"))) {
            owner = users.resolve(ctx.db(), a.get("owner"), true).getId();
        }
        NewBuild nb = NewBuild.complete(n, version, release, (Integer) epoch, owner, a.bool("draft"));
        return BuildWriter.create(ctx.db(), nb, ctx.event(), ctx.userId());
    }

    private static String text(Object v, String field) {
        if (!(v instanceof String s) || s.isEmpty()) {
            throw KojiFault.generic("No " + field + " value for build");
        }
        return s;
    }

    private Object listBuilds(CallContext ctx, Args a) {
        Map<String, Object> raw = a.map("queryOpts");
        QueryOpts opts = QueryOpts.parse(raw, BuildList.sortableFields());
        Integer userId = null;
        boolean unknownUser = false;
        if (a.get("userID") != null) {
            UsersRecord u = users.resolve(ctx.db(), a.get("userID"), false);
            unknownUser = u == null;
            userId = u == null ? null : u.getId();
        }
        BuildList.Filter f = new BuildList.Filter(a.get("packageID"), userId, unknownUser, a.integer("taskID"),
                a.str("prefix"), a.integer("state"), a.integer("volumeID"), a.str("source"),
                a.get("createdBefore"), a.get("createdAfter"), a.get("completeBefore"), a.get("completeAfter"),
                a.str("type"), a.map("typeInfo"), a.str("pattern"), a.get("cgID"), a.optBool("draft"));
        return BuildList.list(ctx.db(), f, opts);
    }

    private Object getNextRelease(CallContext ctx, Args a) {
        Map<String, Object> info = a.map("build_info");
        if (info == null || !info.containsKey("name") || !info.containsKey("version")) {
            throw KojiFault.generic("build_info must give name and version");
        }
        Object incr = a.get("incr");
        int step;
        try {
            step = incr instanceof Integer i ? i : Integer.parseInt(PythonRepr.str(incr).trim());
        } catch (NumberFormatException e) {
            throw KojiFault.parameter("incr parameter must be an integer");
        }
        return BuildStore.nextRelease(ctx.db(), PythonRepr.str(info.get("name")), PythonRepr.str(info.get("version")),
                step);
    }

    private static void typeInfo(MethodRegistry.Declarer m, String method, String what) {
        m.method(method).param("buildInfo").param("strict", false)
                .access(Access.anonymousRead())
                .doc("A build's " + what + " information, or None; with strict, a build without it is an error. "
                        + "Koji Next has no such builds yet, so this is always None for an existing build.")
                .handler((ctx, a) -> {
                    Integer id = BuildStore.findId(ctx.db(), a.get("buildInfo"), a.bool("strict"));
                    if (id != null && a.bool("strict")) {
                        throw KojiFault.generic("no such " + what + ": " + PythonRepr.str(a.get("buildInfo")));
                    }
                    return null;
                });
    }
}
