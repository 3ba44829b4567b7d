package org.kojinext.hub.api;

import java.util.Map;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tags.BuildConfig;
import org.kojinext.hub.tags.InheritanceData;
import org.kojinext.hub.tags.InheritanceLink;
import org.kojinext.hub.tags.InheritanceWalker;
import org.kojinext.hub.tags.InheritanceWriter;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/** Tag inheritance: the links between tags, the full walk, and the build configuration it yields. */
public final class InheritanceApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("getInheritanceData").param("tag").param("event", null)
                .access(Access.anonymousRead())
                .doc("A tag's direct parents by priority: parent_id, name, priority, maxdepth, intransitive, "
                        + "noconfig, pkg_filter and child_id.")
                .handler((ctx, a) -> {
                    int tagId = TagStore.resolveId(ctx.db(), a.get("tag"), true);
                    return InheritanceWalker.parents(ctx.db(), tagId, TagStore.event(a.get("event"))).stream()
                            .map(InheritanceData::toParentMap).toList();
                });
        m.method("setInheritanceData").param("tag").param("data").param("clear", false)
                .access(Access.permission("tag"))
                .doc("Set a tag's parent links.\n"
                        + "\n"
                        + ":param list data: link dicts with parent_id, priority, maxdepth, intransitive, noconfig and "
                        + "pkg_filter; a dict with \"delete link\": True and parent_id removes that link instead\n"
                        + ":param bool clear: remove the links data does not name")
                .handler((ctx, a) -> {
                    int tagId = TagStore.resolveId(ctx.db(), a.get("tag"), true);
                    InheritanceWriter.write(ctx.db(), tagId, a.get("data"), a.bool("clear"), ctx.event(), ctx.userId());
                    return null;
                });
        m.method("getFullInheritance").param("tag").param("event", null).param("reverse", false).varkw("kwargs")
                .access(Access.anonymousRead())
                .doc("The full, ordered inheritance of a tag (its descendants with reverse): each link with "
                        + "currdepth, nextdepth and filter (the package filters along its path).")
                .handler(InheritanceApi::fullInheritance);
        m.method("getBuildConfig").param("tag").param("event", null)
                .access(Access.anonymousRead())
                .doc("A tag as getTag returns it, with arches and extra completed from its inheritance "
                        + "(noconfig links excepted) and config_inheritance naming where each came from.")
                .handler((ctx, a) -> BuildConfig.read(ctx.db(), a.get("tag"), TagStore.event(a.get("event"))));
    }

    private static Object fullInheritance(CallContext ctx, Args a) {
        for (Map.Entry<String, Object> kw : a.varkw().entrySet()) {
            String k = kw.getKey();
            if (!k.equals("stops") && !k.equals("jumps")) {
                throw KojiFault.parameter("getFullInheritance() got an unexpected keyword argument '" + k + "'");
            }
            if (KojiArgs.truthy(kw.getValue())) {
                throw KojiFault.parameter(k + " option has been removed since 1.26");
            }
        }
        Object tag = a.get("tag");
        int tagId = tag instanceof Integer id ? id : TagStore.resolveId(ctx.db(), tag, true);
        Integer event = TagStore.event(a.get("event"));
        return InheritanceWalker.readFull(ctx.db(), tagId, event, a.bool("reverse")).stream()
                .map(InheritanceLink::toMap).toList();
    }
}
