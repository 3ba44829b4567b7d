package org.kojinext.hub.api;

import org.kojinext.hub.hosts.ChannelEditor;
import org.kojinext.hub.hosts.ChannelStore;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tags.TagStore;

/** Channels: the groups of hosts a task may run on. */
public final class ChannelApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("addChannel").param("channel_name").param("description", null)
                .access(Access.admin())
                .doc("Create a channel. Returns its id.")
                .handler((ctx, a) -> ChannelEditor.add(ctx.db(), a.get("channel_name"), a.get("description")));
        m.method("editChannel").param("channelInfo").varkw("kw")
                .access(Access.admin())
                .doc("Change a channel's name, description or comment. Returns False if nothing changed.")
                .handler((ctx, a) -> ChannelEditor.edit(ctx.db(), a.get("channelInfo"), a.varkw()));
        m.method("removeChannel").param("channel_name").param("force", false)
                .access(Access.admin())
                .doc("Delete a channel no task uses; one with hosts only with force (their membership history "
                        + "goes too). Koji removed this call in 1.30; Koji Next keeps it.")
                .handler((ctx, a) -> {
                    ChannelEditor.remove(ctx.db(), a.get("channel_name"), a.bool("force"));
                    return null;
                });
        m.method("addHostToChannel").param("hostname").param("channel_name").param("create", false)
                .param("force", false)
                .access(Access.permission("host"))
                .doc("Add a host to a channel (created first with create). A disabled channel only with force.")
                .handler((ctx, a) -> {
                    ChannelEditor.addHost(ctx.db(), a.get("hostname"), a.get("channel_name"), a.bool("create"),
                            a.bool("force"), ctx.event(), ctx.userId());
                    return null;
                });
        m.method("removeHostFromChannel").param("hostname").param("channel_name")
                .access(Access.permission("host"))
                .doc("Take a host out of a channel.")
                .handler((ctx, a) -> {
                    ChannelEditor.removeHost(ctx.db(), a.get("hostname"), a.get("channel_name"), ctx.event(),
                            ctx.userId());
                    return null;
                });
        m.method("listChannels").param("hostID", null).param("event", null).param("enabled", null)
                .access(Access.anonymousRead())
                .doc("Channels: all of them, or a host's (id or name; at event if given); enabled filters.")
                .handler((ctx, a) -> ChannelEditor.list(ctx.db(), a.get("hostID"), TagStore.event(a.get("event")),
                        a.optBool("enabled")));
        m.method("getChannel").param("channelInfo").param("strict", false)
                .access(Access.anonymousRead())
                .doc("A channel by id or name: id, name, description, enabled, comment.")
                .handler((ctx, a) -> ChannelStore.get(ctx.db(), a.get("channelInfo"), a.bool("strict")));
        m.method("enableChannel").param("channelname").param("comment", null)
                .access(Access.permission("host"))
                .doc("Let tasks go to the channel again.")
                .handler((ctx, a) -> {
                    ChannelEditor.setEnabled(ctx.db(), a.get("channelname"), true, a.get("comment"));
                    return null;
                });
        m.method("disableChannel").param("channelname").param("comment", null)
                .access(Access.permission("host"))
                .doc("Stop new tasks going to the channel.")
                .handler((ctx, a) -> {
                    ChannelEditor.setEnabled(ctx.db(), a.get("channelname"), false, a.get("comment"));
                    return null;
                });
    }
}
