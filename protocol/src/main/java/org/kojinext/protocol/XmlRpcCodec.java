package org.kojinext.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * XML-RPC as Koji speaks it, both directions. Decoding is StAX with DTDs and external entities
 * refused, and every document bounded by {@link DecodeLimits}; encoding writes Koji's extensions:
 * {@code <nil/>}, {@code <i8>} beyond 32 bits, and datetimes as Python's {@code isoformat(' ')}
 * strings.
 */
public final class XmlRpcCodec {
    private static final String HEADER = "<?xml version='1.0'?>\n";

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
        ByteSink sb = new ByteSink(256);
        sb.ascii(HEADER).ascii("<methodCall>\n<methodName>");
        XmlRpcWriter.escape(method, sb);
        sb.ascii("</methodName>\n<params>\n");
        for (Object p : params) {
            sb.ascii("<param>\n");
            XmlRpcWriter.value(p, sb);
            sb.ascii("</param>\n");
        }
        sb.ascii("</params>\n</methodCall>\n");
        write(sb, out);
    }

    public static void encodeResponse(Object value, OutputStream out) {
        write(response(value), out);
    }

    /** The whole response, header included, ready to send. */
    public static ByteSink response(Object value) {
        ByteSink sb = new ByteSink(4096);
        sb.ascii(HEADER).ascii("<methodResponse>\n<params>\n<param>\n");
        XmlRpcWriter.value(value, sb);
        sb.ascii("</param>\n</params>\n</methodResponse>\n");
        return sb;
    }

    public static void encodeFault(int code, String message, OutputStream out) {
        write(fault(code, message), out);
    }

    /** A fault response, header included, ready to send. */
    public static ByteSink fault(int code, String message) {
        ByteSink sb = new ByteSink(256);
        sb.ascii(HEADER).ascii("<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>")
                .decimal(code)
                .ascii("</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>");
        XmlRpcWriter.escape(message == null ? "" : message, sb);
        sb.ascii("</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n");
        return sb;
    }

    private static void write(ByteSink sb, OutputStream out) {
        try {
            sb.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
