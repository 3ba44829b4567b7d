package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.TASK;

import org.kojinext.hub.packages.PackageListChanges;
import org.kojinext.hub.packages.TagView;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tagging.BuildRef;
import org.kojinext.hub.tagging.PackageListCheck;
import org.kojinext.hub.tagging.Tagger;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiFault;

/**
 * The host calls of the tagBuild task (Koji's HostExports tagBuild and tagNotification). The
 * tagging is recorded as done by the task's owner, not by the host.
 */
public final class HostTagCallsApi implements ApiModule {
    private final TagView tags;
    private final PackageListCheck listed;

    public HostTagCallsApi(TagView tags, UserApi users) {
        this.tags = tags;
        this.listed = new PackageListCheck(tags, new PackageListChanges(tags, users));
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("host.tagBuild").param("task_id").param("tag").param("build").param("force", false)
                .param("fromtag", null)
                .access(Access.host())
                .doc("Tag a build for the owner of task_id, which the calling host must hold; with fromtag, "
                        + "untag it there in the same transaction (a move). The package must be listed and "
                        + "unblocked in tag.")
                .handler((ctx, a) -> {
                    tagBuild(ctx, a.integer("task_id"), a.get("tag"), a.get("build"), a.bool("force"),
                            a.get("fromtag"));
                    return null;
                });
        m.method("host.tagNotification").param("is_successful").param("tag_id").param("from_id")
                .param("build_id").param("user_id").param("ignore_success", false).param("failure_msg", "")
                .access(Access.host())
                .doc("Koji sends tag notification mail from here. Koji Next sends no mail: every tag change is "
                        + "already announced on the hub's event stream, so this only checks the caller.")
                .handler((ctx, a) -> {
                    ctx.requireHost();
                    return null;
                });
    }

    private void tagBuild(CallContext ctx, Integer taskId, Object tagInfo, Object buildInfo, boolean force,
                          Object fromInfo) {
        int host = ctx.requireHost();
        if (taskId == null) {
            throw KojiFault.parameter("task_id must be an int");
        }
        TaskWriter.assertHost(ctx.db(), taskId, host);
        int owner = ctx.db().select(TASK.OWNER).from(TASK).where(TASK.ID.eq(taskId)).fetchOne(TASK.OWNER);
        BuildRef build = BuildRef.get(ctx.db(), buildInfo, true);
        TagView.Tag tag = tags.get(ctx.db(), tagInfo, true, null);
        TagView.Tag from = fromInfo == null || Boolean.FALSE.equals(fromInfo)
                ? null : tags.get(ctx.db(), fromInfo, true, null);
        listed.require(ctx, tag, build, force, tag.name());
        if (from != null) {
            Tagger.untag(ctx, from, build, true, owner);
        }
        Tagger.tag(ctx, tag, build, force, owner);
    }
}
