package org.kojinext.cli.commands.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;

/** The users named to grant-/revoke-permission: all must exist before anything changes. */
final class PermissionUsers {
    private PermissionUsers() {
    }

    static List<Map<?, ?>> lookUp(HubLink hub, List<String> names) {
        List<Map<?, ?>> users = new ArrayList<>();
        for (String n : names) {
            if (!(hub.call("getUser", n) instanceof Map<?, ?> user)) {
                // Koji reports this through its option parser, hence the usage status.
                throw new CliFailure("No such user: " + n, 2);
            }
            users.add(user);
        }
        return users;
    }
}
