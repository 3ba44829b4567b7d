package org.kojinext.builder.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.builder.TaskContext;
import org.kojinext.builder.TaskHandler;
import org.kojinext.protocol.KojiArgs;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;

/**
 * Koji's newRepo(tag, event=None, src=None, debuginfo=None, separate_src=None, opts=None),
 * weight 0.1: host.repoInit writes the repository's package lists on the hub, one createrepo
 * subtask per arch (labelled by arch) makes its repodata, and host.repoDone moves their uploads
 * into place and marks the repository READY. Returns [repo_id, event_id].
 *
 * <p>Not done as kojid does: reusing an older repository's repodata (createrepo_update,
 * copy_old_repodata).
 */
public final class NewRepo implements TaskHandler {
    @Override
    public double weight() {
        return 0.1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object run(TaskContext task, List<Object> args) {
        if (args.isEmpty()) {
            throw KojiFault.parameter("newRepo needs a tag");
        }
        Object event = arg(args, 1);
        Object opts = arg(args, 5);
        // The older flags, as kojid reads them: each given one becomes an option.
        Map<String, Object> legacy = new LinkedHashMap<>();
        String[] names = {"src", "debuginfo", "separate_src"};
        for (int i = 0; i < names.length; i++) {
            Object v = arg(args, 2 + i);
            if (v != null) {
                legacy.put(names[i], KojiArgs.truthy(v));
            }
        }
        if (!legacy.isEmpty()) {
            if (opts != null) {
                throw KojiFault.parameter("opts parameter cannot be combined with legacy options");
            }
            opts = legacy;
        }
        KojiClient hub = task.session();
        Map<String, Object> getTagKw = new LinkedHashMap<>();
        getTagKw.put("strict", true);
        getTagKw.put("event", event);
        Map<String, Object> tinfo = (Map<String, Object>) hub.callKw("getTag", List.of(args.get(0)), getTagKw);
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("opts", opts);
        kw.put("task_id", task.id());
        if (event != null) {
            kw.put("event", event);
        }
        List<Object> init = (List<Object>) hub.callKw("host.repoInit", List.of(tinfo.get("id")), kw);
        int repoId = (Integer) init.get(0);
        Map<String, Object> repo = (Map<String, Object>) hub.callKw("repoInfo", List.of(repoId), Map.of("strict", true));
        boolean separateSrc = repo.get("opts") instanceof Map<?, ?> o && Boolean.TRUE.equals(o.get("separate_src"));
        Map<String, Integer> subtasks = new LinkedHashMap<>();
        for (String arch : RepoArches.of((String) tinfo.get("arches"), separateSrc)) {
            List<Object> sub = new ArrayList<>();
            sub.add(repoId);
            sub.add(arch);
            sub.add(null);
            subtasks.put(arch, task.subtask("createrepo", sub, arch));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (!subtasks.isEmpty()) {
            Map<Object, Object> results = new LinkedHashMap<>();
            for (Object pair : task.waitAll(new ArrayList<>(subtasks.values()), null)) {
                List<Object> p = (List<Object>) pair;
                results.put(p.get(0), p.get(1));
            }
            subtasks.forEach((arch, id) -> data.put(arch, results.get(id)));
        }
        hub.call("host.repoDone", repoId, data);
        return List.of(repoId, init.get(1));
    }

    private static Object arg(List<Object> args, int i) {
        return args.size() > i ? args.get(i) : null;
    }
}
