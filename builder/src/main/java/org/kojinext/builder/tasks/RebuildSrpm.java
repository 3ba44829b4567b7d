package org.kojinext.builder.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kojinext.builder.Commands;
import org.kojinext.builder.HubFiles;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.buildroot.BuildrootFactory;
import org.kojinext.builder.buildroot.BuildrootProvider;
import org.kojinext.builder.buildroot.BuildrootRecord;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiArches;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's rebuildSRPM(srpm, build_tag, opts), weight 1.0: an uploaded SRPM is unpacked and built
 * again in a buildroot of the build tag, so that what gets imported was made there. The result's
 * name must still be N-V-R.src.rpm of its own header. Returns {srpm, logs, brootid, source}.
 */
public final class RebuildSrpm implements TaskHandler {
    private final HubFiles files;
    private final BuildrootFactory buildroots;
    private final Path workRoot;

    public RebuildSrpm(HubFiles files, BuildrootFactory buildroots, Path workRoot) {
        this.files = files;
        this.buildroots = buildroots;
        this.workRoot = workRoot;
    }

    @Override
    public double weight() {
        return 1.0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object run(TaskContext task, List<Object> args) throws Exception {
        if (args.size() < 2 || !(args.get(0) instanceof String srpmPath)) {
            throw KojiFault.parameter("rebuildSRPM needs an srpm and a build tag");
        }
        Map<String, Object> opts = args.size() > 2 && args.get(2) instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        if (!(opts.get("repo_id") instanceof Number repoNumber)) {
            throw new KojiFault(FaultCode.BUILD, "A repo id must be provided");
        }
        int repoId = repoNumber.intValue();
        Map<String, Object> repo = (Map<String, Object>) task.session().callKw("repoInfo", List.of(repoId),
                Map.of("strict", true));
        String arch = KojiArches.machine();
        BuildrootProvider buildroot = null;
        List<Path> logs = new ArrayList<>();
        try (TaskWork work = TaskWork.open(task, workRoot);
             BuildrootRecord record = BuildrootRecord.open(task, repoId, arch)) {
            try {
                buildroot = buildroots.create(new BuildrootFactory.Spec((String) repo.get("tag_name"), repoId,
                        record.id(), arch, files.topurl().toString()));
                Path input = files.fetch("work/" + srpmPath, work.resolve("input"));
                logs.add(work.resolve("unpack.log"));
                Path unpacked = unpack(input, work.resolve("unpacked"), work.resolve("unpack.log"));
                buildroot.prepare(work.resolve("buildroot"));
                record.state("BUILDING");
                BuildrootProvider.Output out;
                try {
                    out = buildroot.buildSrpm(spec(unpacked), unpacked.resolve("SOURCES"));
                } catch (KojiFault f) {
                    logs.addAll(TaskWork.logsUnder(work.resolve("buildroot")));
                    throw f;
                }
                logs.addAll(out.logs());
                Path srpm = out.srpm();
                SrpmHeader h = SrpmHeader.read(srpm, work.dir());
                String expected = h.name() + "-" + h.version() + "-" + h.release() + ".src.rpm";
                if (!expected.equals(srpm.getFileName().toString())) {
                    throw new KojiFault(FaultCode.BUILD, "srpm name mismatch: " + expected + " != "
                            + srpm.getFileName());
                }
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("source", expected);
                source.put("url", expected);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("srpm", work.upload(srpm, expected));
                result.put("logs", work.uploadLogs(logs));
                result.put("brootid", record.id());
                result.put("source", source);
                return result;
            } catch (Exception e) {
                work.uploadLogsQuietly(logs);
                throw e;
            } finally {
                if (buildroot != null) {
                    buildroot.cleanup();
                }
            }
        }
    }

    /** rpm -i of a source package into a topdir of its own: its spec and sources, nothing installed. */
    private static Path unpack(Path srpm, Path topdir, Path log) throws IOException, InterruptedException {
        Files.createDirectories(topdir);
        int rc = Commands.run(List.of("rpm", "-i", "--nosignature", "--nodigest", "--define", "_topdir " + topdir,
                srpm.toString()), topdir, Map.of("PATH", Commands.SAFE_PATH, "HOME", topdir.toString(),
                "LC_ALL", "C.UTF-8"), log, Duration.ofMinutes(10));
        if (rc != 0) {
            throw new KojiFault(FaultCode.BUILD, "cannot unpack " + srpm.getFileName() + ": " + Commands.tail(log, 3));
        }
        // A package without sources unpacks no SOURCES directory; the build still names one.
        Files.createDirectories(topdir.resolve("SOURCES"));
        return topdir;
    }

    private static Path spec(Path topdir) throws IOException {
        try (Stream<Path> s = Files.list(topdir.resolve("SPECS"))) {
            List<Path> specs = s.filter(p -> p.toString().endsWith(".spec")).toList();
            if (specs.size() != 1) {
                throw new KojiFault(FaultCode.BUILD, "expected one spec file in the srpm, found " + specs.size());
            }
            return specs.get(0);
        }
    }

}
