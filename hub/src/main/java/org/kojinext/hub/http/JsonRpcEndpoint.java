package org.kojinext.hub.http;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.hub.rpc.Dispatcher;
import org.kojinext.hub.rpc.RequestMeta;
import org.kojinext.hub.rpc.RequestRunner;
import org.kojinext.protocol.ByteSink;
import org.kojinext.protocol.DecodeLimits;
import org.kojinext.protocol.JsonRpcCodec;
import org.kojinext.protocol.JsonRpcRequest;
import org.kojinext.protocol.JsonRpcResponse;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.MalformedRequestException;
import org.kojinext.protocol.RpcCall;

/**
 * JSON-RPC 2.0 over the same methods. Errors carry the Koji fault code as their code. A batch
 * runs as a multicall: one transaction, each entry in its own savepoint.
 */
final class JsonRpcEndpoint {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;

    private final RequestRunner runner;
    private final DecodeLimits limits;

    JsonRpcEndpoint(RequestRunner runner, DecodeLimits limits) {
        this.runner = runner;
        this.limits = limits;
    }

    void handle(Context ctx, RequestMeta meta, byte[] body) {
        JsonRpcRequest request;
        try {
            request = JsonRpcCodec.decodeRequest(new ByteArrayInputStream(body), limits);
        } catch (MalformedRequestException e) {
            send(ctx, List.of(JsonRpcResponse.error(null, PARSE_ERROR, "Parse error: " + e.getMessage(), null)), false);
            return;
        }
        List<JsonRpcRequest.Entry> entries = request.entries();
        if (!request.batch()) {
            JsonRpcRequest.Entry e = entries.get(0);
            JsonRpcResponse response = e.invalidReason() != null
                    ? JsonRpcResponse.error(e.id(), INVALID_REQUEST, "Invalid request: " + e.invalidReason(), null)
                    : single(meta, e);
            send(ctx, e.notification() && e.invalidReason() == null ? List.of() : List.of(response), false);
            return;
        }
        send(ctx, batch(meta, entries), true);
    }

    void fault(Context ctx, KojiFault fault) {
        send(ctx, List.of(JsonRpcResponse.fault(null, fault)), false);
    }

    private JsonRpcResponse single(RequestMeta meta, JsonRpcRequest.Entry e) {
        try {
            RpcCall call = e.call();
            Object value = Dispatcher.MULTICALL_NAMES.contains(call.method())
                    ? runner.multicall(meta, MulticallRequest.calls(call))
                    : runner.call(meta, call);
            return JsonRpcResponse.result(e.id(), value);
        } catch (RuntimeException ex) {
            return JsonRpcResponse.fault(e.id(), Dispatcher.asFault(ex));
        }
    }

    private List<JsonRpcResponse> batch(RequestMeta meta, List<JsonRpcRequest.Entry> entries) {
        List<RpcCall> calls = new ArrayList<>();
        for (JsonRpcRequest.Entry e : entries) {
            if (e.invalidReason() == null) {
                calls.add(e.call());
            }
        }
        List<Object> results;
        try {
            results = calls.isEmpty() ? List.of() : runner.multicall(meta, calls);
        } catch (RuntimeException ex) {
            // The batch as a whole failed (a bad session, say): every entry reports that fault.
            KojiFault f = Dispatcher.asFault(ex);
            List<JsonRpcResponse> out = new ArrayList<>();
            for (JsonRpcRequest.Entry e : entries) {
                if (!e.notification()) {
                    out.add(JsonRpcResponse.fault(e.id(), f));
                }
            }
            return out;
        }
        List<JsonRpcResponse> out = new ArrayList<>();
        int next = 0;
        for (JsonRpcRequest.Entry e : entries) {
            if (e.invalidReason() != null) {
                out.add(JsonRpcResponse.error(e.id(), INVALID_REQUEST, "Invalid request: " + e.invalidReason(), null));
                continue;
            }
            Object r = results.get(next++);
            if (e.notification()) {
                continue;
            }
            if (r instanceof Map<?, ?> fault) {
                out.add(JsonRpcResponse.fault(e.id(), new KojiFault((Integer) fault.get("faultCode"),
                        (String) fault.get("faultString"))));
            } else {
                out.add(JsonRpcResponse.result(e.id(), ((List<?>) r).get(0)));
            }
        }
        return out;
    }

    private static void send(Context ctx, List<JsonRpcResponse> responses, boolean batch) {
        if (responses.isEmpty() && !batch) {
            ctx.status(204);
            return;
        }
        ByteSink buf = new ByteSink(4096);
        try {
            if (batch) {
                JsonRpcCodec.encodeBatch(responses, buf);
            } else {
                JsonRpcCodec.encode(responses.get(0), buf);
            }
        } catch (RuntimeException e) {
            KojiFault f = Dispatcher.asFault(e);
            buf.reset();
            JsonRpcCodec.encode(JsonRpcResponse.fault(null, f), buf);
        }
        Replies.send(ctx, 200, "application/json", buf);
    }
}
