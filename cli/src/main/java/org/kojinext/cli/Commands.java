package org.kojinext.cli;

import java.util.List;
import org.kojinext.cli.commands.connection.CallCommand;
import org.kojinext.cli.commands.connection.HelloCommand;
import org.kojinext.cli.commands.connection.ListApiCommand;
import org.kojinext.cli.commands.connection.VersionCommand;
import org.kojinext.cli.commands.packages.AddPkgCommand;
import org.kojinext.cli.commands.packages.BlockPkgCommand;
import org.kojinext.cli.commands.packages.ListPkgsCommand;
import org.kojinext.cli.commands.packages.RemovePkgCommand;
import org.kojinext.cli.commands.packages.UnblockPkgCommand;
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

/** Every command, grouped as the issue lists them. One line per command. */
final class Commands {
    static final List<Class<? extends CliCommand>> ALL = List.of(
            // connection
            HelloCommand.class,
            VersionCommand.class,
            ListApiCommand.class,
            CallCommand.class,
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
            ListTargetsCommand.class
    );

    private Commands() {
    }
}
