package org.kojinext.hub.comps;

import static org.kojinext.hub.db.jooq.Tables.GROUP_CONFIG;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.protocol.KojiFault;

/**
 * Which groups a tag has (group_config), with Koji's rules. Koji checks no policy and no tag
 * lock here: the caller's {@code tag} permission (or admin) is the whole check, declared with
 * the methods.
 */
public final class GroupListChanges {
    private GroupListChanges() {
    }

    /**
     * groupListAdd: adds the group to the tag (creating the group if it is a new name), or changes
     * its options there. Nothing is written if the group is already in effect, possibly inherited,
     * with the same options; a blocked group stays blocked unless forced.
     */
    public static void add(CallContext ctx, Object tagInfo, Object grpInfo, boolean block, boolean force,
                           Map<String, Object> given) {
        DSLContext db = ctx.db();
        TagRef tag = TagRef.live(db, tagInfo);
        GroupStore.Group group = GroupStore.lookup(db, grpInfo, false, true);
        Map<String, Object> opts = new LinkedHashMap<>(given);
        opts.put("blocked", block);
        opts = EntryOpts.GROUP.slice(opts);
        Map<String, Object> previous = TagGroupReader.read(db, tag.id(), null, true, false, false).get(group.id());
        if (previous != null) {
            if (Boolean.TRUE.equals(previous.get("blocked")) && !force) {
                throw KojiFault.generic("group " + group.name() + " is blocked in tag " + tag.name());
            }
            if (!EntryOpts.GROUP.merge(opts, previous)) {
                return;
            }
        }
        EntryOpts.setDefault(opts, "display_name", group.name());
        EntryOpts.setDefault(opts, "biarchonly", false);
        EntryOpts.setDefault(opts, "exported", true);
        EntryOpts.setDefault(opts, "uservisible", true);
        opts.put("tag_id", tag.id());
        opts.put("group_id", group.id());
        Rows.replace(ctx, GROUP_CONFIG, key(tag.id(), group.id()), opts);
    }

    /** groupListRemove: drops the tag's own entry; without force, there must be one. */
    public static void remove(CallContext ctx, Object tagInfo, Object grpInfo, boolean force) {
        DSLContext db = ctx.db();
        TagRef tag = TagRef.live(db, tagInfo);
        GroupStore.Group group = GroupStore.require(db, grpInfo);
        Condition key = key(tag.id(), group.id());
        if (!force && !db.fetchExists(GROUP_CONFIG, key.and(GROUP_CONFIG.ACTIVE.isTrue()))) {
            throw KojiFault.generic("No group: " + group.name() + " found for tag: " + tag.name());
        }
        Rows.revoke(ctx, GROUP_CONFIG, key);
    }

    /** groupListUnblock: lifts a block made in this tag itself; an inherited block cannot be lifted so. */
    public static void unblock(CallContext ctx, Object tagInfo, Object grpInfo) {
        DSLContext db = ctx.db();
        TagRef tag = TagRef.any(db, tagInfo);
        GroupStore.Group group = GroupStore.require(db, grpInfo);
        Condition key = key(tag.id(), group.id());
        Boolean blocked = db.select(GROUP_CONFIG.BLOCKED).from(GROUP_CONFIG)
                .where(key, GROUP_CONFIG.ACTIVE.isTrue()).forUpdate().fetchOne(GROUP_CONFIG.BLOCKED);
        if (!Boolean.TRUE.equals(blocked)) {
            throw KojiFault.generic("group " + group.name() + " is NOT blocked in tag " + tag.name());
        }
        Rows.revoke(ctx, GROUP_CONFIG, key);
    }

    private static Condition key(int tagId, int groupId) {
        return GROUP_CONFIG.GROUP_ID.eq(groupId).and(GROUP_CONFIG.TAG_ID.eq(tagId));
    }
}
