package org.kojinext.cli.commands.builds;

import java.io.PrintStream;
import java.util.Map;
import org.kojinext.cli.Py;

/** The build table Koji's list-tagged and latest-build both print: build, tag, [maven ids,] owner. */
final class BuildTable {
    private BuildTable() {
    }

    /** A row; first is the NVR or, with --paths, the build's directory. */
    static String row(String first, Map<String, Object> b, boolean maven) {
        String line = Py.left(first, 40) + "  " + Py.left(b.get("tag_name"), 20) + "  ";
        if (maven) {
            line += Py.left(b.get("maven_group_id"), 20) + "  " + Py.left(b.get("maven_artifact_id"), 20) + "  ";
        }
        return line + Py.str(b.get("owner_name"));
    }

    static void header(PrintStream out, boolean maven) {
        if (maven) {
            out.println(Py.left("Build", 40) + "  " + Py.left("Tag", 20) + "  " + Py.left("Group Id", 20)
                    + "  " + Py.left("Artifact Id", 20) + "  Built by");
            out.println("-".repeat(40) + "  " + "-".repeat(20) + "  " + "-".repeat(20) + "  "
                    + "-".repeat(20) + "  " + "-".repeat(16));
        } else {
            out.println(Py.left("Build", 40) + "  " + Py.left("Tag", 20) + "  Built by");
            out.println("-".repeat(40) + "  " + "-".repeat(20) + "  " + "-".repeat(16));
        }
    }
}
