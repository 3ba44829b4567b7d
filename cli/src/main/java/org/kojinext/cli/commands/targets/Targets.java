package org.kojinext.cli.commands.targets;

import org.kojinext.cli.CliFailure;
import org.kojinext.cli.Py;

/** The checks Koji's target commands make on a build tag before asking the hub. */
final class Targets {
    private Targets() {
    }

    /** A build tag must exist and have arches, or no build could ever use the target. */
    static void checkBuildTag(Object tag, String name) {
        if (!Py.truthy(tag)) {
            throw new CliFailure("No such tag: " + name);
        }
        if (!Py.truthy(Py.map(tag).get("arches"))) {
            throw new CliFailure("Build tag has no arches: " + name);
        }
    }
}
