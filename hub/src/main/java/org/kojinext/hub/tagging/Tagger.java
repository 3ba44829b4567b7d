package org.kojinext.hub.tagging;

import static org.kojinext.hub.db.jooq.Tables.PERMISSIONS;
import static org.kojinext.hub.db.jooq.Tables.TAG_LISTING;

import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.packages.TagView;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * Tags and untags builds with Koji's rules: only complete builds; retagging only with force (it
 * makes the build the latest again); a locked tag, or one that requires a permission the caller
 * lacks, refuses unless an admin forces it.
 */
public final class Tagger {
    private static final List<String> STATES = List.of("BUILDING", "COMPLETE", "DELETED", "FAILED", "CANCELED");

    private Tagger() {
    }

    /** Koji's assert_tag_access for the caller. */
    public static void assertAccess(CallContext ctx, TagView.Tag tag, boolean force) {
        Set<String> perms = ctx.perms();
        String reason = null;
        if (tag.locked()) {
            reason = "tag is locked";
        } else if (tag.permId() != null) {
            String needed = ctx.db().select(PERMISSIONS.NAME).from(PERMISSIONS).where(PERMISSIONS.ID.eq(tag.permId()))
                    .fetchOne(PERMISSIONS.NAME);
            if (!perms.contains(needed)) {
                reason = "tag requires " + needed + " permission";
            }
        }
        if (reason != null && !(force && perms.contains("admin"))) {
            throw new KojiFault(FaultCode.ACTION_NOT_ALLOWED, reason);
        }
    }

    /** Tags without access checks (the caller made them). */
    public static void tag(CallContext ctx, TagView.Tag tag, BuildRef build, boolean force) {
        tag(ctx, tag, build, force, ctx.userId());
    }

    /** As tag, recorded as done by userId: host.tagBuild tags as the task's owner, as Koji does. */
    public static void tag(CallContext ctx, TagView.Tag tag, BuildRef build, boolean force, int userId) {
        if (build.state() != 1) {
            throw new KojiFault(FaultCode.TAG, "build " + build.nvr() + " not complete: state "
                    + STATES.get(build.state()));
        }
        Condition row = TAG_LISTING.TAG_ID.eq(tag.id()).and(TAG_LISTING.BUILD_ID.eq(build.id()));
        // Locked so that two concurrent taggings of the same build cannot both see it untagged.
        boolean tagged = ctx.db().selectOne().from(TAG_LISTING).where(row.and(TAG_LISTING.ACTIVE.isTrue()))
                .forUpdate().fetchOptional().isPresent();
        if (tagged) {
            if (!force) {
                throw new KojiFault(FaultCode.TAG, "build " + build.nvr() + " already tagged (" + tag.name() + ")");
            }
            Versioned.revoke(ctx.db(), TAG_LISTING, row, ctx.event(), userId);
        }
        var listing = ctx.db().newRecord(TAG_LISTING);
        listing.setTagId(tag.id());
        listing.setBuildId(build.id());
        Versioned.create(ctx.db(), listing, ctx.event(), userId);
    }

    /** Untags without access checks; with strict, a build that was not tagged is an error. */
    public static void untag(CallContext ctx, TagView.Tag tag, BuildRef build, boolean strict) {
        untag(ctx, tag, build, strict, ctx.userId());
    }

    /** As untag, recorded as done by userId. */
    public static void untag(CallContext ctx, TagView.Tag tag, BuildRef build, boolean strict, int userId) {
        int n = Versioned.revoke(ctx.db(), TAG_LISTING,
                TAG_LISTING.TAG_ID.eq(tag.id()).and(TAG_LISTING.BUILD_ID.eq(build.id())), ctx.event(), userId);
        if (n == 0 && strict) {
            throw new KojiFault(FaultCode.TAG, "build " + build.nvr() + " not in tag " + tag.name());
        }
    }
}
