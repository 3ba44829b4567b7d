package org.kojinext.protocol;

/**
 * One JSON-RPC 2.0 reply. An error's code is the Koji fault code (or a JSON-RPC protocol code
 * such as -32700), and its {@code data} repeats it as Koji clients know it: faultCode,
 * faultString and the fault's class name.
 */
public record JsonRpcResponse(Object id, boolean error, Object result, int code, String message, String faultName) {
    public static JsonRpcResponse result(Object id, Object value) {
        return new JsonRpcResponse(id, false, value, 0, null, null);
    }

    public static JsonRpcResponse error(Object id, int code, String message, String faultName) {
        return new JsonRpcResponse(id, true, null, code, message, faultName);
    }

    public static JsonRpcResponse fault(Object id, KojiFault fault) {
        return error(id, fault.code(), fault.getMessage(), fault.faultName());
    }

    /** The error as a fault a Koji client would raise. */
    public KojiFault toFault() {
        if (!error) {
            throw new IllegalStateException("not an error");
        }
        return new KojiFault(code, message == null ? "" : message);
    }
}
