package org.kojinext.hub.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kojinext.hub.auth.Session;
import org.kojinext.hub.db.Tx;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls against the registry: finds the declaration, enforces its access rule, binds the
 * arguments and invokes the handler. Multicalls run each call in its own savepoint.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** Methods that must work while another session holds the user's exclusive lock. */
    private static final Set<String> LOCK_EXEMPT = Set.of("exclusiveSession", "login", "logout");
    public static final Set<String> MULTICALL_NAMES = Set.of("multiCall", "system.multicall");

    private final MethodRegistry registry;

    public Dispatcher(MethodRegistry registry) {
        this.registry = registry;
    }

    public MethodRegistry registry() {
        return registry;
    }

    /** Whether the named method may repeat a callnum (false for unknown names). */
    public boolean retryable(String method) {
        MethodSpec spec = registry.find(method);
        return spec != null && spec.retryable();
    }

    /** Runs one call and returns its value, or throws the fault it ended in. */
    public Object invoke(CallContext ctx, RpcCall call) {
        MethodSpec spec = registry.find(call.method());
        if (spec == null) {
            throw KojiFault.generic("Invalid method: " + call.method());
        }
        authorize(ctx, spec);
        Args args = Args.bind(spec, call.args(), call.kwargs());
        ctx.tx().readOnly(spec.access().readOnly());
        try {
            Object result = spec.handler().handle(ctx, args);
            return result;
        } finally {
            ctx.tx().readOnly(false);
        }
    }

    /**
     * Runs a multicall. Each call gets a fresh event and, once it touches an open transaction, a
     * savepoint (see Tx#step); a failed call is undone alone and reported as a fault struct, the
     * others stand. Returns Koji's result list:
     * {@code [value]} for a success, {@code {faultCode, faultString}} for a failure.
     */
    public List<Object> multicall(CallContext ctx, List<RpcCall> calls) {
        List<Object> results = new ArrayList<>(calls.size());
        for (RpcCall call : calls) {
            Tx.Step step = ctx.tx().step();
            try {
                if (MULTICALL_NAMES.contains(call.method())) {
                    throw KojiFault.generic("multicalls cannot be nested");
                }
                Object value = invoke(ctx, call);
                List<Object> one = new ArrayList<>(1);
                one.add(value);
                results.add(one);
            } catch (RuntimeException e) {
                ctx.tx().undo(step);
                KojiFault fault = asFault(e);
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("faultCode", fault.code());
                f.put("faultString", fault.getMessage());
                results.add(f);
            }
        }
        return results;
    }

    /**
     * Turns any failure into the fault a client sees. Koji's own errors pass as they are;
     * anything else is logged with its stack and reported as fault 1 without internals.
     */
    public static KojiFault asFault(Throwable e) {
        if (e instanceof KojiFault f) {
            return f;
        }
        String ref = Long.toHexString(System.nanoTime() & 0xffffffL);
        log.error("unexpected error (ref {})", ref, e);
        return new KojiFault(FaultCode.UNEXPECTED, e.getClass().getSimpleName()
                + ": internal hub error (logged as ref " + ref + ")");
    }

    private void authorize(CallContext ctx, MethodSpec spec) {
        Session s = ctx.session();
        if (s != null && s.lockError() != null && !LOCK_EXEMPT.contains(spec.name())) {
            throw new KojiFault(FaultCode.AUTH_LOCK, s.lockError());
        }
        Access rule = spec.access();
        switch (rule.kind()) {
            case ANONYMOUS, AUTH_ENTRY -> {
            }
            case LOGGED_IN -> ctx.requireSession();
            case HOST -> ctx.requireHost();
            // Koji's assertPerm serves anonymous callers too: "X permission required (user not logged in)".
            case PERMISSION -> ctx.assertPerm(rule.permissionName());
        }
    }
}
