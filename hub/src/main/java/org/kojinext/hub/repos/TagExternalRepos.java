package org.kojinext.hub.repos;

import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO;
import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO_CONFIG;
import static org.kojinext.hub.db.jooq.Tables.TAG;
import static org.kojinext.hub.db.jooq.Tables.TAG_EXTERNAL_REPOS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.history.EventLookup;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.tags.Arches;
import org.kojinext.hub.tags.TagInfo;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * Which external repositories a tag's repositories merge in (tag_external_repos), each at a
 * priority of its own (lower first), with a merge mode and optionally its own arches.
 */
public final class TagExternalRepos {
    /** Koji's REPO_MERGE_MODES. */
    static final Set<String> MERGE_MODES = Set.of("koji", "simple", "bare");

    private TagExternalRepos() {
    }

    /**
     * getTagExternalRepos: the associations at an event, by priority, optionally only those of
     * one tag and of one external repository (as in Koji, a false tag_info or repo_info, such as
     * 0, means no filter).
     */
    public static List<Map<String, Object>> list(DSLContext db, Object tagInfo, Object repoInfo, Integer event) {
        List<Condition> where = new ArrayList<>();
        where.add(Versioned.at(TAG_EXTERNAL_REPOS, event));
        where.add(Versioned.at(EXTERNAL_REPO_CONFIG, event));
        if (KojiArgs.truthy(tagInfo)) {
            where.add(TAG.ID.eq(TagStore.resolveId(db, tagInfo, true)));
        }
        if (KojiArgs.truthy(repoInfo)) {
            int repoId = (Integer) ExternalRepoStore.get(db, repoInfo, true, event).get("id");
            where.add(EXTERNAL_REPO.ID.eq(repoId));
        }
        var t = TAG_EXTERNAL_REPOS;
        List<Map<String, Object>> rows = new ArrayList<>();
        db.select(EXTERNAL_REPO.ID.as("external_repo_id"), EXTERNAL_REPO.NAME.as("external_repo_name"),
                        t.PRIORITY.as("priority"), TAG.ID.as("tag_id"), TAG.NAME.as("tag_name"),
                        EXTERNAL_REPO_CONFIG.URL.as("url"), t.MERGE_MODE.as("merge_mode"), t.ARCHES.as("arches"))
                .from(t)
                .join(TAG).on(TAG.ID.eq(t.TAG_ID))
                .join(EXTERNAL_REPO).on(EXTERNAL_REPO.ID.eq(t.EXTERNAL_REPO_ID))
                .join(EXTERNAL_REPO_CONFIG).on(EXTERNAL_REPO_CONFIG.EXTERNAL_REPO_ID.eq(EXTERNAL_REPO.ID))
                .where(where)
                .orderBy(t.PRIORITY, t.TAG_ID)
                .forEach(r -> rows.add(new LinkedHashMap<>(r.intoMap())));
        return rows;
    }

    /** addExternalRepoToTag: one association per repository and per priority in a tag. */
    public static void add(CallContext ctx, Object tagInfo, Object repoInfo, Object priority, Object mergeMode,
                           Object arches) {
        DSLContext db = ctx.db();
        String mode = mergeMode == null ? "koji" : PythonRepr.str(mergeMode);
        if (!(mergeMode == null || mergeMode instanceof String) || !MERGE_MODES.contains(mode)) {
            throw KojiFault.generic("No such merge mode: " + mode);
        }
        TagInfo tag = TagStore.get(db, tagInfo, true, null);
        Map<String, Object> repo = ExternalRepoStore.get(db, repoInfo, true, null);
        String parsedArches = arches == null ? null : Arches.parseStrict(arches);
        int prio = EventLookup.toInt(priority);
        for (Map<String, Object> existing : list(db, tag.id(), null, null)) {
            if (existing.get("external_repo_id").equals(repo.get("id"))) {
                throw KojiFault.generic("tag " + tag.name() + " already associated with external repo "
                        + repo.get("name"));
            }
            if (existing.get("priority").equals(prio)) {
                throw KojiFault.generic("tag " + tag.name() + " already associated with an external repo at priority "
                        + prio);
            }
        }
        var row = db.newRecord(TAG_EXTERNAL_REPOS);
        row.setTagId(tag.id());
        row.setExternalRepoId((Integer) repo.get("id"));
        row.setPriority(prio);
        row.setMergeMode(mode);
        row.setArches(parsedArches);
        Versioned.create(db, row, ctx.event(), ctx.userId());
    }

    /** removeExternalRepoFromTag: the association must exist. */
    public static void remove(CallContext ctx, Object tagInfo, Object repoInfo) {
        DSLContext db = ctx.db();
        TagInfo tag = TagStore.get(db, tagInfo, true, null);
        Map<String, Object> repo = ExternalRepoStore.get(db, repoInfo, true, null);
        int repoId = (Integer) repo.get("id");
        if (list(db, tag.id(), repoId, null).isEmpty()) {
            throw KojiFault.generic("external repo " + repo.get("name") + " not associated with tag " + tag.name());
        }
        Versioned.revoke(db, TAG_EXTERNAL_REPOS, TAG_EXTERNAL_REPOS.TAG_ID.eq(tag.id())
                .and(TAG_EXTERNAL_REPOS.EXTERNAL_REPO_ID.eq(repoId)), ctx.event(), ctx.userId());
    }
}
