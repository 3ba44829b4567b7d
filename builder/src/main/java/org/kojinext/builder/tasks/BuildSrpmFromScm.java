package org.kojinext.builder.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.buildroot.BuildrootFactory;
import org.kojinext.builder.buildroot.BuildrootProvider;
import org.kojinext.builder.buildroot.BuildrootRecord;
import org.kojinext.builder.scm.AllowedScms;
import org.kojinext.builder.scm.GitCheckout;
import org.kojinext.builder.scm.ScmUrl;
import org.kojinext.protocol.KojiArches;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.Uploader;

/**
 * Koji's buildSRPMFromSCM(url, build_tag, opts=None), weight 1.0: the SCM URL is checked against
 * allowed_scms before anything is fetched, checked out at its ref, the SRPM built in a fresh
 * buildroot, and the SRPM and logs uploaded to the task's directory on the hub. Returns Koji's
 * {srpm, logs, brootid, source}. The logs are uploaded even when the build fails, so that the
 * failure can be read where Koji users look for it.
 */
public final class BuildSrpmFromScm implements TaskHandler {
    private final AllowedScms allowed;
    private final BuildrootFactory buildroots;
    private final Path workRoot;
    private final String topurl;

    /** @param workRoot where each task gets a directory of its own, removed when it ends */
    /** @param topurl the hub's files URL, for a mock config's repo */
    public BuildSrpmFromScm(AllowedScms allowed, BuildrootFactory buildroots, Path workRoot, String topurl) {
        this.allowed = allowed;
        this.buildroots = buildroots;
        this.workRoot = workRoot;
        this.topurl = topurl;
    }

    @Override
    public double weight() {
        return 1.0;
    }

    @Override
    public Object run(TaskContext task, List<Object> args) throws Exception {
        if (args.isEmpty() || !(args.get(0) instanceof String text)) {
            throw KojiFault.parameter("buildSRPMFromSCM needs an SCM URL");
        }
        ScmUrl url = ScmUrl.parse(text);
        allowed.check(url);
        Files.createDirectories(workRoot);
        Path work = Files.createTempDirectory(workRoot, "task-" + task.id() + "-");
        String uploadDir = "tasks/" + (task.id() % 10000) + "/" + task.id();
        Uploader uploader = new Uploader(task.session()).overwrite(true);
        List<Path> logs = new ArrayList<>();
        // Koji records the buildroot the SRPM is made in, against the repo the build task chose.
        Object repoId = args.size() > 2 && args.get(2) instanceof Map<?, ?> opts ? opts.get("repo_id") : null;
        String brArch = KojiArches.machine();
        BuildrootRecord record = repoId instanceof Number n ? BuildrootRecord.open(task, n.intValue(), brArch) : null;
        String tagName = String.valueOf(args.size() > 1 ? args.get(1) : null);
        if (record != null) {
            Object name = ((Map<?, ?>) task.session().call("repoInfo", repoId)).get("tag_name");
            tagName = String.valueOf(name);
        }
        BuildrootProvider buildroot = buildroots.create(new BuildrootFactory.Spec(tagName,
                repoId instanceof Number n ? n.intValue() : null, record == null ? null : record.id(), brArch, topurl));
        try {
            Path checkoutLog = work.resolve("checkout.log");
            logs.add(checkoutLog);
            GitCheckout.Result checkout = new GitCheckout().checkout(url, work.resolve("scm"), checkoutLog);
            buildroot.prepare(work.resolve("buildroot"));
            if (record != null) {
                record.state("BUILDING");
            }
            BuildrootProvider.Output out;
            try {
                out = buildroot.buildSrpm(checkout.specFile(), checkout.sourceDir());
            } catch (KojiFault f) {
                logs.addAll(logsOf(work.resolve("buildroot")));
                throw f;
            }
            logs.addAll(out.logs());
            Path srpm = out.srpm();
            String srpmName = srpm.getFileName().toString();
            uploader.upload(srpm, uploadDir, srpmName);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", checkout.source());
            source.put("url", text);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("srpm", uploadDir + "/" + srpmName);
            result.put("logs", upload(uploader, uploadDir, logs));
            result.put("brootid", record == null ? null : record.id());
            result.put("source", source);
            return result;
        } catch (Exception e) {
            try {
                upload(uploader, uploadDir, logs);
            } catch (RuntimeException ignored) {
                // the task fails with its own error; a log that cannot be sent must not hide it
            }
            throw e;
        } finally {
            if (record != null) {
                record.close();
            }
            buildroot.cleanup();
            deleteTree(work);
        }
    }

    private static List<Object> upload(Uploader uploader, String dir, List<Path> logs) {
        List<Object> names = new ArrayList<>();
        for (Path log : logs) {
            String name = log.getFileName().toString();
            if (Files.isRegularFile(log) && !names.contains(dir + "/" + name)) {
                uploader.upload(log, dir, name);
                names.add(dir + "/" + name);
            }
        }
        return names;
    }

    private static List<Path> logsOf(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir, 2)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p)).toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
