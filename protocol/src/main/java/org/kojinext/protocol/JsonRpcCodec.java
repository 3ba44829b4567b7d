package org.kojinext.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON-RPC 2.0 over the hub's methods, on Jackson's streaming core. Values map as in XML-RPC:
 * bytes travel as base64 strings and datetimes as Koji's strings.
 */
public final class JsonRpcCodec {
    private static final JsonFactory WRITER = new JsonFactory();
    private static final Map<DecodeLimits, JsonFactory> READERS = new ConcurrentHashMap<>();

    private JsonRpcCodec() {
    }

    // ---- requests -------------------------------------------------------------------------

    public static JsonRpcRequest decodeRequest(InputStream in, DecodeLimits limits) throws MalformedRequestException {
        Object doc = parse(in, limits);
        if (doc instanceof List<?> list) {
            if (list.isEmpty()) {
                return new JsonRpcRequest(false, List.of(JsonRpcRequest.Entry.invalid(null, "empty batch")));
            }
            List<JsonRpcRequest.Entry> entries = new ArrayList<>(list.size());
            for (Object item : list) {
                entries.add(entry(item));
            }
            return new JsonRpcRequest(true, entries);
        }
        return new JsonRpcRequest(false, List.of(entry(doc)));
    }

    private static JsonRpcRequest.Entry entry(Object item) {
        if (!(item instanceof Map<?, ?> m)) {
            return JsonRpcRequest.Entry.invalid(null, "a request must be an object");
        }
        boolean hasId = m.containsKey("id");
        Object id = m.get("id");
        if (id != null && !(id instanceof String) && !(id instanceof Number)) {
            return JsonRpcRequest.Entry.invalid(null, "id must be a string, number or null");
        }
        if (!"2.0".equals(m.get("jsonrpc"))) {
            return JsonRpcRequest.Entry.invalid(id, "jsonrpc must be \"2.0\"");
        }
        if (!(m.get("method") instanceof String method) || method.isEmpty()) {
            return JsonRpcRequest.Entry.invalid(id, "method must be a non-empty string");
        }
        Object params = m.get("params");
        RpcCall call;
        if (params == null) {
            call = new RpcCall(method, List.of(), Map.of());
        } else if (params instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> args = (List<Object>) list;
            call = RpcCall.fromParams(method, args);
        } else if (params instanceof Map<?, ?> named) {
            @SuppressWarnings("unchecked")
            Map<String, Object> kwargs = (Map<String, Object>) named;
            call = new RpcCall(method, List.of(), kwargs);
        } else {
            return JsonRpcRequest.Entry.invalid(id, "params must be an array or an object");
        }
        return new JsonRpcRequest.Entry(id, !hasId, call, null);
    }

    public static void encodeRequest(Object id, RpcCall call, OutputStream out) {
        try (JsonGenerator g = generator(out)) {
            writeRequest(g, id, call);
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** A batch; entry {@code i} gets id {@code i}. */
    public static void encodeBatchRequest(List<RpcCall> calls, OutputStream out) {
        try (JsonGenerator g = generator(out)) {
            g.writeStartArray();
            for (int i = 0; i < calls.size(); i++) {
                writeRequest(g, i, calls.get(i));
            }
            g.writeEndArray();
        }
    }

    private static void writeRequest(JsonGenerator g, Object id, RpcCall call) {
        g.writeStartObject();
        g.writeName("jsonrpc");
        g.writeString("2.0");
        g.writeName("method");
        g.writeString(call.method());
        g.writeName("params");
        if (call.args().isEmpty() && !call.kwargs().isEmpty()) {
            write(g, call.kwargs());
        } else {
            write(g, KojiArgs.join(call.args(), call.kwargs()));
        }
        g.writeName("id");
        write(g, id);
        g.writeEndObject();
    }

    // ---- responses ------------------------------------------------------------------------

    public static void encode(JsonRpcResponse response, OutputStream out) {
        try (JsonGenerator g = generator(out)) {
            writeResponse(g, response);
        }
    }

    public static void encodeBatch(List<JsonRpcResponse> responses, OutputStream out) {
        try (JsonGenerator g = generator(out)) {
            g.writeStartArray();
            for (JsonRpcResponse r : responses) {
                writeResponse(g, r);
            }
            g.writeEndArray();
        }
    }

    private static void writeResponse(JsonGenerator g, JsonRpcResponse r) {
        g.writeStartObject();
        g.writeName("jsonrpc");
        g.writeString("2.0");
        if (r.error()) {
            g.writeName("error");
            g.writeStartObject();
            g.writeName("code");
            g.writeNumber(r.code());
            g.writeName("message");
            g.writeString(r.message() == null ? "" : r.message());
            if (r.faultName() != null) {
                g.writeName("data");
                g.writeStartObject();
                g.writeName("faultCode");
                g.writeNumber(r.code());
                g.writeName("faultString");
                g.writeString(r.message() == null ? "" : r.message());
                g.writeName("fault");
                g.writeString(r.faultName());
                g.writeEndObject();
            }
            g.writeEndObject();
        } else {
            g.writeName("result");
            write(g, r.result());
        }
        g.writeName("id");
        write(g, r.id());
        g.writeEndObject();
    }

    /** Reads one response, or a batch of them, as the client receives it. */
    public static List<JsonRpcResponse> decodeResponses(InputStream in, DecodeLimits limits)
            throws MalformedRequestException {
        Object doc = parse(in, limits);
        List<?> items = doc instanceof List<?> l ? l : List.of(doc);
        List<JsonRpcResponse> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new MalformedRequestException("a response must be an object");
            }
            Object id = m.get("id");
            if (m.get("error") instanceof Map<?, ?> err) {
                if (!(err.get("code") instanceof Number code)) {
                    throw new MalformedRequestException("error without a numeric code");
                }
                String message = err.get("message") instanceof String s ? s : "";
                String name = err.get("data") instanceof Map<?, ?> data && data.get("fault") instanceof String f ? f : null;
                out.add(JsonRpcResponse.error(id, code.intValue(), message, name));
            } else if (m.containsKey("result")) {
                out.add(JsonRpcResponse.result(id, m.get("result")));
            } else {
                throw new MalformedRequestException("a response needs result or error");
            }
        }
        return out;
    }

    // ---- values ---------------------------------------------------------------------------

    private static JsonGenerator generator(OutputStream out) {
        return WRITER.createGenerator(ObjectWriteContext.empty(), out);
    }

    private static void write(JsonGenerator g, Object v) {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i.intValue());
            case Long l -> g.writeNumber(l.longValue());
            case Short s -> g.writeNumber(s.intValue());
            case Byte b -> g.writeNumber(b.intValue());
            case BigInteger bi -> g.writeNumber(bi);
            case Double d -> g.writeNumber(d.doubleValue());
            case Float f -> g.writeNumber(f.doubleValue());
            case byte[] bytes -> g.writeString(Base64.getEncoder().encodeToString(bytes));
            case OffsetDateTime t -> g.writeString(KojiTime.format(t));
            case LocalDateTime t -> g.writeString(KojiTime.format(t));
            case Instant t -> g.writeString(KojiTime.format(t));
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("dictionary key must be string");
                    }
                    g.writeName(key);
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object item : c) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case Object[] arr -> {
                g.writeStartArray();
                for (Object item : arr) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("cannot marshal " + v.getClass().getName() + " objects");
        }
    }

    private static Object parse(InputStream in, DecodeLimits limits) throws MalformedRequestException {
        JsonFactory factory = READERS.computeIfAbsent(limits, JsonRpcCodec::readerFactory);
        try (JsonParser p = factory.createParser(ObjectReadContext.empty(), in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedRequestException("empty document");
            }
            int[] count = {0};
            Object doc = value(p, first, limits, 0, count);
            if (p.nextToken() != null) {
                throw new MalformedRequestException("content after the JSON document");
            }
            return doc;
        } catch (JacksonException e) {
            String m = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
            int nl = m.indexOf('\n');
            throw new MalformedRequestException(nl >= 0 ? m.substring(0, nl) : m);
        }
    }

    private static JsonFactory readerFactory(DecodeLimits limits) {
        // Jackson's own limits sit just above ours, as a backstop; ours give the clearer message.
        StreamReadConstraints c = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth() + 2)
                .maxStringLength(limits.maxStringLength() + 1)
                .maxNameLength(limits.maxStringLength() + 1)
                .maxNumberLength(64)
                .build();
        return JsonFactory.builder().streamReadConstraints(c).build();
    }

    private static Object value(JsonParser p, JsonToken t, DecodeLimits limits, int depth, int[] count)
            throws MalformedRequestException {
        if (++count[0] > limits.maxValues()) {
            throw new MalformedRequestException("too many values (limit " + limits.maxValues() + ")");
        }
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_STRING: {
                String s = p.getString();
                if (s.length() > limits.maxStringLength()) {
                    throw new MalformedRequestException("string longer than " + limits.maxStringLength() + " characters");
                }
                return s;
            }
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return p.getIntValue();
                    case LONG:
                        return p.getLongValue();
                    default:
                        throw new MalformedRequestException("integer out of range");
                }
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case START_ARRAY: {
                checkDepth(depth + 1, limits);
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, next, limits, depth + 1, count));
                }
                return list;
            }
            case START_OBJECT: {
                checkDepth(depth + 1, limits);
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken(), limits, depth + 1, count));
                }
                return map;
            }
            default:
                throw new MalformedRequestException("unexpected token " + t);
        }
    }

    private static void checkDepth(int depth, DecodeLimits limits) throws MalformedRequestException {
        if (depth > limits.maxDepth()) {
            throw new MalformedRequestException("nesting deeper than " + limits.maxDepth());
        }
    }
}
