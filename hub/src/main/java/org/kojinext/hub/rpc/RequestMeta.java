package org.kojinext.hub.rpc;

/**
 * What the transport learned about a request before decoding it: the caller's address and the
 * Koji session headers, still unchecked.
 */
public record RequestMeta(String remoteIp, Integer sessionId, String sessionKey, Integer callnum) {
    public static RequestMeta anonymous(String remoteIp) {
        return new RequestMeta(remoteIp, null, null, null);
    }
}
