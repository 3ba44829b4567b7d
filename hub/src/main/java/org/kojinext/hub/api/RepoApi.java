package org.kojinext.hub.api;

import org.kojinext.hub.repos.RepoQuery;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;

/**
 * Repositories of tags. Koji Next does not make repositories yet (no builder, no kojira), so
 * these calls find none and answer None, as a Koji hub does for a tag without one.
 */
public final class RepoApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("getRepo").param("tag").param("state", null).param("event", null).param("dist", false)
                .param("min_event", null)
                .access(Access.anonymousRead())
                .doc("The tag's newest repository in a state (READY by default), or with event the newest made "
                        + "from an event at or before it; dist selects distribution repositories; min_event is the "
                        + "oldest event accepted. None when there is none.")
                .handler((ctx, a) -> RepoQuery.get(ctx.db(), a.get("tag"), a.get("state"), a.get("event"),
                        a.get("dist"), a.get("min_event")));
        m.method("repoInfo").param("repo_id").param("strict", false)
                .access(Access.anonymousRead())
                .doc("A repository by id: its tag, state, events and options; None when there is none and not "
                        + "strict.")
                .handler((ctx, a) -> RepoQuery.info(ctx.db(), a.get("repo_id"), a.bool("strict")));
    }
}
