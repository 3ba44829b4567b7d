package org.kojinext.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;

/**
 * Koji's {@code multiCall(strict=True)}: several calls in one request, where the first fault is
 * raised as if the call had been made alone, and the rest are plain values.
 */
public final class Multicalls {
    private Multicalls() {
    }

    /** A call with keyword arguments, which may be null (sent as None, as Koji does). */
    public static RpcCall call(String method, List<?> args, Object... kwPairs) {
        Map<String, Object> kw = new LinkedHashMap<>();
        for (int i = 0; i < kwPairs.length; i += 2) {
            kw.put((String) kwPairs[i], kwPairs[i + 1]);
        }
        return new RpcCall(method, new ArrayList<>(args), kw);
    }

    public static List<Object> strict(HubLink hub, List<RpcCall> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        List<Object> values = new ArrayList<>(calls.size());
        for (Object entry : hub.multicall(calls)) {
            if (entry instanceof KojiFault f) {
                throw f;
            }
            values.add(((List<?>) entry).get(0));
        }
        return values;
    }
}
