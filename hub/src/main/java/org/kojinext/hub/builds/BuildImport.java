package org.kojinext.hub.builds;

import static org.kojinext.hub.db.jooq.Tables.BTYPE;
import static org.kojinext.hub.db.jooq.Tables.BUILD;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.kojinext.hub.buildroots.BuildrootStore;
import org.kojinext.hub.buildroots.BuildrootWriter;
import org.kojinext.hub.db.ExtraJson;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.rpm.RpmFormatException;
import org.kojinext.hub.rpm.RpmInfo;
import org.kojinext.hub.rpm.RpmReader;
import org.kojinext.hub.storage.KojiPaths;
import org.kojinext.hub.storage.Volume;
import org.kojinext.hub.tasks.TaskStore;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiFault;

/**
 * The hub's side of an rpm build, as Koji's builder drives it: initBuild makes the BUILDING
 * build, completeBuild imports the uploaded srpm, rpms and logs into it (Koji's import_build),
 * failBuild gives up on it. Each call acts only for a task the calling host holds open.
 *
 * <p>completeBuild is all or nothing. Files are renamed into packages/ before the call's
 * transaction commits (as Koji does), and any failure renames them back to the task directory
 * before the fault leaves, so a failed import keeps no row and no file and can be retried or
 * failed. Each rpm is read after its rename: the size and SHA-256 recorded are those of the bytes
 * packages/ now holds, which the uploading host can no longer change. The one gap: should the
 * commit itself fail after the handler returned, the files stay in packages/ without rows.
 */
public final class BuildImport {
    private BuildImport() {
    }

    /** Koji's host.initBuild: new_build in state BUILDING for the task, owned by the task's owner. */
    public static int initBuild(DSLContext db, int hostId, Map<String, Object> data, int event) {
        if (!(data.get("task_id") instanceof Integer taskId)) {
            throw KojiFault.generic("initBuild needs the task_id of an open task, got "
                    + PythonRepr.of(data.get("task_id")));
        }
        TaskWriter.assertHost(db, taskId, hostId);
        Integer owner = (Integer) TaskStore.require(db, taskId, false).get("owner");
        String name;
        if (data.get("pkg_id") != null) {
            name = PackageStore.resolve(db, data.get("pkg_id"), true).getName();
        } else if (data.get("name") instanceof String s && !s.isEmpty()) {
            name = s;
        } else {
            throw KojiFault.generic("No name or package id provided for build");
        }
        for (String f : List.of("version", "release", "epoch")) {
            if (!data.containsKey(f)) {
                throw KojiFault.generic("No " + f + " value for build");
            }
        }
        String version = text(data.get("version"), "version");
        String release = text(data.get("release"), "release");
        if (data.get("epoch") != null && !(data.get("epoch") instanceof Integer)) {
            throw KojiFault.generic("epoch must be an integer or None, got " + PythonRepr.of(data.get("epoch")));
        }
        Object source = data.get("source");
        if (source != null && !(source instanceof String)) {
            throw KojiFault.generic("source must be a string or None, got " + PythonRepr.of(source));
        }
        String extra = data.get("extra") == null ? null : ExtraJson.encode(data.get("extra"));
        NewBuild nb = new NewBuild(name, version, release, (Integer) data.get("epoch"), owner,
                KojiArgs.truthy(data.get("draft")), BuildState.BUILDING, taskId, (String) source, extra, 0);
        int id = BuildWriter.create(db, nb, event, owner);
        BuildWriter.ensureType(db, id, rpmType(db));
        return id;
    }

    /**
     * Koji's host.completeBuild / import_build. Returns the get_build struct of the now COMPLETE
     * build. {@code brmap} maps the paths as given to the buildroot each file was built in; a
     * buildroot must exist (as in Koji) and, in Koji Next, be one of this task's or its subtasks'.
     * Each rpm's signature header is recorded in rpmsigs and cached under data/sigcache/.
     */
    public static Map<String, Object> completeBuild(DSLContext db, Volume volume, int hostId, int taskId, int buildId,
                                                    Object srpm, Object rpms, Object brmap, Object logs) {
        TaskWriter.assertHost(db, taskId, hostId);
        if (!(srpm instanceof String)) {
            throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(srpm) + ": expected str");
        }
        if (!(rpms instanceof List<?> rpmList)) {
            throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(rpms) + ": expected list");
        }
        if (brmap != null && !(brmap instanceof Map)) {
            throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(brmap) + ": expected dict");
        }
        Map<?, ?> buildroots = brmap == null ? Map.of() : (Map<?, ?>) brmap;
        // The build first: a host completing the wrong build hears that, not a complaint about paths.
        Map<String, Object> build = lockBuilding(db, buildId, taskId);
        Map<String, List<String>> logPaths = TaskFiles.logPaths(db, taskId, logs);
        List<TaskFile> files = new ArrayList<>();
        files.add(new TaskFile(srpm, TaskFiles.resolve(db, taskId, srpm)));
        for (Object r : rpmList) {
            files.add(new TaskFile(r, TaskFiles.resolve(db, taskId, r)));
        }
        files = dropNoarchDuplicates(files);
        checkBuildroots(db, taskId, buildroots);

        FileMoves moves = new FileMoves(volume);
        String buildDir = KojiPaths.buildDir((String) build.get("name"), (String) build.get("version"),
                (String) build.get("release"));
        // packages/N and packages/N/V that this import creates go too if it fails.
        List<String> newParents = moves.missing(List.of(parent(parent(buildDir)), parent(buildDir)));
        try {
            List<RpmInfo> infos = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                String from = files.get(i).path();
                String base = TaskFiles.basename(from);
                String to = buildDir + "/" + KojiPaths.part(Nvra.parse(base).arch()) + "/" + KojiPaths.part(base);
                moves.move(from, to, shown(from), "Error importing archive file");
                RpmInfo info = read(volume, to, from);
                check(build, info, base, shown(from), i == 0);
                infos.add(info);
            }
            for (int i = 0; i < files.size(); i++) {
                RpmInfo info = infos.get(i);
                Map<String, Object> rpm = RpmWriter.importInfo(db, buildId, header(info),
                        (Integer) buildroots.get(files.get(i).given()));
                RpmSigs.add(db, moves, buildDir, (Integer) rpm.get("id"), info);
            }
            String logDir = buildDir + "/data/logs";
            logPaths.forEach((arch, paths) -> {
                String dir = arch.isEmpty() ? logDir : logDir + "/" + KojiPaths.part(arch);
                for (String from : paths) {
                    moves.move(from, dir + "/" + KojiPaths.part(TaskFiles.basename(from)), shown(from),
                            "Error importing build log");
                }
            });
            db.update(BUILD)
                    .set(BUILD.STATE, BuildState.COMPLETE.code())
                    .set(BUILD.COMPLETION_TIME, BuildStore.now())
                    .set(BUILD.VOLUME_ID, 0)
                    .where(BUILD.ID.eq(buildId))
                    .execute();
        } catch (RuntimeException e) {
            moves.undo(e);
            moves.removeIfEmpty(buildDir, e);
            for (String dir : newParents.reversed()) {
                moves.removeIfEmpty(dir, e);
            }
            throw e;
        }
        return BuildStore.byId(db, buildId);
    }

    /** A file named in completeBuild: the path as the builder gave it (brmap's key) and in the volume. */
    private record TaskFile(Object given, String path) {
    }

    /**
     * import_build's check of brmap: every buildroot named exists (None means none, as in Koji).
     * Koji Next also requires it to be a buildroot of this task or one of its subtasks, so a host
     * cannot attach its build to buildroots it did not build in.
     */
    private static void checkBuildroots(DSLContext db, int taskId, Map<?, ?> brmap) {
        for (Object v : new LinkedHashSet<>(brmap.values())) {
            if (v == null) {
                continue;
            }
            int id = BuildrootStore.requireExists(db, v);
            Integer owner = BuildrootWriter.taskOf(db, id);
            if (owner == null || !TaskFiles.withinTask(db, owner, taskId)) {
                throw KojiFault.generic("buildroot " + id + " is not of task " + taskId + " or its subtasks");
            }
        }
    }

    /**
     * Koji's host.failBuild: a BUILDING build without a completion time becomes FAILED. Koji Next
     * also refuses a build of another task, which Koji does not check.
     */
    public static void failBuild(DSLContext db, int hostId, int taskId, int buildId) {
        TaskWriter.assertHost(db, taskId, hostId);
        Record row = db.select(BUILD.STATE, BUILD.COMPLETION_TIME, BUILD.TASK_ID).from(BUILD)
                .where(BUILD.ID.eq(buildId)).forUpdate().fetchOne();
        if (row == null) {
            throw KojiFault.generic("No such build: " + buildId);
        }
        if (row.get(BUILD.STATE) != BuildState.BUILDING.code()) {
            throw KojiFault.generic("cannot update build " + buildId + ", state: "
                    + BuildState.of(row.get(BUILD.STATE)));
        }
        OffsetDateTime done = row.get(BUILD.COMPLETION_TIME);
        if (done != null) {
            throw KojiFault.generic("cannot update build " + buildId + ", completed at " + done);
        }
        if (!Objects.equals(row.get(BUILD.TASK_ID), taskId)) {
            throw KojiFault.notAllowed("build " + buildId + " belongs to task "
                    + PythonRepr.str(row.get(BUILD.TASK_ID)) + ", not " + taskId);
        }
        db.update(BUILD)
                .set(BUILD.STATE, BuildState.FAILED.code())
                .set(BUILD.COMPLETION_TIME, BuildStore.now())
                .where(BUILD.ID.eq(buildId))
                .execute();
    }

    /** The build, row-locked against a concurrent complete or fail, checked as import_build checks it. */
    private static Map<String, Object> lockBuilding(DSLContext db, int buildId, int taskId) {
        db.select(BUILD.ID).from(BUILD).where(BUILD.ID.eq(buildId)).forUpdate().fetchOne();
        Map<String, Object> build = BuildStore.resolve(db, buildId, true);
        if (!Objects.equals(build.get("task_id"), taskId)) {
            throw mismatch("task_id", build.get("task_id"), taskId);
        }
        if ((Integer) build.get("state") != BuildState.BUILDING.code()) {
            throw KojiFault.generic("Unable to complete build: state is " + BuildState.of((Integer) build.get("state")));
        }
        return build;
    }

    /**
     * import_build's checks of the srpm against the build, then import_rpm's of every file: its
     * name is what its header says, and it comes from the build's srpm.
     */
    private static void check(Map<String, Object> build, RpmInfo info, String base, String shown, boolean isSrpm) {
        if (isSrpm) {
            if (!"src".equals(info.arch())) {
                throw KojiFault.generic("not a source package: " + shown);
            }
            String target = RpmWriter.targetRelease(build);
            if (!info.name().equals(build.get("name"))) {
                throw mismatch("name", build.get("name"), info.name());
            }
            if (!info.version().equals(build.get("version"))) {
                throw mismatch("version", build.get("version"), info.version());
            }
            if (!info.release().equals(target)) {
                throw mismatch("release", build.get("release"), info.release());
            }
            if (!Objects.equals(info.epoch(), build.get("epoch"))) {
                throw mismatch("epoch", build.get("epoch"), info.epoch());
            }
        }
        String expected = info.name() + "-" + info.version() + "-" + info.release() + "." + info.arch() + ".rpm";
        if (!base.equals(expected)) {
            throw KojiFault.generic("bad filename: " + base + " (expected " + expected + ")");
        }
        String srpmName = build.get("name") + "-" + build.get("version") + "-" + RpmWriter.targetRelease(build)
                + ".src.rpm";
        String actual = "src".equals(info.arch()) ? base : info.sourcerpm();
        if (!srpmName.equals(actual)) {
            throw KojiFault.generic("srpm mismatch for " + shown + ": " + PythonRepr.str(actual)
                    + " (expected " + srpmName + ")");
        }
    }

    private static KojiFault mismatch(String key, Object build, Object rpm) {
        return KojiFault.generic("Unable to complete build: " + key + " mismatch (build: " + PythonRepr.str(build)
                + ", rpm: " + PythonRepr.str(rpm) + ")");
    }

    private static RpmInfo read(Volume volume, String path, String from) {
        try (InputStream in = volume.openRead(path, 0)) {
            return RpmReader.read(in);
        } catch (RpmFormatException e) {
            throw KojiFault.generic("Invalid rpm " + shown(from) + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /** What RpmWriter.importInfo records, from the header just read. */
    static Map<String, Object> header(RpmInfo info) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", info.name());
        h.put("version", info.version());
        h.put("release", info.release());
        h.put("epoch", info.epoch());
        h.put("arch", info.arch());
        h.put("payloadhash", info.payloadhash());
        h.put("size", info.size());
        h.put("buildtime", info.buildtime());
        h.put("sha256", info.sha256());
        return h;
    }

    /**
     * Koji's check_noarch_rpms keeps the first of several noarch rpms with one file name (each
     * arch's buildArch task makes them). Koji then rpmdiffs the dropped ones against it; Koji
     * Next does not compare them yet.
     */
    private static List<TaskFile> dropNoarchDuplicates(List<TaskFile> files) {
        Set<String> seen = new LinkedHashSet<>();
        List<TaskFile> out = new ArrayList<>();
        for (TaskFile f : files) {
            String base = TaskFiles.basename(f.path());
            if (base.endsWith(".noarch.rpm") && !seen.add(base)) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static int rpmType(DSLContext db) {
        return db.select(BTYPE.ID).from(BTYPE).where(BTYPE.NAME.eq("rpm")).fetchSingle(BTYPE.ID);
    }

    /** A work path as the builder named it, relative to the work directory. */
    private static String shown(String volumePath) {
        return volumePath.substring(KojiPaths.WORK.length() + 1);
    }

    private static String text(Object v, String field) {
        if (!(v instanceof String s) || s.isEmpty()) {
            throw KojiFault.generic("No " + field + " value for build");
        }
        return s;
    }
}
