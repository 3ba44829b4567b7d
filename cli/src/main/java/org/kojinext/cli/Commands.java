package org.kojinext.cli;

import java.util.List;
import org.kojinext.cli.commands.builds.BuildinfoCommand;
import org.kojinext.cli.commands.builds.DownloadBuildCommand;
import org.kojinext.cli.commands.builds.LatestBuildCommand;
import org.kojinext.cli.commands.builds.ListBuildsCommand;
import org.kojinext.cli.commands.builds.ListTaggedCommand;
import org.kojinext.cli.commands.builds.MoveBuildCommand;
import org.kojinext.cli.commands.builds.TagBuildCommand;
import org.kojinext.cli.commands.builds.UntagBuildCommand;
import org.kojinext.cli.commands.completion.CompletionCommand;
import org.kojinext.cli.commands.connection.CallCommand;
import org.kojinext.cli.commands.connection.HelloCommand;
import org.kojinext.cli.commands.connection.ListApiCommand;
import org.kojinext.cli.commands.connection.VersionCommand;
import org.kojinext.cli.commands.history.DownloadTaskCommand;
import org.kojinext.cli.commands.history.ImportCommand;
import org.kojinext.cli.commands.history.ListHistoryCommand;
import org.kojinext.cli.commands.hosts.AddHostCommand;
import org.kojinext.cli.commands.hosts.AddHostToChannelCommand;
import org.kojinext.cli.commands.hosts.DisableHostCommand;
import org.kojinext.cli.commands.hosts.EditHostCommand;
import org.kojinext.cli.commands.hosts.EnableHostCommand;
import org.kojinext.cli.commands.hosts.HostinfoCommand;
import org.kojinext.cli.commands.hosts.ListChannelsCommand;
import org.kojinext.cli.commands.hosts.ListHostsCommand;
import org.kojinext.cli.commands.hosts.RemoveHostFromChannelCommand;
import org.kojinext.cli.commands.packages.AddPkgCommand;
import org.kojinext.cli.commands.packages.BlockPkgCommand;
import org.kojinext.cli.commands.packages.ListPkgsCommand;
import org.kojinext.cli.commands.packages.RemovePkgCommand;
import org.kojinext.cli.commands.packages.UnblockPkgCommand;
import org.kojinext.cli.commands.repos.RegenRepoCommand;
import org.kojinext.cli.commands.repos.RepoinfoCommand;
import org.kojinext.cli.commands.repos.RequestRepoCommand;
import org.kojinext.cli.commands.repos.WaitRepoCommand;
import org.kojinext.cli.commands.tags.AddTagCommand;
import org.kojinext.cli.commands.tags.AddTagInheritanceCommand;
import org.kojinext.cli.commands.tags.EditTagCommand;
import org.kojinext.cli.commands.tags.EditTagInheritanceCommand;
import org.kojinext.cli.commands.tags.ListTagInheritanceCommand;
import org.kojinext.cli.commands.tags.ListTagsCommand;
import org.kojinext.cli.commands.tags.RemoveTagCommand;
import org.kojinext.cli.commands.tags.RemoveTagInheritanceCommand;
import org.kojinext.cli.commands.tags.TaginfoCommand;
import org.kojinext.cli.commands.targets.AddTargetCommand;
import org.kojinext.cli.commands.targets.EditTargetCommand;
import org.kojinext.cli.commands.targets.ListTargetsCommand;
import org.kojinext.cli.commands.targets.RemoveTargetCommand;
import org.kojinext.cli.commands.tasks.BuildCommand;
import org.kojinext.cli.commands.tasks.CancelCommand;
import org.kojinext.cli.commands.tasks.ChainBuildCommand;
import org.kojinext.cli.commands.tasks.ListTasksCommand;
import org.kojinext.cli.commands.tasks.ResubmitCommand;
import org.kojinext.cli.commands.tasks.TaskinfoCommand;
import org.kojinext.cli.commands.tasks.WatchLogsCommand;
import org.kojinext.cli.commands.tasks.WatchTaskCommand;
import org.kojinext.cli.commands.users.AddUserCommand;
import org.kojinext.cli.commands.users.DisableUserCommand;
import org.kojinext.cli.commands.users.EnableUserCommand;
import org.kojinext.cli.commands.users.GrantPermissionCommand;
import org.kojinext.cli.commands.users.ListPermissionsCommand;
import org.kojinext.cli.commands.users.RevokePermissionCommand;
import org.kojinext.cli.commands.users.UserinfoCommand;

/** Every command, grouped as the issue lists them. One line per command. */
final class Commands {
    static final List<Class<? extends CliCommand>> ALL = List.of(
            // connection
            HelloCommand.class,
            VersionCommand.class,
            ListApiCommand.class,
            CallCommand.class,
            // building and tasks
            BuildCommand.class,
            ChainBuildCommand.class,
            WatchTaskCommand.class,
            WatchLogsCommand.class,
            ListTasksCommand.class,
            TaskinfoCommand.class,
            CancelCommand.class,
            ResubmitCommand.class,
            // builds, repositories, history, import and download
            ListBuildsCommand.class,
            BuildinfoCommand.class,
            LatestBuildCommand.class,
            ListTaggedCommand.class,
            TagBuildCommand.class,
            UntagBuildCommand.class,
            MoveBuildCommand.class,
            RegenRepoCommand.class,
            WaitRepoCommand.class,
            RequestRepoCommand.class,
            RepoinfoCommand.class,
            ListHistoryCommand.class,
            ImportCommand.class,
            DownloadBuildCommand.class,
            DownloadTaskCommand.class,
            // tags
            AddTagCommand.class,
            EditTagCommand.class,
            RemoveTagCommand.class,
            ListTagsCommand.class,
            TaginfoCommand.class,
            AddTagInheritanceCommand.class,
            EditTagInheritanceCommand.class,
            RemoveTagInheritanceCommand.class,
            ListTagInheritanceCommand.class,
            // packages
            AddPkgCommand.class,
            RemovePkgCommand.class,
            BlockPkgCommand.class,
            UnblockPkgCommand.class,
            ListPkgsCommand.class,
            // targets
            AddTargetCommand.class,
            EditTargetCommand.class,
            RemoveTargetCommand.class,
            ListTargetsCommand.class,
            // users
            AddUserCommand.class,
            EnableUserCommand.class,
            DisableUserCommand.class,
            GrantPermissionCommand.class,
            RevokePermissionCommand.class,
            ListPermissionsCommand.class,
            UserinfoCommand.class,
            // hosts
            ListHostsCommand.class,
            HostinfoCommand.class,
            AddHostCommand.class,
            EditHostCommand.class,
            EnableHostCommand.class,
            DisableHostCommand.class,
            ListChannelsCommand.class,
            AddHostToChannelCommand.class,
            RemoveHostFromChannelCommand.class,
            // shell completion (ours, not Koji's)
            CompletionCommand.class
    );

    private Commands() {
    }

    /** The command with this name or alias, or null; reads only the annotations. */
    static Class<? extends CliCommand> named(String name) {
        if (name == null) {
            return null;
        }
        for (Class<? extends CliCommand> c : ALL) {
            picocli.CommandLine.Command cmd = c.getAnnotation(picocli.CommandLine.Command.class);
            if (cmd.name().equals(name) || List.of(cmd.aliases()).contains(name)) {
                return c;
            }
        }
        return null;
    }
}
