package org.kojinext.hub.api;

import org.kojinext.hub.buildroots.BuildrootStore;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;

/** Reading buildroots: getBuildroot, listBuildroots, getBuildrootListing. */
public final class BuildrootApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("getBuildroot").param("buildrootID").param("strict", false)
                .access(Access.anonymousRead())
                .doc("A buildroot by id, as listBuildroots gives it; None (or an error when strict) if there is "
                        + "none.")
                .handler((ctx, a) -> BuildrootStore.get(ctx.db(), a.get("buildrootID"), a.bool("strict")));
        m.method("listBuildroots").param("hostID", null).param("tagID", null).param("state", null)
                .param("rpmID", null).param("archiveID", null).param("taskID", null).param("buildrootID", null)
                .param("repoID", null).param("queryOpts", null)
                .access(Access.anonymousRead())
                .doc("Buildroots on a host, of a tag's repos, in a state (or list of states), that held an rpm "
                        + "or archive, of a task or repo, or by id (or list of ids).\n"
                        + "\n"
                        + ":returns list: dicts with id, br_type, cg_id, cg_name, cg_version, container_arch, arch, "
                        + "container_type, host_os, host_arch, extra, state, task_id, host_id, host_name, repo_id, "
                        + "repo_state, tag_id, tag_name, create_event_id, create_event_time, create_ts, "
                        + "retire_event_id, retire_event_time, retire_ts, repo_create_event_id, "
                        + "repo_create_event_time")
                .handler((ctx, a) -> BuildrootStore.list(ctx.db(), new BuildrootStore.Filter(a.integer("hostID"),
                        a.integer("tagID"), a.get("state"), a.integer("rpmID"), a.integer("archiveID"),
                        a.integer("taskID"), a.get("buildrootID"), a.integer("repoID")),
                        QueryOpts.parse(a.map("queryOpts"), BuildrootStore.sortableFields())));
        m.method("getBuildrootListing").param("id")
                .access(Access.anonymousRead())
                .doc("The rpms installed in a buildroot: rpm_id, is_update, name, version, release, epoch, arch, "
                        + "build_id, draft, external_repo_id, external_repo_name.")
                .handler((ctx, a) -> BuildrootStore.listing(ctx.db(), a.get("id")));
    }
}
