package org.kojinext.hub.packages;

import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGES;
import static org.kojinext.hub.db.jooq.Tables.TAG_PACKAGE_OWNERS;

import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.kojinext.hub.api.UserApi;
import org.kojinext.hub.builds.PackageStore;
import org.kojinext.hub.db.jooq.tables.records.PackageRecord;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.tags.Arches;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * Changes to package lists with Koji's rules. Every change is versioned: an entry is revoked and
 * its successor inserted, and an owner is kept in its own versioned row. Koji decides these with
 * the {@code package_list} policy; Koji Next has no policy engine yet and applies Koji's default
 * for it: admin or the {@code tag} permission may change lists, and {@code force} is for admins.
 */
public final class PackageListChanges {
    private final TagView tags;
    private final UserApi users;

    public PackageListChanges(TagView tags, UserApi users) {
        this.tags = tags;
        this.users = users;
    }

    /** id and name of a package, or null; with strict, a fault for an unknown package. */
    static Map.Entry<Integer, String> lookup(DSLContext db, Object info, boolean strict) {
        PackageRecord r = PackageStore.resolve(db, info, strict);
        return r == null ? null : Map.entry(r.getId(), r.getName());
    }

    /** Koji's package_list default policy. */
    static void checkPolicy(CallContext ctx, boolean force) {
        ctx.requireSession();
        if (ctx.hasPerm("admin") || ctx.hasPerm("tag")) {
            return;
        }
        throw new KojiFault(FaultCode.ACTION_NOT_ALLOWED,
                "policy violation (package_list): Only admin/tag can do this via default policy");
    }

    /** packageListAdd and the calls that build on it (block, set owner, set arches). */
    public void add(CallContext ctx, Object tagInfo, Object pkgInfo, Object owner, Boolean block, Object extraArches,
                    boolean force, boolean update) {
        DSLContext db = ctx.db();
        TagView.Tag tag = tags.get(db, tagInfo, true, null);
        Map.Entry<Integer, String> pkg = lookup(db, pkgInfo, false);
        if (pkg == null && !(pkgInfo instanceof String)) {
            throw KojiFault.generic("No such package: " + pkgInfo);
        }
        Integer ownerId = owner == null ? null : users.resolve(db, owner, true).getId();
        checkPolicy(ctx, force);
        String arches = extraArches == null ? null : Arches.parseStrict(extraArches);
        int pkgId = pkg != null ? pkg.getKey() : PackageStore.ensure(db, (String) pkgInfo);
        String pkgName = pkg != null ? pkg.getValue() : (String) pkgInfo;
        Map<String, Object> previous = effective(db, tag.id(), pkgId, true);
        boolean blocked;
        boolean changed = false;
        boolean ownerChanged = false;
        if (previous == null) {
            blocked = Boolean.TRUE.equals(block);
            if (update && !force) {
                throw KojiFault.generic("cannot update: tag " + tag.name() + " has no data for package " + pkgName);
            }
        } else {
            Integer previousOwner = (Integer) previous.get("owner_id");
            if (ownerId == null) {
                ownerId = previousOwner;
            }
            ownerChanged = !Objects.equals(previousOwner, ownerId);
            blocked = block == null ? (Boolean) previous.get("blocked") : block;
            if (arches == null) {
                arches = (String) previous.get("extra_arches");
            }
            changed = !Objects.equals(previous.get("blocked"), blocked)
                    || !Objects.equals(previous.get("extra_arches"), arches);
            if (!changed && !ownerChanged && !force) {
                return;
            }
            if (Boolean.TRUE.equals(previous.get("blocked")) && !blocked && !force) {
                throw KojiFault.generic("package " + pkgName + " is blocked in tag " + tag.name());
            }
        }
        if (ownerId == null) {
            if (!force) {
                throw KojiFault.generic("owner not specified");
            }
            ownerId = ctx.userId();
        }
        if (previous == null || changed) {
            writeEntry(ctx, tag.id(), pkgId, ownerId, blocked, arches);
        } else if (ownerChanged) {
            writeOwner(ctx, tag.id(), pkgId, ownerId);
        }
    }

    public void remove(CallContext ctx, Object tagInfo, Object pkgInfo, boolean force) {
        TagView.Tag tag = tags.get(ctx.db(), tagInfo, true, null);
        int pkgId = lookup(ctx.db(), pkgInfo, true).getKey();
        checkPolicy(ctx, force);
        revokeEntry(ctx, tag.id(), pkgId);
    }

    public void block(CallContext ctx, Object tagInfo, Object pkgInfo, boolean force) {
        TagView.Tag tag = tags.get(ctx.db(), tagInfo, true, null);
        Map.Entry<Integer, String> pkg = lookup(ctx.db(), pkgInfo, true);
        if (effective(ctx.db(), tag.id(), pkg.getKey(), false) == null) {
            throw KojiFault.generic("Package " + pkg.getValue() + " is not in tag listing for " + tag.name());
        }
        add(ctx, tagInfo, pkgInfo, null, true, null, force, false);
    }

    /**
     * Lifts a block. A block inherited from above is overridden by an unblocked entry here; a block
     * made here is revoked, and an unblocked entry added only if what shows through is blocked too.
     */
    public void unblock(CallContext ctx, Object tagInfo, Object pkgInfo, boolean force) {
        DSLContext db = ctx.db();
        TagView.Tag tag = tags.get(db, tagInfo, true, null);
        Map.Entry<Integer, String> pkg = lookup(db, pkgInfo, true);
        checkPolicy(ctx, force);
        Map<String, Object> previous = effective(db, tag.id(), pkg.getKey(), true);
        if (previous == null) {
            throw KojiFault.generic("no data (blocked or otherwise) for package " + pkg.getValue() + " in tag "
                    + tag.name());
        }
        if (!Boolean.TRUE.equals(previous.get("blocked"))) {
            throw KojiFault.generic("package " + pkg.getValue() + " NOT blocked in tag " + tag.name());
        }
        Integer owner = (Integer) previous.get("owner_id");
        String arches = (String) previous.get("extra_arches");
        if (!Objects.equals(previous.get("tag_id"), tag.id())) {
            writeEntry(ctx, tag.id(), pkg.getKey(), owner, false, arches);
            return;
        }
        revokeEntry(ctx, tag.id(), pkg.getKey());
        Map<String, Object> now = effective(db, tag.id(), pkg.getKey(), true);
        if (now == null || Boolean.TRUE.equals(now.get("blocked"))) {
            writeEntry(ctx, tag.id(), pkg.getKey(), owner, false, arches);
        }
    }

    /** The package's effective entry in the tag, through inheritance, or null. */
    Map<String, Object> effective(DSLContext db, int tagId, int pkgId, boolean withOwners) {
        PackageList.Query q = new PackageList.Query(tagId, null, pkgId, null, withOwners, true);
        return PackageList.read(db, q, tags.parents(db, tagId, null)).get(pkgId);
    }

    private void revokeEntry(CallContext ctx, int tagId, int pkgId) {
        Versioned.revoke(ctx.db(), TAG_PACKAGES, TAG_PACKAGES.TAG_ID.eq(tagId).and(TAG_PACKAGES.PACKAGE_ID.eq(pkgId)),
                ctx.event(), ctx.userId());
    }

    private void writeEntry(CallContext ctx, int tagId, int pkgId, int ownerId, boolean blocked, String arches) {
        revokeEntry(ctx, tagId, pkgId);
        var row = ctx.db().newRecord(TAG_PACKAGES);
        row.setTagId(tagId);
        row.setPackageId(pkgId);
        row.setBlocked(blocked);
        row.setExtraArches(arches);
        Versioned.create(ctx.db(), row, ctx.event(), ctx.userId());
        writeOwner(ctx, tagId, pkgId, ownerId);
    }

    private void writeOwner(CallContext ctx, int tagId, int pkgId, int ownerId) {
        Versioned.revoke(ctx.db(), TAG_PACKAGE_OWNERS, TAG_PACKAGE_OWNERS.TAG_ID.eq(tagId)
                .and(TAG_PACKAGE_OWNERS.PACKAGE_ID.eq(pkgId)), ctx.event(), ctx.userId());
        var row = ctx.db().newRecord(TAG_PACKAGE_OWNERS);
        row.setTagId(tagId);
        row.setPackageId(pkgId);
        row.setOwner(ownerId);
        Versioned.create(ctx.db(), row, ctx.event(), ctx.userId());
    }
}
