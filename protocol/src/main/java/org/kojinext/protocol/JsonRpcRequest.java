package org.kojinext.protocol;

import java.util.List;

/**
 * A decoded JSON-RPC 2.0 request: one call, or a batch. An entry that is not a valid request
 * object keeps its id (when it had one) and the reason, so the reply can say which one failed.
 */
public record JsonRpcRequest(boolean batch, List<Entry> entries) {
    public JsonRpcRequest {
        entries = List.copyOf(entries);
    }

    /**
     * @param id the request id as sent: {@code null}, a String or a Number
     * @param notification true when the request had no id, so it gets no reply
     * @param call the call, or {@code null} when invalid
     * @param invalidReason why the entry is not a valid request, or {@code null}
     */
    public record Entry(Object id, boolean notification, RpcCall call, String invalidReason) {
        static Entry invalid(Object id, String reason) {
            return new Entry(id, false, null, reason);
        }
    }
}
