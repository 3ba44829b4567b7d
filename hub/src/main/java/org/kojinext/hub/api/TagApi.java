package org.kojinext.hub.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tags.TagEditor;
import org.kojinext.hub.tags.TagInfo;
import org.kojinext.hub.tags.TagList;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.protocol.KojiFault;

/** Tags: creating, editing, deleting, looking up and listing them. */
public final class TagApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("createTag").param("name").param("parent", null).param("arches", null).param("perm", null)
                .param("locked", false).param("maven_support", false).param("maven_include_all", false)
                .param("extra", null)
                .access(Access.permission("tag"))
                .doc("Create a tag.\n"
                        + "\n"
                        + ":param str name: the new tag's name; a deleted tag's name may be reused (and its id with it)\n"
                        + ":param parent: tag to inherit from, at priority 0\n"
                        + ":param str arches: space-separated arches\n"
                        + ":param perm: permission id or name needed to tag builds into it\n"
                        + ":param dict extra: extra settings\n"
                        + ":returns int: the tag's id")
                .handler((ctx, a) -> editor(ctx).create(a.get("name"), a.get("parent"), a.get("arches"),
                        a.get("perm"), a.bool("locked"), a.bool("maven_support"), a.bool("maven_include_all"),
                        a.map("extra")));
        m.method("editTag2").param("tagInfo").varkw("kwargs")
                .access(Access.permission("tag"))
                .doc("Edit a tag. Keywords, each optional: name (rename), arches, perm (id, name or None), locked, "
                        + "maven_support, maven_include_all, extra (dict to add or update), remove_extra (list of "
                        + "keys to drop), block_extra (list of keys to block from inheritance).")
                .handler((ctx, a) -> {
                    editor(ctx).edit(a.get("tagInfo"), a.varkw());
                    return null;
                });
        m.method("deleteTag").param("tagInfo")
                .access(Access.permission("tag"))
                .doc("Delete a tag: its configuration, extra, inheritance links, targets using it, tagged "
                        + "builds and package list are revoked. History keeps them.")
                .handler((ctx, a) -> {
                    editor(ctx).delete(a.get("tagInfo"));
                    return null;
                });
        m.method("getTag").param("tagInfo").param("strict", false).param("event", null).param("blocked", false)
                .access(Access.anonymousRead())
                .doc("Look a tag up by id, name or dict.\n"
                        + "\n"
                        + ":param int event: read the tag as it was at this event; \"auto\" reads a deleted tag as it was last\n"
                        + ":param bool blocked: give extra values as [blocked, value] pairs, blocked keys included\n"
                        + ":returns dict: id, name, perm_id, perm, arches, locked, maven_support, maven_include_all, "
                        + "extra (the tag's own, not inherited), and query_event when an event was given; None when "
                        + "there is no such tag and not strict")
                .handler(TagApi::getTag);
        m.method("getTagID").param("info").param("strict", false).param("create", false)
                .access(Access.anonymousRead())
                .doc("The id of a tag given by name, id or dict, deleted tags included; None when unknown and not strict.")
                .handler((ctx, a) -> {
                    if (a.bool("create")) {
                        throw KojiFault.notAllowed("getTagID cannot create tags; use createTag");
                    }
                    return TagStore.resolveId(ctx.db(), a.get("info"), a.bool("strict"));
                });
        m.method("listTags").param("build", null).param("package", null).param("perms", true)
                .param("queryOpts", null).param("pattern", null)
                .access(Access.anonymousRead())
                .doc("List live tags: id, name, arches, locked, maven_support, maven_include_all, and perm_id and perm "
                        + "with perms. With build (id or N-V-R), only tags holding it; with package (id or name), only "
                        + "tags listing it, adding owner_id, owner_name, blocked and extra_arches. pattern is a glob on "
                        + "the name, ignoring case.")
                .handler((ctx, a) -> TagList.list(ctx.db(), a.get("build"), a.get("package"), a.bool("perms"),
                        a.map("queryOpts"), a.str("pattern")));
    }

    private static TagEditor editor(CallContext ctx) {
        return new TagEditor(ctx.db(), ctx.event(), ctx.userId());
    }

    private static Object getTag(CallContext ctx, Args a) {
        DSLContext db = ctx.db();
        Object tagInfo = a.get("tagInfo");
        Integer event;
        boolean deletedAuto = false;
        if ("auto".equals(a.get("event"))) {
            event = TagStore.autoEvent(db, tagInfo);
            deletedAuto = event != null;
        } else {
            event = TagStore.event(a.get("event"));
        }
        TagInfo tag = TagStore.get(db, tagInfo, a.bool("strict"), event);
        if (tag == null) {
            return null;
        }
        Map<String, Object> result = tag.toMap();
        if (deletedAuto) {
            result.put("revoke_event", event + 1);
        }
        if (a.bool("blocked")) {
            Map<String, Object> extra = new LinkedHashMap<>();
            TagStore.extraWithBlocked(db, tag.id(), event).forEach((k, v) -> extra.put(k, v.pair()));
            result.put("extra", extra);
        } else {
            result.put("extra", TagStore.extra(db, tag.id(), event));
        }
        if (event != null) {
            result.put("query_event", event);
        }
        return result;
    }
}
