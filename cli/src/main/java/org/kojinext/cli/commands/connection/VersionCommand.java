package org.kojinext.cli.commands.connection;

import org.kojinext.cli.CliCommand;
import org.kojinext.protocol.KojiFault;
import picocli.CommandLine.Command;

/** Koji's version: the client's and the hub's. */
@Command(name = "version", description = "Report client and hub versions")
public final class VersionCommand extends CliCommand {
    /** The Koji release whose CLI this one follows. */
    public static final String CLIENT_VERSION = "1.35.3 (Koji Next 0.1.0)";

    @Override
    protected int run() {
        out().println("Client: " + CLIENT_VERSION);
        try {
            out().println("Hub:    " + hub().call("getKojiVersion"));
        } catch (KojiFault e) {
            out().println("Hub:    Can't determine (older than 1.23)");
        }
        return 0;
    }
}
