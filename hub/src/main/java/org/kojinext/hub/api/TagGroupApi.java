package org.kojinext.hub.api;

import java.util.Map;
import org.kojinext.hub.comps.GroupListChanges;
import org.kojinext.hub.comps.GroupPackageChanges;
import org.kojinext.hub.comps.GroupReqChanges;
import org.kojinext.hub.comps.TagGroups;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tags.TagStore;

/**
 * Comps groups of tags: which groups a tag has, their packages and the groups they require, all
 * inherited like package lists. Koji requires the {@code tag} permission (or admin) for every
 * change and checks neither a policy nor the tag's lock.
 */
public final class TagGroupApi implements ApiModule {
    private static final Access CHANGE = Access.permission("tag");

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("getTagGroups").param("tag").param("event", null).param("inherit", true).param("incl_pkgs", true)
                .param("incl_reqs", true).param("incl_blocked", false)
                .access(Access.anonymousRead())
                .doc("A tag's comps groups, inherited ones included unless inherit is false: each with its "
                        + "configuration, its packages (packagelist) and the groups it requires (grouplist). "
                        + "Blocked groups and entries are left out unless incl_blocked.")
                .handler((ctx, a) -> TagGroups.list(ctx.db(), a.get("tag"), TagStore.event(a.get("event")),
                        a.bool("inherit"), a.bool("incl_pkgs"), a.bool("incl_reqs"), a.bool("incl_blocked")));
        registerGroups(m);
        registerPackages(m);
        registerReqs(m);
    }

    private static void registerGroups(MethodRegistry.Declarer m) {
        m.method("groupListAdd").param("taginfo").param("grpinfo").param("block", false).param("force", false)
                .varkw("opts")
                .access(CHANGE)
                .doc("Add a group to a tag (a new group name is created), or change its options there: exported, "
                        + "display_name, is_default, uservisible, description, langonly, biarchonly.")
                .handler((ctx, a) -> {
                    GroupListChanges.add(ctx, a.get("taginfo"), a.get("grpinfo"), a.bool("block"), a.bool("force"),
                            a.varkw());
                    return null;
                });
        m.method("groupListRemove").param("taginfo").param("grpinfo").param("force", false)
                .access(CHANGE)
                .doc("Remove a tag's own entry for a group, so that what it inherits shows through again. "
                        + "Without force, the tag must have such an entry.")
                .handler((ctx, a) -> {
                    GroupListChanges.remove(ctx, a.get("taginfo"), a.get("grpinfo"), a.bool("force"));
                    return null;
                });
        m.method("groupListBlock").param("taginfo").param("grpinfo")
                .access(CHANGE)
                .doc("Block a group in a tag, hiding it there and in every tag that inherits it.")
                .handler((ctx, a) -> {
                    GroupListChanges.add(ctx, a.get("taginfo"), a.get("grpinfo"), true, false, Map.of());
                    return null;
                });
        m.method("groupListUnblock").param("taginfo").param("grpinfo")
                .access(CHANGE)
                .doc("Lift a block on a group made in this tag itself.")
                .handler((ctx, a) -> {
                    GroupListChanges.unblock(ctx, a.get("taginfo"), a.get("grpinfo"));
                    return null;
                });
    }

    private static void registerPackages(MethodRegistry.Declarer m) {
        m.method("groupPackageListAdd").param("taginfo").param("grpinfo").param("pkg_name").param("block", false)
                .param("force", false).varkw("opts")
                .access(CHANGE)
                .doc("Add a package (by name) to a group in a tag, or change its options: type (default "
                        + "mandatory), basearchonly, requires.")
                .handler((ctx, a) -> {
                    GroupPackageChanges.add(ctx, a.get("taginfo"), a.get("grpinfo"), a.requireStr("pkg_name"),
                            a.bool("block"), a.bool("force"), a.varkw());
                    return null;
                });
        m.method("groupPackageListRemove").param("taginfo").param("grpinfo").param("pkg_name")
                .access(CHANGE)
                .doc("Remove a tag's own entry for a package of a group.")
                .handler((ctx, a) -> {
                    GroupPackageChanges.remove(ctx, a.get("taginfo"), a.get("grpinfo"), a.requireStr("pkg_name"));
                    return null;
                });
        m.method("groupPackageListBlock").param("taginfo").param("grpinfo").param("pkg_name")
                .access(CHANGE)
                .doc("Block a package in a group of a tag, hiding it there and in every tag that inherits it.")
                .handler((ctx, a) -> {
                    GroupPackageChanges.add(ctx, a.get("taginfo"), a.get("grpinfo"), a.requireStr("pkg_name"),
                            true, false, Map.of());
                    return null;
                });
        m.method("groupPackageListUnblock").param("taginfo").param("grpinfo").param("pkg_name")
                .access(CHANGE)
                .doc("Lift a block on a package of a group made in this tag itself.")
                .handler((ctx, a) -> {
                    GroupPackageChanges.unblock(ctx, a.get("taginfo"), a.get("grpinfo"), a.requireStr("pkg_name"));
                    return null;
                });
    }

    private static void registerReqs(MethodRegistry.Declarer m) {
        m.method("groupReqListAdd").param("taginfo").param("grpinfo").param("reqinfo").param("block", false)
                .param("force", false).varkw("opts")
                .access(CHANGE)
                .doc("Make a group require another group in a tag, or change the requirement's options: type "
                        + "(default mandatory), is_metapkg.")
                .handler((ctx, a) -> {
                    GroupReqChanges.add(ctx, a.get("taginfo"), a.get("grpinfo"), a.get("reqinfo"), a.bool("block"),
                            a.bool("force"), a.varkw());
                    return null;
                });
        m.method("groupReqListRemove").param("taginfo").param("grpinfo").param("reqinfo").param("force", null)
                .access(CHANGE)
                .doc("Remove a tag's own entry for a group's requirement. force is accepted and ignored, as in Koji "
                        + "(where it is deprecated).")
                .handler((ctx, a) -> {
                    GroupReqChanges.remove(ctx, a.get("taginfo"), a.get("grpinfo"), a.get("reqinfo"));
                    return null;
                });
        m.method("groupReqListBlock").param("taginfo").param("grpinfo").param("reqinfo")
                .access(CHANGE)
                .doc("Block a group's requirement in a tag, hiding it there and in every tag that inherits it.")
                .handler((ctx, a) -> {
                    GroupReqChanges.add(ctx, a.get("taginfo"), a.get("grpinfo"), a.get("reqinfo"), true, false,
                            Map.of());
                    return null;
                });
        m.method("groupReqListUnblock").param("taginfo").param("grpinfo").param("reqinfo")
                .access(CHANGE)
                .doc("Lift a block on a group's requirement made in this tag itself.")
                .handler((ctx, a) -> {
                    GroupReqChanges.unblock(ctx, a.get("taginfo"), a.get("grpinfo"), a.get("reqinfo"));
                    return null;
                });
    }
}
