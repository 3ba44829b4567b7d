package org.kojinext.bench;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.RpcCall;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What one benchmarked request does, and how its reply is checked. */
public enum ApiCall {
    GET_API_VERSION("getAPIVersion", 1) {
        @Override
        Request prepare(String user) {
            return client -> client.call("getAPIVersion") instanceof Integer ? null
                    : "getAPIVersion did not return an integer";
        }
    },
    GET_USER("getUser", 1) {
        @Override
        Request prepare(String user) {
            return client -> isUser(client.call("getUser", user), user) ? null
                    : "getUser(" + user + ") did not return that user";
        }
    },
    MULTICALL("multicall", 1000) {
        @Override
        Request prepare(String user) {
            List<RpcCall> calls = Collections.nCopies(callsPerRequest(), new RpcCall("getUser", List.of(user), Map.of()));
            return client -> {
                List<Object> results = client.multicall(calls);
                if (results.size() != calls.size()) {
                    return "multicall returned " + results.size() + " results for " + calls.size() + " calls";
                }
                for (Object r : results) {
                    if (r instanceof KojiFault f) {
                        return "multicall entry faulted: " + f.getMessage();
                    }
                    if (!(r instanceof List<?> one) || one.size() != 1 || !isUser(one.get(0), user)) {
                        return "multicall entry is not [user]: " + r;
                    }
                }
                return null;
            };
        }
    };

    private final String label;
    private final int callsPerRequest;

    ApiCall(String label, int callsPerRequest) {
        this.label = label;
        this.callsPerRequest = callsPerRequest;
    }

    public String label() {
        return label;
    }

    /** Hub calls carried by one HTTP request. */
    public int callsPerRequest() {
        return callsPerRequest;
    }

    /** A request ready to send repeatedly; built once per client so setup is not timed. */
    abstract Request prepare(String user);

    /** Sends one request; returns null if the reply was right, else what was wrong with it. */
    @FunctionalInterface
    interface Request {
        String send(KojiClient client);
    }

    private static boolean isUser(Object reply, String user) {
        return reply instanceof Map<?, ?> m && user.equals(m.get("name"));
    }

    public static ApiCall byLabel(String label) {
        for (ApiCall c : values()) {
            if (c.label.equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown call '" + label + "' (known: getAPIVersion, getUser, multicall)");
    }

    /** Lets picocli take the labels users see rather than the constant names. */
    public static final class Converter implements ITypeConverter<ApiCall> {
        @Override
        public ApiCall convert(String value) {
            try {
                return byLabel(value.trim());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
