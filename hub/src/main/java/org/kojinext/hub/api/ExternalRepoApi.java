package org.kojinext.hub.api;

import org.kojinext.hub.repos.ExternalRepoList;
import org.kojinext.hub.repos.ExternalRepoStore;
import org.kojinext.hub.repos.TagExternalRepos;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tags.TagStore;

/** External repositories and the tags whose repositories merge them in. */
public final class ExternalRepoApi implements ApiModule {

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("createExternalRepo").param("name").param("url")
                .access(Access.admin())
                .doc("Create an external repository; the url is stored ending with a slash. Returns its id, name "
                        + "and url.")
                .handler((ctx, a) -> ExternalRepoStore.create(ctx, a.requireStr("name"), a.requireStr("url")));
        m.method("listExternalRepos").param("info", null).param("url", null).param("event", null)
                .param("queryOpts", null)
                .access(Access.anonymousRead())
                .doc("External repositories (id, name, url), optionally the one named by id or name, or those "
                        + "with a url.")
                .handler((ctx, a) -> ExternalRepoStore.list(ctx.db(), a.get("info"), a.get("url"),
                        TagStore.event(a.get("event")), a.map("queryOpts")));
        m.method("getExternalRepo").param("info").param("strict", false).param("event", null)
                .access(Access.anonymousRead())
                .doc("One external repository by id or name: id, name, url. None when there is none and not strict.")
                .handler((ctx, a) -> ExternalRepoStore.get(ctx.db(), a.get("info"), a.bool("strict"),
                        TagStore.event(a.get("event"))));
        m.method("addExternalRepoToTag").param("tag_info").param("repo_info").param("priority")
                .param("merge_mode", "koji").param("arches", null)
                .access(Access.permission("tag"))
                .doc("Merge an external repository into a tag's repositories at a priority (lower first), with a "
                        + "merge mode (koji, simple or bare) and optionally its own arches.")
                .handler((ctx, a) -> {
                    TagExternalRepos.add(ctx, a.get("tag_info"), a.get("repo_info"), a.get("priority"),
                            a.get("merge_mode"), a.get("arches"));
                    return null;
                });
        m.method("removeExternalRepoFromTag").param("tag_info").param("repo_info")
                .access(Access.permission("tag"))
                .doc("Stop merging an external repository into a tag's repositories.")
                .handler((ctx, a) -> {
                    TagExternalRepos.remove(ctx, a.get("tag_info"), a.get("repo_info"));
                    return null;
                });
        m.method("getTagExternalRepos").param("tag_info", null).param("repo_info", null).param("event", null)
                .access(Access.anonymousRead())
                .doc("Tag and external repository associations by priority: external_repo_id, external_repo_name, "
                        + "priority, tag_id, tag_name, url, merge_mode, arches. Optionally of one tag and one "
                        + "external repository.")
                .handler((ctx, a) -> TagExternalRepos.list(ctx.db(), a.get("tag_info"), a.get("repo_info"),
                        TagStore.event(a.get("event"))));
        m.method("getExternalRepoList").param("tag_info").param("event", null)
                .access(Access.anonymousRead())
                .doc("The external repositories a tag's repositories merge in: the tag's and those of the tags it "
                        + "inherits from, nearest first and by priority, each once (the fields of getTagExternalRepos).")
                .handler((ctx, a) -> {
                    Integer event = TagStore.event(a.get("event"));
                    return ExternalRepoList.of(ctx.db(), TagStore.get(ctx.db(), a.get("tag_info"), true, event).id(),
                            event);
                });
    }
}
