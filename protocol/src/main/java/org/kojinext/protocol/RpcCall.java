package org.kojinext.protocol;

import java.util.List;
import java.util.Map;

/**
 * One decoded method call, the same whichever encoding carried it. Keyword arguments are already
 * separated: XML-RPC's trailing {@code __starstar} struct and JSON-RPC's named params both land in
 * {@link #kwargs()}.
 *
 * <p>Values are plain Java: {@code null}, {@link Boolean}, {@link Integer} (or {@link Long} beyond
 * 32 bits), {@link Double}, {@link String}, {@code byte[]}, {@link List} and {@link Map} with
 * {@link String} keys.
 */
public record RpcCall(String method, List<Object> args, Map<String, Object> kwargs) {
    public RpcCall {
        if (method == null) {
            throw new IllegalArgumentException("method == null");
        }
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
    }

    /** Builds a call from raw positional params, popping a trailing {@code __starstar} struct. */
    public static RpcCall fromParams(String method, List<Object> params) {
        KojiArgs split = KojiArgs.split(params);
        return new RpcCall(method, split.args(), split.kwargs());
    }
}
