package org.kojinext.hub.repos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Koji's get_external_repo_list: the external repositories of a tag and of the tags it inherits
 * from, nearest tag first and by priority within a tag, each repository once.
 */
public final class ExternalRepoList {
    private ExternalRepoList() {
    }

    public static List<Map<String, Object>> of(DSLContext db, int tagId, Integer event) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int t : TagContent.withParents(db, tagId, event)) {
            for (Map<String, Object> r : TagExternalRepos.list(db, t, null, event)) {
                if (seen.add(r.get("external_repo_id"))) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
