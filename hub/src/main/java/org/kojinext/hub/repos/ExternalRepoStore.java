package org.kojinext.hub.repos;

import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO;
import static org.kojinext.hub.db.jooq.Tables.EXTERNAL_REPO_CONFIG;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.kojinext.hub.auth.NameRules;
import org.kojinext.hub.db.QueryOpts;
import org.kojinext.hub.db.Versioned;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.NameOrId;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * External repositories: a permanent name (external_repo) and a versioned url
 * (external_repo_config). An external repository exists while it has a live url.
 */
public final class ExternalRepoStore {
    private static final Map<String, Field<?>> SORT = Map.of("id", EXTERNAL_REPO.ID, "name", EXTERNAL_REPO.NAME,
            "url", EXTERNAL_REPO_CONFIG.URL);

    private ExternalRepoStore() {
    }

    /**
     * listExternalRepos (Koji's get_external_repos): id, name and url of the external
     * repositories at an event, optionally the one named by id or name, or those with a url.
     */
    public static Object list(DSLContext db, Object info, Object url, Integer event, Map<String, Object> queryOpts) {
        List<Condition> where = new ArrayList<>();
        where.add(Versioned.at(EXTERNAL_REPO_CONFIG, event));
        if (info != null) {
            where.add(NameOrId.condition(EXTERNAL_REPO.ID, EXTERNAL_REPO.NAME, info));
        }
        if (KojiArgs.truthy(url)) {
            where.add(EXTERNAL_REPO_CONFIG.URL.eq(PythonRepr.str(url)));
        }
        QueryOpts opts = QueryOpts.parse(queryOpts, SORT);
        var select = db.select(EXTERNAL_REPO.ID.as("id"), EXTERNAL_REPO.NAME.as("name"),
                        EXTERNAL_REPO_CONFIG.URL.as("url"))
                .from(EXTERNAL_REPO)
                .join(EXTERNAL_REPO_CONFIG).on(EXTERNAL_REPO_CONFIG.EXTERNAL_REPO_ID.eq(EXTERNAL_REPO.ID))
                .where(where);
        if (opts.countOnly()) {
            return db.fetchCount(select);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        opts.fetch(select, EXTERNAL_REPO.ID.asc()).forEach(r -> rows.add(new LinkedHashMap<>(r.intoMap())));
        return rows;
    }

    /** getExternalRepo: one external repository by id or name; null, or "No such repo" when strict. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> get(DSLContext db, Object info, boolean strict, Integer event) {
        List<Map<String, Object>> repos = (List<Map<String, Object>>) list(db, info, null, event, null);
        if (repos.size() > 1) {
            throw KojiFault.generic("More than one repo in the result.");
        }
        if (repos.isEmpty()) {
            if (strict) {
                throw KojiFault.generic("No such repo: " + PythonRepr.str(info));
            }
            return null;
        }
        return repos.getFirst();
    }

    /** createExternalRepo: a new external repository; its url is stored ending with a slash. */
    public static Map<String, Object> create(CallContext ctx, String name, String url) {
        DSLContext db = ctx.db();
        NameRules.checkInternal(name);
        if (get(db, name, false, null) != null) {
            throw KojiFault.generic("An external repo named \"" + name + "\" already exists");
        }
        // A deleted external repository keeps its row (and id); creating it again revives it.
        Integer id = db.select(EXTERNAL_REPO.ID).from(EXTERNAL_REPO).where(EXTERNAL_REPO.NAME.eq(name))
                .fetchOne(EXTERNAL_REPO.ID);
        if (id == null) {
            id = db.insertInto(EXTERNAL_REPO).set(EXTERNAL_REPO.NAME, name).returning(EXTERNAL_REPO.ID)
                    .fetchSingle().getId();
        }
        String slashed = url.endsWith("/") ? url : url + "/";
        var row = db.newRecord(EXTERNAL_REPO_CONFIG);
        row.setExternalRepoId(id);
        row.setUrl(slashed);
        Versioned.create(db, row, ctx.event(), ctx.userId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("url", slashed);
        return out;
    }
}
