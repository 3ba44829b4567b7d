package org.kojinext.hub.db;

import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kojinext.hub.rpc.PythonRepr;
import org.kojinext.protocol.KojiFault;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON text Koji keeps in extra columns (tag extra values, build, rpm and archive extra), so
 * rows a Koji hub wrote read the same. Only what Python's json module takes is encoded: a value
 * Koji could not have stored is refused rather than stored in a form Koji would not read back.
 */
public final class ExtraJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ExtraJson() {
    }

    public static String encode(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            write(g, value);
        } catch (IllegalArgumentException e) {
            throw KojiFault.generic(e.getMessage());
        }
        return out.toString();
    }

    /**
     * The decoded value, null for a NULL column. Text that is not one JSON value fails with
     * {@code error: 'text'}: each caller passes the message Koji gives for that column.
     */
    public static Object decode(String text, String error) {
        if (text == null) {
            return null;
        }
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
            Object v = read(p, p.nextToken());
            if (p.nextToken() != null) {
                throw KojiFault.generic(error + ": " + PythonRepr.of(text));
            }
            return v;
        } catch (JacksonException | IllegalStateException e) {
            throw KojiFault.generic(error + ": " + PythonRepr.of(text));
        }
    }

    private static void write(JsonGenerator g, Object v) {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i.intValue());
            case Long l -> g.writeNumber(l.longValue());
            case BigInteger bi -> g.writeNumber(bi);
            case Double d -> g.writeNumber(d.doubleValue());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeName(String.valueOf(e.getKey()));
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
            default -> throw new IllegalArgumentException(
                    "Object of type " + v.getClass().getSimpleName() + " is not JSON serializable");
        }
    }

    private static Object read(JsonParser p, JsonToken t) {
        if (t == null) {
            throw new IllegalStateException("empty");
        }
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> p.getIntValue();
                case LONG -> p.getLongValue();
                default -> p.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(p, next));
                }
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    map.put(name, read(p, p.nextToken()));
                }
                yield map;
            }
            default -> throw new IllegalStateException("unexpected " + t);
        };
    }
}
