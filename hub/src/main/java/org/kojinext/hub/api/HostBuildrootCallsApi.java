package org.kojinext.hub.api;

import org.kojinext.hub.buildroots.BuildrootWriter;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;

/**
 * The host calls that record buildroots (Koji's HostExports newBuildRoot, setBuildRootState,
 * setBuildRootList, updateBuildRootList). A host touches only its own buildroots, through tasks
 * it holds open.
 */
public final class HostBuildrootCallsApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("host.newBuildRoot").param("repo").param("arch").param("task_id", null)
                .access(Access.host())
                .doc("Record a new standard buildroot (state INIT) of this host for task_id (a task open on it), "
                        + "using repo (a repo id) for arch. Returns the buildroot id.")
                .handler((ctx, a) -> BuildrootWriter.create(ctx.db(), ctx.requireHost(), a.get("repo"), a.get("arch"),
                        a.get("task_id")));
        m.method("host.setBuildRootState").param("brootid").param("state").param("task_id", null)
                .access(Access.host())
                .doc("Move this host's buildroot to WAITING, BUILDING or EXPIRED (a name or Koji's code); never "
                        + "back to INIT, and an EXPIRED one stays so. task_id, if given, must be the buildroot's.")
                .handler((ctx, a) -> {
                    BuildrootWriter.setState(ctx.db(), ctx.requireHost(), a.get("brootid"), a.get("state"),
                            a.get("task_id"));
                    return null;
                });
        m.method("host.setBuildRootList").param("brootid").param("rpmlist").param("task_id", null)
                .access(Access.host())
                .doc("Record the rpms installed in a buildroot in state INIT. Each is a dict: an rpm the hub knows "
                        + "(by id, or name, version, release and arch), or with location, an external repo's rpm "
                        + "(name, version, release, epoch, arch, payloadhash, size, buildtime), recorded if new.")
                .handler((ctx, a) -> {
                    BuildrootWriter.setList(ctx.db(), ctx.requireHost(), a.get("brootid"), a.get("rpmlist"),
                            a.get("task_id"), false);
                    return null;
                });
        m.method("host.updateBuildRootList").param("brootid").param("rpmlist").param("task_id", null)
                .access(Access.host())
                .doc("Add to a BUILDING buildroot's listing the rpms installed since (as setBuildRootList takes "
                        + "them); rpms already listed are skipped, new ones are marked is_update.")
                .handler((ctx, a) -> {
                    BuildrootWriter.setList(ctx.db(), ctx.requireHost(), a.get("brootid"), a.get("rpmlist"),
                            a.get("task_id"), true);
                    return null;
                });
    }
}
