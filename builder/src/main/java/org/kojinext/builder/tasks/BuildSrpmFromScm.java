package org.kojinext.builder.tasks;

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
        List<Path> logs = new ArrayList<>();
        // Koji records the buildroot the SRPM is made in, against the repo the build task chose.
        Object repoId = args.size() > 2 && args.get(2) instanceof Map<?, ?> opts ? opts.get("repo_id") : null;
        String brArch = KojiArches.machine();
        BuildrootRecord record = null;
        BuildrootProvider buildroot = null;
        try (TaskWork work = TaskWork.open(task, workRoot)) {
            try {
                String tagName = String.valueOf(args.size() > 1 ? args.get(1) : null);
                if (repoId instanceof Number n) {
                    record = BuildrootRecord.open(task, n.intValue(), brArch);
                    tagName = String.valueOf(((Map<?, ?>) task.session().call("repoInfo", repoId)).get("tag_name"));
                }
                buildroot = buildroots.create(new BuildrootFactory.Spec(tagName,
                        repoId instanceof Number n ? n.intValue() : null, record == null ? null : record.id(), brArch,
                        topurl));
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
                    logs.addAll(TaskWork.logsUnder(work.resolve("buildroot")));
                    throw f;
                }
                logs.addAll(out.logs());
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("source", checkout.source());
                source.put("url", text);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("srpm", work.upload(out.srpm()));
                result.put("logs", work.uploadLogs(logs));
                result.put("brootid", record == null ? null : record.id());
                result.put("source", source);
                return result;
            } catch (Exception e) {
                work.uploadLogsQuietly(logs);
                throw e;
            } finally {
                if (record != null) {
                    record.close();
                }
                if (buildroot != null) {
                    buildroot.cleanup();
                }
            }
        }
    }

}
