package org.kojinext.builder.tasks;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.kojinext.builder.Handlers;
import org.kojinext.builder.HubFiles;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.buildroot.BuildrootFactory;
import org.kojinext.builder.scm.AllowedScms;

/** The task handlers of a builder that builds, with the settings kojid reads from kojid.conf. */
public final class BuildHandlers {
    /**
     * @param topdir     the hub's storage topdir when mounted here (kojid's topdir), else null
     * @param topurl     where the hub serves that topdir (kojid's topurl)
     * @param workRoot   where tasks get their scratch directories (kojid's workdir)
     * @param allowed    kojid's allowed_scms
     * @param buildroots a fresh buildroot per task
     */
    public record Settings(Path topdir, URI topurl, Path workRoot, AllowedScms allowed,
                           BuildrootFactory buildroots) {
    }

    private BuildHandlers() {
    }

    /** Koji's method names to handlers: the ones that build nothing, plus the rpm build flow. */
    public static Map<String, TaskHandler> of(Settings s) {
        HubFiles files = new HubFiles(s.topdir(), s.topurl());
        Map<String, TaskHandler> h = new HashMap<>(Handlers.defaults());
        h.put("build", new BuildTask(files, s.workRoot()));
        h.put("buildSRPMFromSCM", new BuildSrpmFromScm(s.allowed(), s.buildroots(), s.workRoot(),
                s.topurl().toString()));
        h.put("rebuildSRPM", new RebuildSrpm(files, s.buildroots(), s.workRoot()));
        h.put("buildArch", new BuildArch(files, s.buildroots(), s.workRoot()));
        h.put("tagBuild", new TagBuild());
        h.put("chainbuild", new ChainBuild());
        h.put("waitrepo", new WaitRepo());
        h.put("newRepo", new NewRepo());
        if (s.topdir() != null) {
            // createrepo_c reads the packages in place, as kojid does on its /mnt/koji mount.
            h.put("createrepo", new CreateRepo(s.topdir(), s.workRoot()));
        }
        return Map.copyOf(h);
    }
}
