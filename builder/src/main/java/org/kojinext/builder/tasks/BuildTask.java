package org.kojinext.builder.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kojinext.builder.HubFiles;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.scm.ScmUrl;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiArches;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's parent build task, build(src, target, opts), weight 0.2: finds the target and a repo of
 * its build tag (waiting for one in a waitrepo subtask), gets the SRPM (buildSRPMFromSCM subtask
 * for an SCM URL; rebuildSRPM for an uploaded one unless the tag's rebuild_srpm is off), opens
 * the build, runs one buildArch subtask
 * per arch, imports the result with host.completeBuild, and tags it with a tagBuild subtask.
 * Any failure after the build is opened marks it FAILED. A scratch build opens no build: its
 * files go to the owner's scratch directory and nothing is tagged.
 */
public final class BuildTask implements TaskHandler {
    private final HubFiles files;
    private final Path workRoot;

    public BuildTask(HubFiles files, Path workRoot) {
        this.files = files;
        this.workRoot = workRoot;
    }

    @Override
    public double weight() {
        return 0.2;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object run(TaskContext task, List<Object> args) throws Exception {
        if (args.size() < 2 || !(args.get(0) instanceof String src)) {
            throw KojiFault.parameter("build needs a source and a target");
        }
        Object target = args.get(1);
        Map<String, Object> opts = args.size() > 2 && args.get(2) instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        boolean scratch = truthy(opts.get("scratch"));
        if (truthy(opts.get("arch_override")) && !scratch) {
            throw new KojiFault(FaultCode.BUILD, "arch_override is only allowed for scratch builds");
        }
        KojiClient s = task.session();
        Map<String, Object> repo = null;
        Integer event = null;
        if (opts.get("repo_id") != null) {
            repo = (Map<String, Object>) s.call("repoInfo", opts.get("repo_id"));
            if (repo == null) {
                throw new KojiFault(FaultCode.BUILD, "No such repo: " + opts.get("repo_id"));
            }
            int state = (Integer) repo.get("state");
            if (state != 1 && state != 2) {
                throw new KojiFault(FaultCode.BUILD, "Bad repo: " + repo.get("id") + " (" + repoState(state) + ")");
            }
            event = (Integer) repo.get("create_event");
        }
        Map<String, Object> targetInfo = target == null ? null
                : (Map<String, Object>) s.callKw("getBuildTarget", List.of(target), eventKw(event));
        int buildTag;
        int destTag;
        String destTagName;
        if (targetInfo != null) {
            buildTag = (Integer) targetInfo.get("build_tag");
            destTag = (Integer) targetInfo.get("dest_tag");
            destTagName = (String) targetInfo.get("dest_tag_name");
            if (repo != null && !repo.get("tag_id").equals(buildTag)) {
                throw new KojiFault(FaultCode.BUILD, "Repo/Target mismatch: " + repo.get("tag_name") + "/"
                        + targetInfo.get("build_tag_name"));
            }
        } else {
            throw KojiFault.generic("unknown build target: " + target);
        }
        boolean skipTag = truthy(opts.get("skip_tag")) || scratch;
        if (repo == null) {
            repo = WaitRepo.getRepo(task, buildTag, truthy(opts.get("wait_repo")) ? "last" : null);
            event = (Integer) ((Map<String, Object>) s.call("getLastEvent")).get("id");
        }
        int repoId = (Integer) repo.get("id");

        Map<String, Object> source = null;
        String srpm;
        if (isScm(src)) {
            Map<String, Object> subOpts = new LinkedHashMap<>();
            subOpts.put("repo_id", repoId);
            subOpts.put("scratch", opts.get("scratch"));
            int sub = subtask(task, "buildSRPMFromSCM", List.of(src, buildTag, subOpts), "srpm", "noarch");
            Map<String, Object> result = (Map<String, Object>) resultOf(task.waitAll(List.of(sub), null), sub);
            source = (Map<String, Object>) result.get("source");
            srpm = (String) result.get("srpm");
        } else if (rebuildSrpm(s, buildTag, event, opts, scratch)) {
            Map<String, Object> subOpts = new LinkedHashMap<>();
            subOpts.put("repo_id", repoId);
            subOpts.put("scratch", opts.get("scratch"));
            int sub = subtask(task, "rebuildSRPM", List.of(src, buildTag, subOpts), "srpm", "noarch");
            Map<String, Object> result = (Map<String, Object>) resultOf(task.waitAll(List.of(sub), null), sub);
            source = (Map<String, Object>) result.get("source");
            srpm = (String) result.get("srpm");
        } else {
            srpm = src;
        }
        try (TaskWork work = TaskWork.open(task, workRoot)) {
            SrpmHeader h = SrpmHeader.read(files.fetch("work/" + srpm, work.dir()), work.dir());
            if (!h.sourcePackage()) {
                throw new KojiFault(FaultCode.BUILD, srpm + " is not a source package");
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", h.name());
            data.put("version", h.version());
            data.put("release", h.release());
            data.put("epoch", h.epoch());
            data.put("task_id", task.id());
            if (source != null) {
                data.put("source", source.get("source"));
                data.put("extra", Map.of("source", Map.of("original_url", source.get("url"))));
            }
            Map<String, Object> pkgCfg = (Map<String, Object>) s.callKw("getPackageConfig", List.of(destTag, h.name()),
                    eventKw(event));
            if (!skipTag) {
                if (pkgCfg == null) {
                    throw new KojiFault(FaultCode.BUILD, "package " + h.name() + " not in list for tag " + destTagName);
                }
                if (truthy(pkgCfg.get("blocked"))) {
                    throw new KojiFault(FaultCode.BUILD, "package " + h.name() + " is blocked for tag " + destTagName);
                }
            }
            String extraArches = pkgCfg == null ? null : (String) pkgCfg.get("extra_arches");
            Map<String, Object> buildConfig = (Map<String, Object>) s.callKw("getBuildConfig", List.of(buildTag),
                    eventKw(event));
            List<String> archlist = archList(buildConfig, h, extraArches);
            if (scratch && opts.get("arch_override") instanceof String override && !override.isBlank()) {
                archlist = List.of(override.strip().split("\\s+"));
            }
            if (scratch) {
                Map<String, Object> done = runBuilds(task, srpm, buildTag, archlist, repoId);
                s.callKw("host.moveBuildToScratch", List.of(task.id(), done.get("srpm"), done.get("rpms")),
                        Map.of("logs", done.get("logs")));
                return null;
            }
            int buildId = (Integer) s.call("host.initBuild", data);
            try {
                Map<String, Object> done = runBuilds(task, srpm, buildTag, archlist, repoId);
                s.callKw("host.completeBuild", List.of(task.id(), buildId, done.get("srpm"), done.get("rpms")),
                        Map.of("brmap", done.get("brmap"), "logs", done.get("logs")));
            } catch (Exception e) {
                try {
                    s.call("host.failBuild", task.id(), buildId);
                } catch (RuntimeException ignored) {
                    // the build's own error is the one to report
                }
                throw e;
            }
            if (!skipTag) {
                List<Object> tagArgs = new ArrayList<>(List.of(destTag, buildId, false));
                tagArgs.add(null);
                tagArgs.add(true);
                int sub = subtask(task, "tagBuild", tagArgs, "tag", "noarch");
                task.waitAll(List.of(sub), null);
            }
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runBuilds(TaskContext task, String srpm, int buildTag, List<String> archlist,
                                          int repoId) {
        Map<String, Integer> subtasks = new LinkedHashMap<>();
        boolean keepSrpm = true;
        for (String arch : archlist) {
            String taskArch = arch.equals("noarch") ? "noarch" : KojiArches.canon(arch);
            subtasks.put(arch, subtask(task, "buildArch", List.of(srpm, buildTag, arch, keepSrpm,
                    Map.of("repo_id", repoId)), arch, taskArch));
            keepSrpm = false;
        }
        // Koji's failany (kojid's build_arch_can_fail is off by default): one failed arch ends the build.
        List<Object> results = task.waitAll(new ArrayList<>(subtasks.values()), null, true);
        List<Object> rpms = new ArrayList<>();
        Map<String, Object> brmap = new LinkedHashMap<>();
        Map<String, List<Object>> logs = new LinkedHashMap<>();
        String builtSrpm = null;
        for (Map.Entry<String, Integer> e : subtasks.entrySet()) {
            Map<String, Object> r = (Map<String, Object>) resultOf(results, e.getValue());
            Object brootid = r.get("brootid");
            for (Object fn : (List<Object>) r.get("rpms")) {
                rpms.add(fn);
                if (brootid != null) {
                    brmap.put((String) fn, brootid);
                }
            }
            for (Object fn : (List<Object>) r.get("logs")) {
                logs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(fn);
            }
            List<Object> srpms = (List<Object>) r.get("srpms");
            if (!srpms.isEmpty()) {
                if (builtSrpm != null) {
                    throw new KojiFault(FaultCode.BUILD, "multiple builds returned a srpm.  task " + task.id());
                }
                builtSrpm = (String) srpms.get(0);
                if (brootid != null) {
                    brmap.put(builtSrpm, brootid);
                }
            }
        }
        if (builtSrpm == null) {
            throw new KojiFault(FaultCode.BUILD, "could not find a built srpm");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("srpm", builtSrpm);
        out.put("rpms", rpms);
        out.put("brmap", brmap);
        out.put("logs", logs);
        return out;
    }

    /**
     * Koji's rule for an uploaded SRPM: rebuilt unless the build tag's extra rebuild_srpm is false;
     * a scratch build may say otherwise in its own opts.
     */
    @SuppressWarnings("unchecked")
    private static boolean rebuildSrpm(KojiClient s, int buildTag, Integer event, Map<String, Object> opts,
                                       boolean scratch) {
        Map<String, Object> config = (Map<String, Object>) s.callKw("getBuildConfig", List.of(buildTag), eventKw(event));
        Object extra = config.get("extra") instanceof Map<?, ?> e ? e.get("rebuild_srpm") : null;
        boolean rebuild = extra == null || truthy(extra);
        if (scratch && opts.get("rebuild_srpm") != null) {
            rebuild = truthy(opts.get("rebuild_srpm"));
        }
        return rebuild;
    }

    /** Koji's getArchList: the tag's arches narrowed by the SRPM's BuildArch/ExclusiveArch/ExcludeArch. */
    static List<String> archList(Map<String, Object> buildConfig, SrpmHeader h, String extraArches) {
        String arches = (String) buildConfig.get("arches");
        if (arches == null || arches.isBlank()) {
            throw new KojiFault(FaultCode.BUILD, "No arches for tag " + buildConfig.get("name") + " ["
                    + buildConfig.get("id") + "]");
        }
        Set<String> tagArches = new LinkedHashSet<>();
        for (String a : arches.strip().split("\\s+")) {
            tagArches.add(KojiArches.canon(a));
        }
        String all = extraArches == null || extraArches.isBlank() ? arches : arches + " " + extraArches;
        List<String> archlist = new ArrayList<>(List.of(all.strip().split("\\s+")));
        if (!h.buildArchs().isEmpty()) {
            archlist = new ArrayList<>(h.buildArchs());
        }
        if (!h.exclusiveArch().isEmpty()) {
            archlist.removeIf(a -> !h.exclusiveArch().contains(a));
        }
        if (!h.excludeArch().isEmpty()) {
            archlist.removeIf(h.excludeArch()::contains);
        }
        if (!h.excludeArch().contains("noarch")
                && (h.buildArchs().contains("noarch") || h.exclusiveArch().contains("noarch"))) {
            archlist.add("noarch");
        }
        Set<String> result = new LinkedHashSet<>();
        for (String a : archlist) {
            if (a.equals("noarch") || tagArches.contains(KojiArches.canon(a))) {
                result.add(a);
            }
        }
        if (result.isEmpty()) {
            throw new KojiFault(FaultCode.BUILD, "No matching arches were found");
        }
        return new ArrayList<>(result);
    }

    static int subtask(TaskContext task, String method, List<Object> args, String label, String arch) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("label", label);
        kw.put("arch", arch);
        kw.put("parent", task.id());
        return (Integer) task.session().callKw("host.subtask", List.of(method, args), kw);
    }

    /** One subtask's result out of host.taskWaitResults' [[id, result], ...]. */
    @SuppressWarnings("unchecked")
    static Object resultOf(List<Object> results, int id) {
        for (Object r : results) {
            List<Object> pair = (List<Object>) r;
            if (((Number) pair.get(0)).intValue() == id) {
                return pair.get(1);
            }
        }
        throw KojiFault.generic("no result for subtask " + id);
    }

    private static boolean isScm(String src) {
        return ScmUrl.SCHEMES.stream().anyMatch(src::startsWith);
    }

    private static Map<String, Object> eventKw(Integer event) {
        Map<String, Object> kw = new LinkedHashMap<>();
        if (event != null) {
            kw.put("event", event);
        }
        return kw;
    }

    static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v) && !"".equals(v) && !Integer.valueOf(0).equals(v);
    }

    private static String repoState(int state) {
        List<String> names = List.of("INIT", "READY", "EXPIRED", "DELETED", "PROBLEM");
        return state >= 0 && state < names.size() ? names.get(state) : String.valueOf(state);
    }

}
