package org.kojinext.hub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.hub.tasks.PyInt;
import org.kojinext.hub.tasks.TaskOptions;
import org.kojinext.hub.tasks.TaskWriter;
import org.kojinext.protocol.KojiFault;

/**
 * The calls that start builds (Koji's build and chainBuild). They only make the parent task; the
 * builder that takes it does the work and checks the target, so a bad target fails the task, as
 * in Koji.
 */
public final class BuildingApi implements ApiModule {
    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("build").param("src").param("target").param("opts", null).param("priority", null)
                .param("channel", null)
                .access(Access.loggedIn())
                .doc("Build src (an SCM URL such as git+https://host/repo#ref, or an uploaded srpm path) for "
                        + "target. opts: scratch, skip_tag, wait_repo, repo_id, fail_fast, arch_override "
                        + "(scratch only)... priority raises the task's priority number by that much (only admins "
                        + "may lower it); channel defaults to 'default'. Returns the build task's id.")
                .handler((ctx, a) -> {
                    if (!(a.get("src") instanceof String src)) {
                        throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(a.get("src"))
                                + ": " + PyInt.pyType(a.get("src")) + ", expected type <class 'str'>");
                    }
                    return make(ctx, a, "build", src);
                });
        m.method("chainBuild").param("srcs").param("target").param("opts", null).param("priority", null)
                .param("channel", null)
                .access(Access.loggedIn())
                .doc("Build lists of sources in order: [[src, ...], [src, ...], ...]; each list is built, tagged "
                        + "and a new repo made before the next starts. Returns the chainbuild task's id.")
                .handler((ctx, a) -> {
                    if (!(a.get("srcs") instanceof List<?> srcs)) {
                        throw KojiFault.parameter("Invalid type for value " + PythonRepr.of(a.get("srcs"))
                                + ": " + PyInt.pyType(a.get("srcs")) + ", expected type <class 'list'>");
                    }
                    return make(ctx, a, "chainbuild", srcs);
                });
    }

    private static int make(CallContext ctx, Args a, String method, Object src) {
        ctx.requireSession();
        Object optsArg = a.get("opts");
        if (optsArg != null && !(optsArg instanceof Map)) {
            throw KojiFault.parameter("opts must be a struct, not " + PyInt.pyType(optsArg));
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        if (optsArg instanceof Map<?, ?> given) {
            given.forEach((k, v) -> opts.put(String.valueOf(k), v));
        }
        TaskOptions task = TaskOptions.none();
        Integer priority = a.get("priority") == null ? null : PyInt.convert(a.get("priority"));
        if (priority != null && priority != 0) {
            if (priority < 0 && !ctx.hasPerm("admin")) {
                throw KojiFault.notAllowed("only admins may create high-priority tasks");
            }
            task.priority(TaskOptions.PRIO_DEFAULT + priority);
        }
        Object channel = a.get("channel");
        if (channel != null && !"".equals(channel)) {
            task.channel(channel);
        }
        List<Object> args = new ArrayList<>();
        args.add(src);
        args.add(a.get("target"));
        args.add(opts);
        return TaskWriter.create(ctx, method, args, task);
    }
}
