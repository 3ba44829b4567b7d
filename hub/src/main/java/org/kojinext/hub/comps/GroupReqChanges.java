package org.kojinext.hub.comps;

import static org.kojinext.hub.db.jooq.Tables.GROUP_REQ_LISTING;

import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.protocol.KojiFault;

/** The groups a group requires in a tag (group_req_listing), with Koji's rules. */
public final class GroupReqChanges {
    private GroupReqChanges() {
    }

    /**
     * groupReqListAdd: the group must be in effect in the tag and not blocked. Nothing is written
     * if the requirement in effect has the same options, unless blocking; a blocked requirement
     * is changed only when forced.
     */
    public static void add(CallContext ctx, Object tagInfo, Object grpInfo, Object reqInfo, boolean block,
                           boolean force, Map<String, Object> given) {
        DSLContext db = ctx.db();
        TagRef tag = TagRef.any(db, tagInfo);
        GroupStore.Group group = GroupStore.require(db, grpInfo);
        GroupStore.Group req = GroupStore.require(db, reqInfo);
        Map<String, Object> cfg = InEffect.group(db, tag, group, false, true);
        Map<String, Object> previous = InEffect.entry(cfg, "grouplist", req.id());
        Map<String, Object> opts = EntryOpts.REQ.slice(given);
        if (previous != null) {
            if (Boolean.TRUE.equals(previous.get("blocked")) && !force) {
                throw KojiFault.generic("requirement on group " + req.name() + " blocked in group " + group.name()
                        + ", tag " + tag.name());
            }
            // Unlike a package entry, force alone does not rewrite an unchanged requirement.
            if (!(EntryOpts.REQ.merge(opts, previous) || block)) {
                return;
            }
        }
        EntryOpts.setDefault(opts, "type", "mandatory");
        opts.put("group_id", group.id());
        opts.put("tag_id", tag.id());
        opts.put("req_id", req.id());
        opts.put("blocked", block);
        Rows.replace(ctx, GROUP_REQ_LISTING, key(tag.id(), group.id(), req.id()), opts);
    }

    /** groupReqListRemove: drops the tag's own entry, if there is one. */
    public static void remove(CallContext ctx, Object tagInfo, Object grpInfo, Object reqInfo) {
        DSLContext db = ctx.db();
        int tagId = TagStore.resolveId(db, tagInfo, true);
        int groupId = GroupStore.require(db, grpInfo).id();
        int reqId = GroupStore.require(db, reqInfo).id();
        Rows.revoke(ctx, GROUP_REQ_LISTING, key(tagId, groupId, reqId));
    }

    /** groupReqListUnblock: lifts a block made in this tag itself. Koji's message names ids. */
    public static void unblock(CallContext ctx, Object tagInfo, Object grpInfo, Object reqInfo) {
        DSLContext db = ctx.db();
        int tagId = TagStore.resolveId(db, tagInfo, true);
        int groupId = GroupStore.require(db, grpInfo).id();
        int reqId = GroupStore.require(db, reqInfo).id();
        Condition key = key(tagId, groupId, reqId);
        Boolean blocked = db.select(GROUP_REQ_LISTING.BLOCKED).from(GROUP_REQ_LISTING)
                .where(key, GROUP_REQ_LISTING.ACTIVE.isTrue()).forUpdate().fetchOne(GROUP_REQ_LISTING.BLOCKED);
        if (!Boolean.TRUE.equals(blocked)) {
            throw KojiFault.generic("group req " + reqId + " is NOT blocked in group " + groupId + ", tag " + tagId);
        }
        Rows.revoke(ctx, GROUP_REQ_LISTING, key);
    }

    private static Condition key(int tagId, int groupId, int reqId) {
        return GROUP_REQ_LISTING.GROUP_ID.eq(groupId).and(GROUP_REQ_LISTING.TAG_ID.eq(tagId))
                .and(GROUP_REQ_LISTING.REQ_ID.eq(reqId));
    }
}
