package org.kojinext.hub.api;

import org.kojinext.hub.rpc.Access;
import org.kojinext.hub.rpc.ApiModule;
import org.kojinext.hub.rpc.Args;
import org.kojinext.hub.rpc.CallContext;
import org.kojinext.hub.rpc.MethodRegistry;
import org.kojinext.hub.scheduler.Dispatch;
import org.kojinext.hub.scheduler.HostReports;
import org.kojinext.protocol.KojiFault;

/**
 * The calls a builder makes, Koji's HostExports under the "host." prefix. Each requires the
 * caller to be a host with an exclusive session (Access.host()), and acts for that host only.
 */
public final class HostCallsApi implements ApiModule {
    private final Dispatch dispatch;

    public HostCallsApi(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public void register(MethodRegistry.Declarer m) {
        m.method("host.getID")
                .access(Access.host())
                .doc("The id of the calling host.")
                .handler((ctx, a) -> ctx.requireHost());
        m.method("host.updateHost").param("task_load").param("ready").param("data", null)
                .access(Access.host()).retryable()
                .doc("Report the host's task load and readiness; data ({methods, maxjobs}) goes to the scheduler.")
                .handler(this::updateHost);
        m.method("host.setHostData").param("hostdata")
                .access(Access.host())
                .doc("Provide host data for the scheduler (a dict, or its JSON text as older builders send).")
                .handler((ctx, a) -> {
                    HostReports.setData(ctx.db(), ctx.requireHost(), a.get("hostdata"));
                    return null;
                });
    }

    private Object updateHost(CallContext ctx, Args a) {
        int host = ctx.requireHost();
        HostReports.update(ctx.db(), host, number(a.get("task_load"), "task_load"), a.bool("ready"));
        if (a.get("data") != null) {
            HostReports.setData(ctx.db(), host, a.get("data"));
        }
        return null;
    }

    static double number(Object v, String name) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                // reported below, as Koji's float() would
            }
        }
        throw KojiFault.parameter("Invalid value for " + name + ": " + v);
    }
}
