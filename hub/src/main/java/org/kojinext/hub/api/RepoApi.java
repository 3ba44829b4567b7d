package org.kojinext.hub.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.kojinext.hub.repos.RepoQuery;
import org.kojinext.hub.repos.RepoRequests;
import org.kojinext.hub.repos.RepoService;
import org.kojinext.hub.repos.RepoSettings;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.tags.TagStore;
import org.kojinext.hub.tasks.TaskOptions;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiFault;

/**
 * Repositories of tags: reading them (getRepo, repoInfo, repo.get), asking for them (Koji
 * 1.35's repo.request and repo.checkRequest, and Koji Next's held repo.waitRequest), and
 * newRepo, which makes one at once. The queue that turns requests into tasks runs in {@link
 * RepoService}.
 */
public final class RepoApi implements ApiModule {
    private final RepoService service;
    private final Duration maxHold;

    /** @param maxHold the longest repo.waitRequest holds, whatever timeout it is given */
    public RepoApi(RepoService service, Duration maxHold) {
        this.service = service;
        this.maxHold = maxHold;
    }

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
        m.method("repo.get").param("tag").param("min_event", null).param("at_event", null).param("opts", null)
                .access(Access.anonymousRead())
                .doc("The best READY repository of the tag: made at at_event, or the newest no older than "
                        + "min_event, with every option in opts and no custom option not in opts. None if none.")
                .handler((ctx, a) -> RepoQuery.best(ctx.db(), TagStore.resolveId(ctx.db(), a.get("tag"), true),
                        a.integer("min_event"), a.integer("at_event"),
                        org.kojinext.hub.repos.RepoOpts.convert(a.get("opts"), true)));
        m.method("repo.request").param("tag").param("min_event", null).param("at_event", null).param("opts", null)
                .param("priority", null).param("force", false)
                .access(Access.loggedIn())
                .doc("Request a repository of the tag no older than min_event (an event, \"last\" for the tag's last "
                        + "change, or by default the last change allowing RepoLag or the tag's repo.lag), or made at "
                        + "at_event, with opts overriding the tag's repo options. Returns {repo, request, duplicate}: "
                        + "the existing repository (unless force), an equal active request (duplicate; its priority "
                        + "raised to this one's), or the new request. priority is relative to the default; below zero "
                        + "needs admin.")
                .handler((ctx, a) -> RepoRequests.request(ctx.db(), new RepoRequests.Ask(a.get("tag"),
                        a.get("min_event"), a.get("at_event"), a.get("opts"), a.get("priority"), a.bool("force")),
                        ctx.userId(), ctx.hasPerm("admin"), service.settings()));
        m.method("repo.checkRequest").param("req_id")
                .access(Access.anonymousRead())
                .doc("A repository request's state: {request, repo}, and the task's info while it has a task but no "
                        + "repository yet.")
                .handler((ctx, a) -> RepoRequests.check(ctx.db(), a.get("req_id")));
        m.method("repo.waitRequest").param("req_id").param("timeout", 60)
                .access(Access.loggedIn()).retryable()
                .doc("Koji Next: repo.checkRequest that holds, up to timeout seconds, while the request is active; "
                        + "it answers as soon as a repository satisfies it or it is given up.")
                .handler(this::waitRequest);
        m.method("repo.setRequestPriority").param("req_id").param("priority")
                .access(Access.admin())
                .doc("Set a repository request's priority (lower is sooner).")
                .handler((ctx, a) -> {
                    RepoRequests.setPriority(ctx.db(), a.get("req_id"), a.get("priority"));
                    return null;
                });
        m.method("newRepo").param("tag").param("event", null).param("src", false).param("debuginfo", false)
                .param("separate_src", false)
                .access(Access.loggedIn())
                .doc("Make a newRepo task for the tag (priority 15, channel createrepo); needs the repo or "
                        + "regen-repo permission. Returns the task id.")
                .handler(this::newRepo);
    }

    private Object waitRequest(CallContext ctx, Args a) {
        Object reqId = a.get("req_id");
        Duration hold = holdFor(a.get("timeout"));
        long deadline = System.nanoTime() + hold.toNanos();
        try (RepoService.Waiter w = service.register()) {
            while (true) {
                Map<String, Object> status = RepoRequests.check(ctx.db(), reqId);
                long left = deadline - System.nanoTime();
                if (!Boolean.TRUE.equals(((Map<?, ?>) status.get("request")).get("active")) || left <= 0) {
                    return status;
                }
                ctx.tx().release();
                try {
                    w.await(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw KojiFault.generic("the hub is shutting down");
                }
            }
        }
    }

    private Duration holdFor(Object timeout) {
        if (timeout == null) {
            return maxHold;
        }
        if (!(timeout instanceof Number n)) {
            throw KojiFault.parameter("Invalid type for timeout: expected a number of seconds");
        }
        Duration asked = Duration.ofMillis((long) (n.doubleValue() * 1000));
        return asked.isNegative() ? Duration.ZERO : asked.compareTo(maxHold) < 0 ? asked : maxHold;
    }

    private Object newRepo(CallContext ctx, Args a) {
        if (!ctx.hasPerm("repo")) {
            ctx.assertPerm("regen-repo");
        }
        Integer event = a.integer("event");
        TagStore.get(ctx.db(), a.get("tag"), true, event);
        // Positional, as kojid's newRepo(tag, event, src, debuginfo, separate_src) reads them: a
        // flag that is not set stays None, as Koji leaves it out of the keyword arguments.
        List<Object> args = new ArrayList<>(Arrays.asList(a.get("tag"), event, a.bool("src") ? true : null,
                a.bool("debuginfo") ? true : null, a.bool("separate_src") ? true : null));
        RepoRequests.ensureChannel(ctx.db());
        return TaskWriter.create(ctx, "newRepo", args, TaskOptions.none().priority(RepoSettings.TASK_PRIORITY)
                .channel(RepoSettings.CHANNEL));
    }
}
