package org.kojinext.builder.buildroot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a build task turns sources into packages: kojid's BuildRoot, behind an interface so a
 * builder without mock can still build. One instance serves one task: prepare, then
 * buildSrpm and/or rebuild, then cleanup. Failures are BuildError faults carrying the tail of
 * the build log.
 */
public interface BuildrootProvider {
    /** What a build step produced, with the logs to upload whether or not it succeeded. */
    record Output(List<Path> srpms, List<Path> rpms, List<Path> logs) {
        public Output {
            srpms = List.copyOf(srpms);
            rpms = List.copyOf(rpms);
            logs = List.copyOf(logs);
        }

        /** The one source rpm of a buildSrpm step. */
        public Path srpm() {
            if (srpms.size() != 1) {
                throw new IllegalStateException("expected one srpm, got " + srpms);
            }
            return srpms.get(0);
        }
    }

    /** Short name for logs and the task result ("rpmbuild", "mock"). */
    String name();

    /** Sets up a fresh buildroot under workDir, the task's own directory. */
    void prepare(Path workDir) throws IOException, InterruptedException;

    /** Builds the source rpm from specFile, taking sources from sourceDir. */
    Output buildSrpm(Path specFile, Path sourceDir) throws IOException, InterruptedException;

    /** Rebuilds srpm for arch (a canonical arch or "noarch"). */
    Output rebuild(Path srpm, String arch) throws IOException, InterruptedException;

    /** Removes what prepare and the builds left, except the outputs and logs they returned. */
    void cleanup() throws IOException, InterruptedException;
}
