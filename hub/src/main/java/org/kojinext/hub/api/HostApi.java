package org.kojinext.hub.api;

import org.kojinext.hub.hosts.HostEditor;
import org.kojinext.hub.hosts.HostStore;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tags.TagStore;

/** Build hosts as admins manage them. The calls hosts make themselves are host.* (HostCallsApi). */
public final class HostApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("addHost").param("hostname").param("arches").param("krb_principal", null).param("force", false)
                .access(Access.permission("host"))
                .doc("Add a build host: its user (usertype HOST), its configuration with these arches, and "
                        + "membership of channel 'default'. force turns an existing normal user into the host's. "
                        + "Returns the host id.")
                .handler((ctx, a) -> HostEditor.add(ctx.db(), a.get("hostname"), a.get("arches"),
                        a.get("krb_principal"), a.bool("force"), ctx.event(), ctx.userId()));
        m.method("editHost").param("hostInfo").varkw("kw")
                .access(Access.permission("host"))
                .doc("Change a host's arches, capacity, description or comment. Returns False if nothing changed.")
                .handler((ctx, a) -> HostEditor.edit(ctx.db(), a.get("hostInfo"), a.varkw(), ctx.event(),
                        ctx.userId()));
        m.method("enableHost").param("hostname")
                .access(Access.permission("host"))
                .doc("Let the scheduler give the host tasks.")
                .handler((ctx, a) -> {
                    HostEditor.setEnabled(ctx.db(), a.get("hostname"), true, ctx.event(), ctx.userId());
                    return null;
                });
        m.method("disableHost").param("hostname")
                .access(Access.permission("host"))
                .doc("Stop the scheduler giving the host tasks.")
                .handler((ctx, a) -> {
                    HostEditor.setEnabled(ctx.db(), a.get("hostname"), false, ctx.event(), ctx.userId());
                    return null;
                });
        m.method("getHost").param("hostInfo").param("strict", false).param("event", null)
                .access(Access.anonymousRead())
                .doc("A host by id or name: id, user_id, name, update_ts, ready, task_load, arches, capacity, "
                        + "description, comment, enabled (its configuration at event, if given).")
                .handler((ctx, a) -> HostStore.get(ctx.db(), a.get("hostInfo"), a.bool("strict"),
                        TagStore.event(a.get("event"))));
        m.method("listHosts").param("arches", null).param("channelID", null).param("ready", null)
                .param("enabled", null).param("userID", null).param("queryOpts", null)
                .access(Access.anonymousRead())
                .doc("Hosts, optionally only those with one of the arches, in a channel (id or name), ready or "
                        + "not, enabled or not, or of a user (id or name).")
                .handler((ctx, a) -> HostEditor.list(ctx.db(), a.get("arches"), a.get("channelID"),
                        a.optBool("ready"), a.optBool("enabled"), a.get("userID"), a.map("queryOpts")));
        m.method("getLastHostUpdate").param("hostID").param("ts", false)
                .access(Access.anonymousRead())
                .doc("When the host last talked to the hub (its newest session activity), or None.")
                .handler((ctx, a) -> HostEditor.lastUpdate(ctx.db(), TaskApi.taskId(a.get("hostID")), a.bool("ts")));
        m.method("getAllArches")
                .access(Access.anonymousRead())
                .doc("Every arch some host has.")
                .handler((ctx, a) -> HostEditor.allArches(ctx.db()));
    }
}
