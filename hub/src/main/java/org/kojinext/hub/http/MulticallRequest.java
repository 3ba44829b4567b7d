package org.kojinext.hub.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;

/** Unpacks the single argument of {@code multiCall}: a list of {methodName, params} structs. */
final class MulticallRequest {
    private MulticallRequest() {
    }

    static List<RpcCall> calls(RpcCall multicall) {
        if (multicall.args().size() != 1 || !(multicall.args().get(0) instanceof List<?> entries)) {
            throw KojiFault.parameter(multicall.method() + "() takes one argument: a list of calls");
        }
        List<RpcCall> calls = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> m) || !(m.get("methodName") instanceof String name)) {
                throw KojiFault.parameter("each multicall entry needs a methodName");
            }
            Object params = m.get("params");
            if (params != null && !(params instanceof List)) {
                throw KojiFault.parameter("multicall params for " + name + " must be an array");
            }
            @SuppressWarnings("unchecked")
            List<Object> list = params == null ? List.of() : (List<Object>) params;
            calls.add(RpcCall.fromParams(name, list));
        }
        return calls;
    }
}
