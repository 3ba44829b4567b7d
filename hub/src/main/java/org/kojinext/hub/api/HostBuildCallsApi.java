package org.kojinext.hub.api;

import java.util.Map;
import org.kojinext.hub.builds.BuildImport;
import org.kojinext.hub.builds.ScratchImport;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.storage.Volumes;
import org.kojinext.protocol.KojiFault;

/**
 * The host calls that make an rpm build (Koji's HostExports initBuild, completeBuild, failBuild).
 * Like the rest of host.*, they act only for a task the calling host holds open.
 */
public final class HostBuildCallsApi implements ApiModule {
    private final Volumes volumes;

    public HostBuildCallsApi(Volumes volumes) {
        this.volumes = volumes;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("host.initBuild").param("data")
                .access(Access.host())
                .doc("Create the BUILDING build of an rpm build task. data: {task_id, name, version, release, "
                        + "epoch, source?, extra?, draft?}; the owner is the task's. An N-V-R that exists is "
                        + "reused only when Koji would recycle it. Returns the build id.")
                .handler((ctx, a) -> {
                    Map<String, Object> data = a.map("data");
                    if (data == null) {
                        throw KojiFault.parameter("data must be a struct");
                    }
                    return BuildImport.initBuild(ctx.db(), ctx.requireHost(), data, ctx.event());
                });
        m.method("host.completeBuild").param("task_id").param("build_id").param("srpm").param("rpms")
                .param("brmap", null).param("logs", null)
                .access(Access.host())
                .doc("Import the uploaded srpm, rpms and logs ({arch: [paths]}) of a BUILDING build and mark it "
                        + "COMPLETE. Paths are relative to the work directory and must lie under the directory of "
                        + "task_id or one of its subtasks. Files move to packages/N/V/R/<arch>/ and "
                        + "data/logs/<arch>/; all or nothing. brmap is accepted but not recorded yet. Returns the "
                        + "build, as getBuild does.")
                .handler((ctx, a) -> BuildImport.completeBuild(ctx.db(), volumes.defaultVolume(), ctx.requireHost(),
                        id(a, "task_id"), id(a, "build_id"), a.get("srpm"), a.get("rpms"), a.get("brmap"),
                        a.get("logs")));
        m.method("host.moveBuildToScratch").param("task_id").param("srpm").param("rpms").param("logs", null)
                .access(Access.host())
                .doc("Move a scratch build's uploaded srpm, rpms and logs ({arch: [paths]}) to "
                        + "scratch/<owner>/task_<task_id>/; nothing is recorded in the database. Paths as for "
                        + "completeBuild.")
                .handler((ctx, a) -> {
                    ScratchImport.move(ctx.db(), volumes.defaultVolume(), ctx.requireHost(), id(a, "task_id"),
                            a.get("srpm"), a.get("rpms"), a.get("logs"));
                    return null;
                });
        m.method("host.failBuild").param("task_id").param("build_id")
                .access(Access.host())
                .doc("Mark a BUILDING build of task_id FAILED.")
                .handler((ctx, a) -> {
                    BuildImport.failBuild(ctx.db(), ctx.requireHost(), id(a, "task_id"), id(a, "build_id"));
                    return null;
                });
    }

    private static int id(Args a, String name) {
        if (a.get(name) instanceof Integer i) {
            return i;
        }
        throw KojiFault.parameter("Invalid type for value " + a.get(name) + ": expected int");
    }
}
