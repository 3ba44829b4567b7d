package org.kojinext.cli.commands.repos;

import org.kojinext.cli.repos.RepoRequestCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Koji's request-repo (1.35): ask the hub for a repository of a tag, and optionally wait for it. */
@Command(name = "request-repo", description = "Request a repo for a tag")
public final class RequestRepoCommand extends RepoRequestCommand {
    @Option(names = "--min-event", description = "Minimum event id for repo")
    Integer minEvent;
    @Option(names = "--at-event", description = "Specific event id for repo")
    Integer atEvent;
    @Option(names = {"--current", "--last"}, description = "Use current event for tag")
    boolean current;

    @Override
    protected int run() {
        return requestRepo(atEvent != null && atEvent != 0 ? atEvent : null,
                minEvent != null && minEvent != 0 ? minEvent : null, current);
    }
}
