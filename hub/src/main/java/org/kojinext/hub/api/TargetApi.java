package org.kojinext.hub.api;

import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.hub.tags.TargetStore;

/** Build targets: where a build's buildroot comes from (build tag) and where the build goes (dest tag). */
public final class TargetApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("createBuildTarget").param("name").param("build_tag").param("dest_tag")
                .access(Access.permission("target"))
                .doc("Create a build target from a build tag and a destination tag (ids or names).")
                .handler((ctx, a) -> {
                    TargetStore.create(ctx.db(), a.get("name"), a.get("build_tag"), a.get("dest_tag"),
                            ctx.event(), ctx.userId());
                    return null;
                });
        m.method("editBuildTarget").param("buildTargetInfo").param("name").param("build_tag").param("dest_tag")
                .access(Access.permission("target"))
                .doc("Rename a build target and set its build and destination tags.")
                .handler((ctx, a) -> {
                    TargetStore.edit(ctx.db(), a.get("buildTargetInfo"), a.get("name"), a.get("build_tag"),
                            a.get("dest_tag"), ctx.event(), ctx.userId());
                    return null;
                });
        m.method("deleteBuildTarget").param("buildTargetInfo")
                .access(Access.permission("target"))
                .doc("Delete a build target (its configuration is revoked; history keeps it).")
                .handler((ctx, a) -> {
                    TargetStore.delete(ctx.db(), a.get("buildTargetInfo"), ctx.event(), ctx.userId());
                    return null;
                });
        m.method("getBuildTarget").param("info").param("event", null).param("strict", false)
                .access(Access.anonymousRead())
                .doc("A build target by id, name or dict: id, name, build_tag, build_tag_name, dest_tag, "
                        + "dest_tag_name; None when there is none and not strict.")
                .handler((ctx, a) -> TargetStore.get(ctx.db(), a.get("info"), TagStore.event(a.get("event")),
                        a.bool("strict")));
        m.method("getBuildTargets").param("info", null).param("event", null).param("buildTagID", null)
                .param("destTagID", null).param("queryOpts", null)
                .access(Access.anonymousRead())
                .doc("Build targets, optionally only the one named by info or those using a build or "
                        + "destination tag (id, name or dict).")
                .handler((ctx, a) -> TargetStore.list(ctx.db(), a.get("info"), TagStore.event(a.get("event")),
                        a.get("buildTagID"), a.get("destTagID"), a.map("queryOpts")));
    }
}
