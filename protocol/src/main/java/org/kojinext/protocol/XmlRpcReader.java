package org.kojinext.protocol;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A pull parser for XML-RPC documents. Hostile input is the normal case here: a DOCTYPE or entity
 * reference is refused outright (so XXE and billion-laughs never expand), and depth, string length
 * and value count are bounded.
 */
final class XmlRpcReader {
    /**
     * Woodstox rather than the JDK's StAX: its factory is thread-safe and a reader costs little to
     * build, where the JDK's allocated buffers and limits afresh per reader and cost more than
     * parsing a whole call.
     */
    private static final XMLInputFactory FACTORY = factory();
    private static final DateTimeFormatter ISO_COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss");

    private final XMLStreamReader r;
    private final DecodeLimits limits;
    private int values;
    private int depth;

    private XmlRpcReader(XMLStreamReader r, DecodeLimits limits) {
        this.r = r;
        this.limits = limits;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        // Python's parser ignores namespaces and strips prefixes (ex:nil); so do we.
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        // The parser's own depth limit stays above DecodeLimits.maxDepth, which counts containers
        // and says so in its message, so that one answers first.
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 4000);
        return f;
    }

    static RpcCall readCall(InputStream in, DecodeLimits limits) throws MalformedRequestException {
        return run(in, limits, XmlRpcReader::call);
    }

    static Object readResponse(InputStream in, DecodeLimits limits) throws MalformedRequestException {
        Object result = run(in, limits, XmlRpcReader::response);
        if (result instanceof KojiFault f) {
            throw f;
        }
        return result;
    }

    private interface Body<T> {
        T read(XmlRpcReader reader) throws XMLStreamException, MalformedRequestException;
    }

    private static <T> T run(InputStream in, DecodeLimits limits, Body<T> body) throws MalformedRequestException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(in);
            XmlRpcReader reader = new XmlRpcReader(r, limits);
            T value = body.read(reader);
            reader.expectDocumentEnd();
            return value;
        } catch (XMLStreamException e) {
            throw new MalformedRequestException("malformed XML: " + oneLine(e));
        } catch (RuntimeException e) {
            // The JDK parser signals some limit and syntax problems with unchecked exceptions.
            if (e instanceof KojiFault) {
                throw e;
            }
            throw new MalformedRequestException("malformed XML: " + oneLine(e));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(nl + 1).strip() : m;
        m = m.replaceAll("\\s+", " ");
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    private RpcCall call() throws XMLStreamException, MalformedRequestException {
        start("methodCall");
        start("methodName");
        String method = text();
        if (method.isBlank()) {
            throw new MalformedRequestException("empty methodName");
        }
        List<Object> params = new ArrayList<>();
        if (nextTag() == XMLStreamConstants.START_ELEMENT) {
            requireName("params");
            while (nextTag() == XMLStreamConstants.START_ELEMENT) {
                requireName("param");
                start("value");
                params.add(value());
                end("param");
            }
            requireName("params");
            end("methodCall");
        } else {
            requireName("methodCall");
        }
        return RpcCall.fromParams(method.strip(), params);
    }

    private Object response() throws XMLStreamException, MalformedRequestException {
        start("methodResponse");
        nextStart();
        if (name().equals("fault")) {
            start("value");
            Object v = value();
            end("fault");
            end("methodResponse");
            if (v instanceof Map<?, ?> m && m.get("faultCode") instanceof Integer code) {
                Object msg = m.get("faultString");
                return new KojiFault(code, msg == null ? "" : msg.toString());
            }
            throw new MalformedRequestException("fault without an integer faultCode");
        }
        requireName("params");
        start("param");
        start("value");
        Object v = value();
        end("param");
        end("params");
        end("methodResponse");
        return v;
    }

    /** Reads the content of a {@code <value>} whose start tag was just consumed. */
    private Object value() throws XMLStreamException, MalformedRequestException {
        if (++values > limits.maxValues()) {
            throw new MalformedRequestException("too many values (limit " + limits.maxValues() + ")");
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int ev = next();
            if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                    || ev == XMLStreamConstants.SPACE) {
                appendLimited(text);
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                requireName("value");
                return text.toString(); // bare text in <value> is a string
            } else if (ev == XMLStreamConstants.START_ELEMENT) {
                if (!text.isEmpty() && !text.toString().isBlank()) {
                    throw new MalformedRequestException("text mixed with a typed value");
                }
                Object v = typed(name());
                end("value");
                return v;
            }
        }
    }

    private Object typed(String type) throws XMLStreamException, MalformedRequestException {
        switch (type) {
            case "string":
                return text();
            case "int", "i4", "i8", "i1", "i2":
                return integer(text().strip());
            case "boolean": {
                String b = text().strip();
                if (b.equals("1")) {
                    return Boolean.TRUE;
                }
                if (b.equals("0")) {
                    return Boolean.FALSE;
                }
                throw new MalformedRequestException("bad boolean value");
            }
            case "double", "float":
                try {
                    String d = text().strip();
                    if (d.isEmpty() || d.endsWith("d") || d.endsWith("D") || d.endsWith("f") || d.endsWith("F")) {
                        throw new NumberFormatException(d);
                    }
                    return Double.parseDouble(d);
                } catch (NumberFormatException e) {
                    throw new MalformedRequestException("bad double value");
                }
            case "nil":
                text();
                return null;
            case "base64":
                try {
                    return Base64.getMimeDecoder().decode(text().strip());
                } catch (IllegalArgumentException e) {
                    throw new MalformedRequestException("bad base64 value");
                }
            case "dateTime.iso8601":
                return dateTime(text().strip());
            case "struct":
                return struct();
            case "array":
                return array();
            default:
                throw new MalformedRequestException("unknown value type <" + type + ">");
        }
    }

    private Object integer(String s) throws MalformedRequestException {
        try {
            long l = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l; // a ternary here would promote both arms to Long
            }
            return l;
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("bad integer value");
        }
    }

    private static LocalDateTime dateTime(String s) throws MalformedRequestException {
        try {
            if (s.length() == 17 && s.charAt(8) == 'T') {
                return LocalDateTime.parse(s, ISO_COMPACT);
            }
            return LocalDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new MalformedRequestException("bad dateTime.iso8601 value");
        }
    }

    private Map<String, Object> struct() throws XMLStreamException, MalformedRequestException {
        enter();
        Map<String, Object> map = new LinkedHashMap<>();
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            requireName("member");
            start("name");
            String key = text();
            start("value");
            map.put(key, value());
            end("member");
        }
        requireName("struct");
        depth--;
        return map;
    }

    private List<Object> array() throws XMLStreamException, MalformedRequestException {
        enter();
        List<Object> list = new ArrayList<>();
        start("data");
        while (nextTag() == XMLStreamConstants.START_ELEMENT) {
            requireName("value");
            list.add(value());
        }
        requireName("data");
        end("array");
        depth--;
        return list;
    }

    private void enter() throws MalformedRequestException {
        if (++depth > limits.maxDepth()) {
            throw new MalformedRequestException("nesting deeper than " + limits.maxDepth());
        }
    }

    /** The character content of the element just started, which must hold no elements. */
    private String text() throws XMLStreamException, MalformedRequestException {
        String element = name();
        StringBuilder sb = new StringBuilder();
        while (true) {
            int ev = next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        appendLimited(sb);
                case XMLStreamConstants.END_ELEMENT -> {
                    requireName(element);
                    return sb.toString();
                }
                case XMLStreamConstants.START_ELEMENT ->
                        throw new MalformedRequestException("unexpected <" + name() + "> inside <" + element + ">");
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    private void appendLimited(StringBuilder sb) throws MalformedRequestException {
        if (sb.length() + r.getTextLength() > limits.maxStringLength()) {
            throw new MalformedRequestException("string longer than " + limits.maxStringLength() + " characters");
        }
        sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
    }

    /** The next event, with DTDs and entity references refused wherever they appear. */
    private int next() throws XMLStreamException, MalformedRequestException {
        int ev = r.next();
        if (ev == XMLStreamConstants.DTD) {
            throw new MalformedRequestException("DTDs are not allowed");
        }
        if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new MalformedRequestException("entity references are not allowed");
        }
        if (ev == XMLStreamConstants.END_DOCUMENT) {
            throw new MalformedRequestException("unexpected end of document");
        }
        return ev;
    }

    /** The next start or end tag, skipping whitespace, comments and processing instructions. */
    private int nextTag() throws XMLStreamException, MalformedRequestException {
        while (true) {
            int ev = next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                    return ev;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!r.isWhiteSpace()) {
                        throw new MalformedRequestException("unexpected text where a tag belongs");
                    }
                }
                default -> {
                    // comments, processing instructions
                }
            }
        }
    }

    private void nextStart() throws XMLStreamException, MalformedRequestException {
        if (nextTag() != XMLStreamConstants.START_ELEMENT) {
            throw new MalformedRequestException("unexpected </" + name() + ">");
        }
    }

    private void start(String expected) throws XMLStreamException, MalformedRequestException {
        nextStart();
        requireName(expected);
    }

    private void end(String expected) throws XMLStreamException, MalformedRequestException {
        if (nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw new MalformedRequestException("expected </" + expected + ">, found <" + name() + ">");
        }
        requireName(expected);
    }

    private void requireName(String expected) throws MalformedRequestException {
        String actual = name();
        if (!actual.equals(expected)) {
            throw new MalformedRequestException("expected <" + expected + ">, found <" + actual + ">");
        }
    }

    private String name() {
        String n = r.getLocalName();
        int colon = n.lastIndexOf(':');
        return colon >= 0 ? n.substring(colon + 1) : n;
    }

    private void expectDocumentEnd() throws XMLStreamException, MalformedRequestException {
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT
                    || (ev == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace())) {
                throw new MalformedRequestException("content after the document element");
            }
        }
    }
}
