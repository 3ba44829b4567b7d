package org.kojinext.cli;

import java.util.List;
import org.kojinext.cli.commands.connection.CallCommand;
import org.kojinext.cli.commands.connection.HelloCommand;
import org.kojinext.cli.commands.connection.ListApiCommand;
import org.kojinext.cli.commands.connection.VersionCommand;
import org.kojinext.cli.commands.users.AddUserCommand;
import org.kojinext.cli.commands.users.EnableUserCommand;
import org.kojinext.cli.commands.users.DisableUserCommand;
import org.kojinext.cli.commands.users.GrantPermissionCommand;
import org.kojinext.cli.commands.users.RevokePermissionCommand;
import org.kojinext.cli.commands.users.ListPermissionsCommand;
import org.kojinext.cli.commands.users.UserinfoCommand;
import org.kojinext.cli.commands.hosts.ListHostsCommand;
import org.kojinext.cli.commands.hosts.HostinfoCommand;
import org.kojinext.cli.commands.hosts.AddHostCommand;
import org.kojinext.cli.commands.hosts.EditHostCommand;
import org.kojinext.cli.commands.hosts.EnableHostCommand;
import org.kojinext.cli.commands.hosts.DisableHostCommand;
import org.kojinext.cli.commands.hosts.ListChannelsCommand;
import org.kojinext.cli.commands.hosts.AddHostToChannelCommand;
import org.kojinext.cli.commands.hosts.RemoveHostFromChannelCommand;
import org.kojinext.cli.commands.completion.CompletionCommand;

/** Every command, grouped as the issue lists them. One line per command. */
final class Commands {
    static final List<Class<? extends CliCommand>> ALL = List.of(
            // connection
            HelloCommand.class,
            VersionCommand.class,
            ListApiCommand.class,
            CallCommand.class,
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
