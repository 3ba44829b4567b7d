package org.kojinext.hub.repos;

import java.time.Duration;

/**
 * Koji's hub options for repositories, with Koji 1.35's defaults (kojixmlrpc.py). They are not
 * read from hub.conf yet.
 *
 * @param maxRepoTasks    MaxRepoTasks: newRepo tasks the queue keeps running at once
 * @param repoRetries     RepoRetries: how often a request's task is retried after a failure
 * @param requestClean    RequestCleanTime: how long a finished request stays readable
 * @param repoLag         RepoLag: how old a repository a request accepts by default
 * @param repoAutoLag     RepoAutoLag: the same for automatic requests (tags with repo.auto)
 * @param repoLagWindow   RepoLagWindow: lag is rounded to this, so close requests share an event
 * @param queueUser       RepoQueueUser: the owner of the queue's tasks
 */
public record RepoSettings(int maxRepoTasks, int repoRetries, Duration requestClean, Duration repoLag,
                           Duration repoAutoLag, Duration repoLagWindow, String queueUser) {
    public static final RepoSettings KOJI = new RepoSettings(10, 3, Duration.ofMinutes(60 * 24),
            Duration.ofSeconds(3600), Duration.ofSeconds(7200), Duration.ofSeconds(600), "kojira");
    /** The channel of repository tasks, as Koji's make_task calls name it. */
    public static final String CHANNEL = "createrepo";
    /** The priority of repository tasks. */
    public static final int TASK_PRIORITY = 15;
}
