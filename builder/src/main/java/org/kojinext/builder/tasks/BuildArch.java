package org.kojinext.builder.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Koji's buildArch(pkg, root, arch, keep_srpm, opts), weight 1.5: rebuilds the SRPM for one arch
 * in a fresh buildroot and uploads the rpms (and, with keep_srpm, the SRPM) and logs to the task's
 * directory. Returns Koji's {rpms, srpms, logs, brootid}. A failure uploads the logs anyway and
 * names where build.log can be read.
 */
public final class BuildArch implements TaskHandler {
    private final HubFiles files;
    private final BuildrootFactory buildroots;
    private final Path workRoot;

    public BuildArch(HubFiles files, BuildrootFactory buildroots, Path workRoot) {
        this.files = files;
        this.buildroots = buildroots;
        this.workRoot = workRoot;
    }

    @Override
    public double weight() {
        return 1.5;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object run(TaskContext task, List<Object> args) throws Exception {
        if (args.size() < 4 || !(args.get(0) instanceof String pkg) || !(args.get(2) instanceof String arch)) {
            throw KojiFault.parameter("buildArch needs pkg, root, arch and keep_srpm");
        }
        boolean keepSrpm = BuildTask.truthy(args.get(3));
        Map<String, Object> opts = args.size() > 4 && args.get(4) instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        if (opts.get("repo_id") == null) {
            throw new KojiFault(FaultCode.BUILD, "A repo id must be provided");
        }
        Map<String, Object> repo = (Map<String, Object>) task.session().callKw("repoInfo", List.of(opts.get("repo_id")),
                Map.of("strict", true));
        int repoId = ((Number) opts.get("repo_id")).intValue();
        BuildrootProvider buildroot = null;
        List<Path> logs = new ArrayList<>();
        // A noarch build runs in a buildroot of this host's arch, as kojid's find_arch picks.
        String brArch = arch.equals("noarch") ? KojiArches.machine() : KojiArches.canon(arch);
        try (TaskWork work = TaskWork.open(task, workRoot);
             BuildrootRecord record = BuildrootRecord.open(task, repoId, brArch)) {
            try {
                buildroot = buildroots.create(new BuildrootFactory.Spec((String) repo.get("tag_name"), repoId,
                        record.id(), brArch, files.topurl().toString()));
                Path srpm = files.fetch("work/" + pkg, work.resolve("srpm"));
                SrpmHeader h = SrpmHeader.read(srpm, work.dir());
                if (!h.sourcePackage()) {
                    throw new KojiFault(FaultCode.BUILD, "not a source package");
                }
                record.state("WAITING");
                buildroot.prepare(work.resolve("buildroot"));
                record.state("BUILDING");
                BuildrootProvider.Output out;
                try {
                    out = buildroot.rebuild(srpm, arch);
                } catch (KojiFault f) {
                    logs.addAll(TaskWork.logsUnder(work.resolve("buildroot")));
                    throw f;
                }
                logs.addAll(out.logs());
                Map<String, Object> result = new LinkedHashMap<>();
                List<Object> rpms = new ArrayList<>();
                for (Path rpm : out.rpms()) {
                    rpms.add(work.upload(rpm));
                }
                List<Object> srpms = new ArrayList<>();
                if (keepSrpm) {
                    // mock leaves the SRPM it rebuilt; rpmbuild --rebuild does not, so the input is kept.
                    List<Path> made = out.srpms().isEmpty() ? List.of(srpm) : out.srpms();
                    if (made.size() > 1) {
                        throw new KojiFault(FaultCode.BUILD, "multiple srpm files found for task " + task.id());
                    }
                    srpms.add(work.upload(made.get(0)));
                }
                result.put("rpms", rpms);
                result.put("srpms", srpms);
                result.put("logs", work.uploadLogs(logs));
                result.put("brootid", record.id());
                return result;
            } catch (KojiFault f) {
                List<Object> sent = work.uploadLogsQuietly(logs);
                String where = sent.stream().map(String::valueOf).filter(p -> p.endsWith("/build.log")).findFirst()
                        .map(p -> "; build log: " + files.url("work/" + p)).orElse("");
                throw new KojiFault(f.code(), f.getMessage() + where);
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
}
