package org.kojinext.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * XML-RPC as Koji speaks it, both directions. Decoding is StAX with DTDs and external entities
 * refused, and every document bounded by {@link DecodeLimits}; encoding writes Koji's extensions:
 * {@code <nil/>}, {@code <i8>} beyond 32 bits, and datetimes as Python's {@code isoformat(' ')}
 * strings.
 */
public final class XmlRpcCodec {
    private static final byte[] HEADER = "<?xml version='1.0'?>\n".getBytes(StandardCharsets.US_ASCII);

    private XmlRpcCodec() {
    }

    /** Reads a {@code <methodCall>}; a trailing {@code __starstar} struct becomes keyword arguments. */
    public static RpcCall decodeCall(InputStream in, DecodeLimits limits) throws MalformedRequestException {
        return XmlRpcReader.readCall(in, limits);
    }

    /**
     * Reads a {@code <methodResponse>}: returns the value, or throws the {@link KojiFault} it
     * carries.
     */
    public static Object decodeResponse(InputStream in, DecodeLimits limits) throws MalformedRequestException {
        return XmlRpcReader.readResponse(in, limits);
    }

    public static void encodeCall(String method, List<Object> params, OutputStream out) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<methodCall>\n<methodName>");
        XmlRpcWriter.escape(method, sb);
        sb.append("</methodName>\n<params>\n");
        for (Object p : params) {
            sb.append("<param>\n");
            XmlRpcWriter.value(p, sb);
            sb.append("</param>\n");
        }
        sb.append("</params>\n</methodCall>\n");
        write(sb, out);
    }

    public static void encodeResponse(Object value, OutputStream out) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<methodResponse>\n<params>\n<param>\n");
        XmlRpcWriter.value(value, sb);
        sb.append("</param>\n</params>\n</methodResponse>\n");
        write(sb, out);
    }

    public static void encodeFault(int code, String message, OutputStream out) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>")
                .append(code)
                .append("</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>");
        XmlRpcWriter.escape(message == null ? "" : message, sb);
        sb.append("</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n");
        write(sb, out);
    }

    private static void write(StringBuilder sb, OutputStream out) {
        try {
            out.write(HEADER);
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
