package org.kojinext.cli.tags;

import org.kojinext.cli.CliFailure;
import org.kojinext.cli.HubLink;
import org.kojinext.cli.Py;

/** The client-side permission checks some of Koji's admin commands make before calling the hub. */
public final class Privileges {
    private Privileges() {
    }

    /** Fails as Koji's parser.error does unless the user has admin or the given permission. */
    public static void requireAdminOr(HubLink hub, String perm) {
        if (!Py.truthy(hub.call("hasPerm", "admin")) && !Py.truthy(hub.call("hasPerm", perm))) {
            throw new CliFailure("This action requires " + perm + " or admin privileges", 2);
        }
    }
}
