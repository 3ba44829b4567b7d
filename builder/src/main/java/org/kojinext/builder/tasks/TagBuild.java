package org.kojinext.builder.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's tagBuild(tag_id, build_id, force=False, fromtag=None, ignore_success=False), weight 1.0:
 * the tagging that tagBuild, moveBuild and a build's last step ask for, done by host.tagBuild as
 * the task's owner, with host.tagNotification told either way.
 */
public final class TagBuild implements TaskHandler {
    @Override
    public double weight() {
        return 1.0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object run(TaskContext task, List<Object> args) {
        if (args.size() < 2) {
            throw KojiFault.parameter("tagBuild needs a tag and a build");
        }
        Object tag = args.get(0);
        Object build = args.get(1);
        boolean force = args.size() > 2 && BuildTask.truthy(args.get(2));
        Object fromtag = args.size() > 3 ? args.get(3) : null;
        boolean ignoreSuccess = args.size() > 4 && BuildTask.truthy(args.get(4));
        KojiClient s = task.session();
        Object owner = ((Map<String, Object>) s.call("getTaskInfo", task.id())).get("owner");
        try {
            s.callKw("getBuild", List.of(build), Map.of("strict", true));
            s.callKw("getTag", List.of(tag), Map.of("strict", true));
            Map<String, Object> kw = new LinkedHashMap<>();
            kw.put("force", force);
            kw.put("fromtag", fromtag);
            s.callKw("host.tagBuild", List.of(task.id(), tag, build), kw);
            notify(s, true, tag, fromtag, build, owner, ignoreSuccess, "");
            return null;
        } catch (KojiFault f) {
            try {
                notify(s, false, tag, fromtag, build, owner, ignoreSuccess, f.faultName() + ": " + f.getMessage());
            } catch (RuntimeException ignored) {
                // the tagging's own fault is what the task reports
            }
            throw f;
        }
    }

    private static void notify(KojiClient s, boolean ok, Object tag, Object fromtag, Object build, Object owner,
                               boolean ignoreSuccess, String message) {
        java.util.ArrayList<Object> args = new java.util.ArrayList<>(List.of(ok, tag));
        args.add(fromtag);
        args.add(build);
        args.add(owner);
        args.add(ignoreSuccess);
        args.add(message);
        s.call("host.tagNotification", args.toArray());
    }
}
