package org.kojinext.builder.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.builder.scm.ScmUrl;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's chainbuild(srcs, target, opts), weight 0.1: builds each level of srcs (SCM URLs, or
 * N-V-Rs already built) as build subtasks, and starts a level only when a repo of the build tag
 * holds everything the levels before it made.
 */
public final class ChainBuild implements TaskHandler {
    @Override
    public double weight() {
        return 0.1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object run(TaskContext task, List<Object> args) {
        if (args.size() < 2 || !(args.get(0) instanceof List<?> levels)) {
            throw KojiFault.parameter("chainbuild needs a list of build levels and a target");
        }
        Object target = args.get(1);
        Map<String, Object> opts = args.size() > 2 && args.get(2) instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        if (BuildTask.truthy(opts.get("scratch"))) {
            throw new KojiFault(FaultCode.BUILD, "--scratch is not allowed with chain-builds");
        }
        Map<String, Object> targetInfo = (Map<String, Object>) task.session().call("getBuildTarget", target);
        if (targetInfo == null) {
            throw KojiFault.generic("unknown build target: " + target);
        }
        List<Object> nvrs = new ArrayList<>();
        for (int level = 0; level < levels.size(); level++) {
            if (!nvrs.isEmpty()) {
                List<Object> waitArgs = new ArrayList<>();
                waitArgs.add(targetInfo.get("build_tag_name"));
                waitArgs.add(null);
                waitArgs.add(new ArrayList<>(nvrs));
                int wait = BuildTask.subtask(task, "waitrepo", waitArgs, "wait " + level, "noarch");
                task.waitAll(List.of(wait), null);
            }
            nvrs.clear();
            List<Integer> builds = new ArrayList<>();
            List<?> srcs = (List<?>) levels.get(level);
            for (int i = 0; i < srcs.size(); i++) {
                String src = String.valueOf(srcs.get(i));
                if (ScmUrl.SCHEMES.stream().anyMatch(src::startsWith)) {
                    builds.add(BuildTask.subtask(task, "build", List.of(src, target, opts), "build " + level + "," + i,
                            "noarch"));
                } else {
                    nvrs.add(src);
                }
            }
            if (!builds.isEmpty()) {
                task.waitAll(builds, null);
            }
            for (int build : builds) {
                List<Map<String, Object>> made = (List<Map<String, Object>>) task.session().callKw("listBuilds",
                        List.of(), Map.of("taskID", build));
                if (!made.isEmpty()) {
                    nvrs.add(made.get(0).get("nvr"));
                }
            }
        }
        return null;
    }
}
