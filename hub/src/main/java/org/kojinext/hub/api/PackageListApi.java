package org.kojinext.hub.api;

import static org.kojinext.hub.db.jooq.Tables.PACKAGE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.kojinext.hub.builds.PackageStore;
import org.kojinext.hub.db.InMemoryQueryOpts;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.packages.PackageList;
import org.kojinext.hub.packages.PackageListChanges;
import org.kojinext.hub.packages.TagView;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;

/** Package lists: which packages a tag admits, blocks and who owns them, through inheritance. */
public final class PackageListApi implements ApiModule {
    private static final Map<String, Field<?>> SIMPLE_SORT = Map.of("package_id", PACKAGE.ID,
            "package_name", PACKAGE.NAME);

    private final TagView tags;
    private final PackageListChanges changes;
    private final UserApi users;

    public PackageListApi(TagView tags, UserApi users) {
        this.tags = tags;
        this.users = users;
        this.changes = new PackageListChanges(tags, users);
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("packageListAdd").param("taginfo").param("pkginfo").param("owner", null).param("block", null)
                .param("extra_arches", null).param("force", false).param("update", false)
                .access(Access.loggedIn())
                .doc("Add a package to a tag's list, or change its entry (owner, block, extra arches). An unknown "
                        + "package name is created. Subject to the package_list policy.")
                .handler((ctx, a) -> {
                    changes.add(ctx, a.get("taginfo"), a.get("pkginfo"), a.get("owner"), a.optBool("block"),
                            a.get("extra_arches"), a.bool("force"), a.bool("update"));
                    return null;
                });
        m.method("packageListRemove").param("taginfo").param("pkginfo").param("force", false)
                .access(Access.loggedIn())
                .doc("Remove a tag's own entry for a package, so that what it inherits shows through again.")
                .handler((ctx, a) -> {
                    changes.remove(ctx, a.get("taginfo"), a.get("pkginfo"), a.bool("force"));
                    return null;
                });
        m.method("packageListBlock").param("taginfo").param("pkginfo").param("force", false)
                .access(Access.loggedIn())
                .doc("Block a package in a tag, hiding it there and in every tag that inherits it.")
                .handler((ctx, a) -> {
                    changes.block(ctx, a.get("taginfo"), a.get("pkginfo"), a.bool("force"));
                    return null;
                });
        m.method("packageListUnblock").param("taginfo").param("pkginfo").param("force", false)
                .access(Access.loggedIn())
                .doc("Lift a block on a package in a tag, whether the block is the tag's own or inherited.")
                .handler((ctx, a) -> {
                    changes.unblock(ctx, a.get("taginfo"), a.get("pkginfo"), a.bool("force"));
                    return null;
                });
        m.method("packageListSetOwner").param("taginfo").param("pkginfo").param("owner").param("force", false)
                .access(Access.loggedIn())
                .doc("Change who owns a package in a tag.")
                .handler((ctx, a) -> {
                    changes.add(ctx, a.get("taginfo"), a.get("pkginfo"), a.get("owner"), null, null,
                            a.bool("force"), true);
                    return null;
                });
        m.method("packageListSetArches").param("taginfo").param("pkginfo").param("arches").param("force", false)
                .access(Access.loggedIn())
                .doc("Set the extra arches a package builds for in a tag.")
                .handler((ctx, a) -> {
                    changes.add(ctx, a.get("taginfo"), a.get("pkginfo"), null, null,
                            a.get("arches") == null ? "" : a.get("arches"), a.bool("force"), true);
                    return null;
                });
        m.method("listPackages").param("tagID", null).param("userID", null).param("pkgID", null)
                .param("prefix", null).param("inherited", false).param("with_dups", false).param("event", null)
                .param("queryOpts", null).param("with_owners", true).param("with_blocked", true)
                .access(Access.anonymousRead())
                .doc("Packages, optionally of a tag (with inherited ones), of an owner or one package. Blocked "
                        + "entries are included and marked. Without tag, user or package: every package known.")
                .handler(this::listPackages);
        m.method("listPackagesSimple").param("prefix", null).param("queryOpts", null)
                .access(Access.anonymousRead())
                .doc("Every package known, by id and name, optionally those whose name starts with prefix "
                        + "(ignoring case).")
                .handler((ctx, a) -> simple(ctx.db(), a.str("prefix"), a.map("queryOpts")));
        m.method("checkTagPackage").param("tag").param("pkg")
                .access(Access.anonymousRead())
                .doc("Whether the package is listed in the tag, directly or inherited, and not blocked.")
                .handler((ctx, a) -> {
                    Map<String, Object> entry = config(ctx, a.get("tag"), a.get("pkg"), null, false);
                    return entry != null && !Boolean.TRUE.equals(entry.get("blocked"));
                });
        m.method("getPackageConfig").param("tag").param("pkg").param("event", null)
                .access(Access.anonymousRead())
                .doc("A package's effective entry in a tag (with inheritance), or None.")
                .handler((ctx, a) -> config(ctx, a.get("tag"), a.get("pkg"), a.integer("event"), true));
    }

    private Map<String, Object> config(CallContext ctx, Object tagInfo, Object pkgInfo, Integer event,
                                       boolean owners) {
        TagView.Tag tag = tags.get(ctx.db(), tagInfo, false, null);
        Integer pkg = PackageStore.resolveId(ctx.db(), pkgInfo, false);
        if (tag == null || pkg == null) {
            return null;
        }
        PackageList.Query q = new PackageList.Query(tag.id(), null, pkg, event, owners, true);
        return PackageList.read(ctx.db(), q, tags.parents(ctx.db(), tag.id(), event)).get(pkg);
    }

    private Object listPackages(CallContext ctx, Args a) {
        DSLContext db = ctx.db();
        if (a.get("tagID") == null && a.get("userID") == null && a.get("pkgID") == null) {
            return simple(db, a.str("prefix"), a.map("queryOpts"));
        }
        Integer event = a.integer("event");
        Integer tagId = a.get("tagID") == null ? null : tags.get(db, a.get("tagID"), true, null).id();
        Integer userId = a.get("userID") == null ? null : users.resolve(db, a.get("userID"), true).getId();
        Integer pkgId = a.get("pkgID") == null ? null : PackageStore.resolveId(db, a.get("pkgID"), true);
        boolean withOwners = a.bool("with_owners");
        if (userId != null && !withOwners) {
            throw org.kojinext.protocol.KojiFault.generic("userID and with_owners=False can't be used together");
        }
        PackageList.Query q = new PackageList.Query(tagId, userId, pkgId, event, withOwners, a.bool("with_blocked"));
        List<PackageList.Parent> parents = tagId != null && a.bool("inherited")
                ? tags.parents(db, tagId, event) : List.of();
        List<Map<String, Object>> rows = new ArrayList<>();
        if (a.bool("with_dups")) {
            PackageList.readWithDuplicates(db, q, parents).values().forEach(rows::addAll);
        } else {
            rows.addAll(PackageList.read(db, q, parents).values());
        }
        String prefix = a.str("prefix");
        if (prefix != null && !prefix.isEmpty()) {
            String p = prefix.toLowerCase(Locale.ROOT);
            rows.removeIf(r -> !((String) r.get("package_name")).toLowerCase(Locale.ROOT).startsWith(p));
        }
        return InMemoryQueryOpts.apply(rows, a.map("queryOpts"));
    }

    private static Object simple(DSLContext db, String prefix, Map<String, Object> queryOpts) {
        QueryOpts opts = QueryOpts.parse(queryOpts, SIMPLE_SORT);
        Condition where = prefix == null ? DSL.noCondition() : PACKAGE.NAME.likeIgnoreCase(DSL.val(prefix)
                .concat(DSL.inline("%")));
        if (opts.countOnly()) {
            return db.fetchCount(PACKAGE, where);
        }
        return opts.fetch(db.select(PACKAGE.ID.as("package_id"), PACKAGE.NAME.as("package_name")).from(PACKAGE)
                .where(where), PACKAGE.ID.asc()).intoMaps();
    }
}
