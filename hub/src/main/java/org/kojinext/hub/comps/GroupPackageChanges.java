package org.kojinext.hub.comps;

import static org.kojinext.hub.db.jooq.Tables.GROUP_PACKAGE_LISTING;

import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.protocol.KojiFault;

/**
 * The packages of a group in a tag (group_package_listing), with Koji's rules. A package is a
 * name, not a known package: comps may list anything.
 */
public final class GroupPackageChanges {
    private GroupPackageChanges() {
    }

    /**
     * groupPackageListAdd: the group must be in effect in the tag and not blocked. Nothing is
     * written if the package's entry in effect has the same options, unless blocking or forced;
     * a blocked entry is changed only when forced.
     */
    public static void add(CallContext ctx, Object tagInfo, Object grpInfo, String pkgName, boolean block,
                           boolean force, Map<String, Object> given) {
        DSLContext db = ctx.db();
        TagRef tag = TagRef.any(db, tagInfo);
        GroupStore.Group group = GroupStore.require(db, grpInfo);
        Map<String, Object> cfg = InEffect.group(db, tag, group, true, false);
        Map<String, Object> previous = InEffect.entry(cfg, "packagelist", pkgName);
        Map<String, Object> opts = EntryOpts.PACKAGE.slice(given);
        if (previous != null) {
            if (Boolean.TRUE.equals(previous.get("blocked")) && !force) {
                throw KojiFault.generic("package " + pkgName + " blocked in group " + group.name() + ", tag "
                        + tag.name());
            }
            boolean changed = EntryOpts.PACKAGE.merge(opts, previous) || block;
            if (!changed && !force) {
                return;
            }
        }
        EntryOpts.setDefault(opts, "type", "mandatory");
        opts.put("group_id", group.id());
        opts.put("tag_id", tag.id());
        opts.put("package", pkgName);
        opts.put("blocked", block);
        Rows.replace(ctx, GROUP_PACKAGE_LISTING, key(tag.id(), group.id(), pkgName), opts);
    }

    /** groupPackageListRemove: drops the tag's own entry, if there is one. */
    public static void remove(CallContext ctx, Object tagInfo, Object grpInfo, String pkgName) {
        int tagId = TagStore.resolveId(ctx.db(), tagInfo, true);
        int groupId = GroupStore.require(ctx.db(), grpInfo).id();
        Rows.revoke(ctx, GROUP_PACKAGE_LISTING, key(tagId, groupId, pkgName));
    }

    /** groupPackageListUnblock: lifts a block made in this tag itself. Koji's message names ids. */
    public static void unblock(CallContext ctx, Object tagInfo, Object grpInfo, String pkgName) {
        DSLContext db = ctx.db();
        int tagId = TagStore.resolveId(db, tagInfo, true);
        int groupId = GroupStore.require(db, grpInfo).id();
        Condition key = key(tagId, groupId, pkgName);
        Boolean blocked = db.select(GROUP_PACKAGE_LISTING.BLOCKED).from(GROUP_PACKAGE_LISTING)
                .where(key, GROUP_PACKAGE_LISTING.ACTIVE.isTrue()).forUpdate()
                .fetchOne(GROUP_PACKAGE_LISTING.BLOCKED);
        if (!Boolean.TRUE.equals(blocked)) {
            throw KojiFault.generic("package " + pkgName + " is NOT blocked in group " + groupId + ", tag " + tagId);
        }
        Rows.revoke(ctx, GROUP_PACKAGE_LISTING, key);
    }

    private static Condition key(int tagId, int groupId, String pkgName) {
        return GROUP_PACKAGE_LISTING.GROUP_ID.eq(groupId).and(GROUP_PACKAGE_LISTING.TAG_ID.eq(tagId))
                .and(GROUP_PACKAGE_LISTING.PACKAGE.eq(pkgName));
    }
}
