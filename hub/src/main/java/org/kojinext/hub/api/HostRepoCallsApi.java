package org.kojinext.hub.api;

import org.kojinext.hub.repos.RepoDone;
import org.kojinext.hub.repos.RepoInit;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiFault;

/**
 * The host calls that make a repository (Koji's HostExports repoInit and repoDone). As for the
 * rest of host.*, the caller must be a host holding the repository's task open.
 */
public final class HostRepoCallsApi implements ApiModule {
    private final RepoInit init;
    private final RepoDone done;

    public HostRepoCallsApi(RepoInit init, RepoDone done) {
        this.init = init;
        this.done = done;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("host.repoInit").param("tag").param("task_id", null).param("event", null).param("opts", null)
                .access(Access.host())
                .doc("Create an INIT repository of the tag (at event, or now) for the host's open task task_id, "
                        + "with its directory: groups/comps.xml, repo.json and per arch pkglist, rpmlist.jsonl, "
                        + "blocklist and the toplink link. opts override the tag's repo options. Returns "
                        + "[repo_id, event_id].")
                .handler((ctx, a) -> {
                    int host = ctx.requireHost();
                    Integer task = a.integer("task_id");
                    if (task == null) {
                        throw KojiFault.parameter("task_id is required: a repository belongs to the task making it");
                    }
                    TaskWriter.assertHost(ctx.db(), task, host);
                    return init.init(ctx, a.get("tag"), task, a.get("event"), a.get("opts"));
                });
        m.method("host.repoDone").param("repo_id").param("data").param("expire", false)
                .param("repo_json_updates", null)
                .access(Access.host())
                .doc("Finish an INIT repository of the host's open task: data is {arch: [uploadpath, [files]]}, "
                        + "files uploaded under the directory of the task or one of its subtasks, moved into "
                        + "<arch>/repodata/. The repository becomes READY (EXPIRED with expire), satisfies the "
                        + "requests it matches, becomes the tag's latest if newest with default options, and older "
                        + "ones expire.")
                .handler((ctx, a) -> {
                    done.done(ctx.db(), ctx.requireHost(), a.get("repo_id"), a.get("data"), a.bool("expire"),
                            a.get("repo_json_updates"));
                    return null;
                });
    }
}
