package org.kojinext.hub.http;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import org.kojinext.hub.rpc.Dispatcher;
import org.kojinext.hub.rpc.RequestMeta;
import org.kojinext.hub.rpc.RequestRunner;
import org.kojinext.protocol.ByteSink;
import org.kojinext.protocol.DecodeLimits;
import org.kojinext.protocol.FaultCode;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.MalformedRequestException;
import org.kojinext.protocol.RpcCall;
import org.kojinext.protocol.XmlRpcCodec;

/** XML-RPC as Koji speaks it: every failure, a bad document included, is an HTTP 200 {@code <fault>}. */
final class XmlRpcEndpoint {
    private final RequestRunner runner;
    private final DecodeLimits limits;

    XmlRpcEndpoint(RequestRunner runner, DecodeLimits limits) {
        this.runner = runner;
        this.limits = limits;
    }

    void handle(Context ctx, RequestMeta meta, byte[] body) {
        RpcCall call;
        try {
            call = XmlRpcCodec.decodeCall(new ByteArrayInputStream(body), limits);
        } catch (MalformedRequestException e) {
            // Koji reports an unparsable body as fault 1, the code of any non-Koji exception.
            fault(ctx, new KojiFault(FaultCode.UNEXPECTED, "malformed XML-RPC request: " + e.getMessage()));
            return;
        }
        ByteSink out;
        try {
            Object result = Dispatcher.MULTICALL_NAMES.contains(call.method())
                    ? runner.multicall(meta, MulticallRequest.calls(call))
                    : runner.call(meta, call);
            out = XmlRpcCodec.response(result);
        } catch (RuntimeException e) {
            fault(ctx, Dispatcher.asFault(e));
            return;
        }
        send(ctx, out);
    }

    /** Answers with what the call returns, or with the fault it ends in. */
    void run(Context ctx, java.util.function.Supplier<Object> call) {
        ByteSink out;
        try {
            out = XmlRpcCodec.response(call.get());
        } catch (RuntimeException e) {
            fault(ctx, Dispatcher.asFault(e));
            return;
        }
        send(ctx, out);
    }

    void fault(Context ctx, KojiFault fault) {
        send(ctx, XmlRpcCodec.fault(fault.code(), fault.getMessage()));
    }

    private static void send(Context ctx, ByteSink out) {
        Replies.send(ctx, 200, "text/xml", out);
    }
}
