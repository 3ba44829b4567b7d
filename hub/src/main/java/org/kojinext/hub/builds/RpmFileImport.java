package org.kojinext.hub.builds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.kojinext.hub.rpm.RpmFormatException;
import org.kojinext.hub.rpm.RpmInfo;
import org.kojinext.hub.rpm.RpmReader;
import org.kojinext.hub.storage.KojiPaths;
import org.kojinext.hub.storage.Volume;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's importRPM: an rpm uploaded to work/&lt;path&gt;/&lt;basename&gt; becomes part of a build,
 * the one its srpm names (an srpm makes its build, COMPLETE, when there is none yet). The file
 * is moved into the build's directory and its signature header recorded, as completeBuild does;
 * a failure moves it back.
 */
public final class RpmFileImport {
    private RpmFileImport() {
    }

    public static Map<String, Object> importRpm(DSLContext db, Volume volume, Object path, Object basename,
                                                int event, int userId) {
        if (!(path instanceof String p) || !(basename instanceof String base) || base.contains("/")) {
            throw KojiFault.parameter("path and basename must be strings, basename without '/'");
        }
        String from;
        try {
            from = volume.resolve(KojiPaths.WORK + "/" + p + "/" + base);
        } catch (IllegalArgumentException e) {
            throw KojiFault.generic("Invalid upload path: " + p + "/" + base);
        }
        RpmInfo info;
        try (InputStream in = volume.openRead(from, 0)) {
            info = RpmReader.read(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw KojiFault.generic("No such file: " + p + "/" + base);
        } catch (RpmFormatException e) {
            throw KojiFault.generic("Invalid rpm " + p + "/" + base + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String expected = info.name() + "-" + info.version() + "-" + info.release() + "." + info.arch() + ".rpm";
        if (!base.equals(expected)) {
            throw KojiFault.generic("bad filename: " + base + " (expected " + expected + ")");
        }
        Map<String, Object> build;
        if ("src".equals(info.arch())) {
            build = BuildStore.resolve(db, info.name() + "-" + info.version() + "-" + info.release(), false);
            if (build == null) {
                int id = BuildWriter.create(db, NewBuild.complete(info.name(), info.version(), info.release(),
                        info.epoch(), null, false), event, userId);
                build = BuildStore.byId(db, id);
            }
        } else {
            String srpm = info.sourcerpm() == null ? "" : info.sourcerpm().replaceFirst("\\.src\\.rpm$", "");
            build = srpm.isEmpty() ? null : BuildStore.resolve(db, srpm, false);
            if (build == null) {
                throw KojiFault.generic("No such build");
            }
        }
        String state = BuildState.of((Integer) build.get("state")).toString();
        if (List.of("FAILED", "CANCELED", "DELETED").contains(state)) {
            throw KojiFault.generic("Build is " + state + ": " + build.get("name") + "-" + build.get("version") + "-"
                    + build.get("release"));
        }
        String buildDir = KojiPaths.buildDir((String) build.get("name"), (String) build.get("version"),
                (String) build.get("release"));
        String to = buildDir + "/" + KojiPaths.part(info.arch()) + "/" + KojiPaths.part(base);
        FileMoves moves = new FileMoves(volume);
        try {
            moves.move(from, to, p + "/" + base, "Error importing RPM file");
            Map<String, Object> rpm = RpmWriter.importInfo(db, build.get("id"), BuildImport.header(info), null);
            RpmSigs.add(db, moves, buildDir, (Integer) rpm.get("id"), info);
            return rpm;
        } catch (RuntimeException e) {
            moves.undo(e);
            throw e;
        }
    }
}
