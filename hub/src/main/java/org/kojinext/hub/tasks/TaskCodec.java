package org.kojinext.hub.tasks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.protocol.ByteSink;
import org.kojinext.protocol.DecodeLimits;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.MalformedRequestException;
import org.kojinext.protocol.RpcCall;
import org.kojinext.protocol.XmlRpcCodec;

/**
 * task.request and task.result as Koji stores them, so that a Koji database and Koji's builders
 * read them unchanged: the request is an XML-RPC methodCall whose method name is the task method
 * and whose params are the task's arguments; the result is an XML-RPC methodResponse holding the
 * value, or a fault.
 */
public final class TaskCodec {
    /** Stored text was written by a trusted hub or builder: bounds only guard against garbage. */
    private static final DecodeLimits LIMITS = new DecodeLimits(30, 64 * 1024 * 1024, 50_000_000);

    private TaskCodec() {
    }

    public static String encodeRequest(String method, List<Object> args) {
        ByteSink out = new ByteSink(256);
        XmlRpcCodec.encodeCall(method, args, out);
        return utf8(out);
    }

    /**
     * The stored arguments, as Koji's getTaskRequest returns them. A trailing keyword struct
     * (Koji's encode_args) is handed back as the struct it was, __starstar marker included.
     */
    public static List<Object> decodeRequest(String text) {
        RpcCall call;
        try {
            call = XmlRpcCodec.decodeCall(in(text), LIMITS);
        } catch (MalformedRequestException e) {
            throw KojiFault.generic("Invalid task request: " + e.getMessage());
        }
        List<Object> args = new ArrayList<>(call.args());
        if (!call.kwargs().isEmpty()) {
            Map<String, Object> kw = new LinkedHashMap<>(call.kwargs());
            kw.put("__starstar", true);
            args.add(kw);
        }
        return args;
    }

    public static String encodeResult(Object value) {
        return utf8(XmlRpcCodec.response(value));
    }

    public static String encodeFault(KojiFault fault) {
        return utf8(XmlRpcCodec.fault(fault.code(), fault.getMessage()));
    }

    /** The stored value; a stored fault is thrown as the KojiFault it was. */
    public static Object decodeResult(String text) {
        try {
            return XmlRpcCodec.decodeResponse(in(text), LIMITS);
        } catch (MalformedRequestException e) {
            throw KojiFault.generic("Invalid task result: " + e.getMessage());
        }
    }

    private static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String utf8(ByteSink sink) {
        return new String(sink.toByteArray(), StandardCharsets.UTF_8);
    }
}
