package org.kojinext.hub.builds;

import org.kojinext.protocol.KojiFault;
import org.kojinext.hub.rpc.PythonRepr;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The JSON text Koji keeps in extra columns, decoded for replies and encoded for storage. */
public final class ExtraJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExtraJson() {
    }

    /** The decoded value, null for a NULL column; a bad text fails with {@code error: 'text'}, as in Koji. */
    public static Object decode(String text, String error) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw KojiFault.generic(error + ": " + PythonRepr.of(text));
        }
    }

    public static String encode(Object value) {
        return JSON.writeValueAsString(value);
    }
}
