package org.kojinext.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Koji hub client in either encoding, following Koji's session rules: after {@link #login} every
 * call carries the session id, key and a callnum that counts up from 0.
 *
 * <p>One instance is one session and is not meant for concurrent calls: callnums must arrive in
 * order. Use one client per thread; they may share an {@link HttpClient}.
 */
public final class KojiClient {
    private final URI url;
    private final Encoding encoding;
    private final Duration timeout;
    private final HttpTransport transport;
    private final DecodeLimits limits;
    private final int retries;
    private final Duration retryInterval;

    private Integer sessionId;
    private String sessionKey;
    private int callnum;
    private HttpHeaders lastHeaders;
    /** The hub refused Koji Next's upload verify type once (Koji's hub does); it would again. */
    private volatile boolean prefixUploadsRefused;

    private KojiClient(Builder b) {
        this.url = b.url;
        this.encoding = b.encoding;
        this.timeout = b.timeout;
        this.transport = b.transport != null ? b.transport : JdkHttpTransport.withConnectTimeout(b.timeout);
        this.limits = b.limits;
        this.retries = b.retries;
        this.retryInterval = b.retryInterval;
    }

    private KojiClient(KojiClient from, Encoding encoding, int retries) {
        this.url = from.url;
        this.encoding = encoding;
        this.timeout = from.timeout;
        this.transport = from.transport;
        this.limits = from.limits;
        this.retries = retries;
        this.retryInterval = from.retryInterval;
        this.sessionId = from.sessionId;
        this.sessionKey = from.sessionKey;
        this.callnum = from.callnum;
        this.lastHeaders = from.lastHeaders;
        this.prefixUploadsRefused = from.prefixUploadsRefused;
    }

    /**
     * The same session in another encoding, continuing its callnum: a client that learns from a
     * first reply that the hub speaks JSON-RPC switches without logging in again. Use only the
     * returned client from then on.
     */
    public KojiClient withEncoding(Encoding other) {
        return other == encoding ? this : new KojiClient(this, other, retries);
    }

    /**
     * The same session with another retry count: Koji retries only once logged in, so a client
     * logs in without retries and continues with them.
     */
    public KojiClient withRetries(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("retries < 0");
        }
        return count == retries ? this : new KojiClient(this, encoding, count);
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** Calls a method with positional arguments; throws {@link KojiFault} when the hub faults. */
    public Object call(String method, Object... args) {
        return callKw(method, Arrays.asList(args), Map.of());
    }

    public Object callKw(String method, List<?> args, Map<String, ?> kwargs) {
        return send(new RpcCall(method, copy(args), copyMap(kwargs)), nextCallnum());
    }

    /** A call with an explicit callnum, for tests of Koji's sequence rules. The counter is untouched. */
    public Object callWithCallnum(int explicitCallnum, String method, Object... args) {
        return send(new RpcCall(method, copy(Arrays.asList(args)), Map.of()), explicitCallnum);
    }

    /**
     * Runs calls in one request, as Koji's {@code multiCall}: each result is a one-element list
     * holding the value, or the {@link KojiFault} that call raised. XML uses {@code multiCall};
     * JSON uses a batch, which the hub runs the same way.
     */
    public List<Object> multicall(List<RpcCall> calls) {
        Integer n = nextCallnum();
        if (encoding == Encoding.XML) {
            List<Object> entries = new ArrayList<>(calls.size());
            for (RpcCall c : calls) {
                entries.add(Map.of("methodName", c.method(), "params", KojiArgs.join(c.args(), c.kwargs())));
            }
            Object raw = send(new RpcCall("multiCall", List.of(entries), Map.of()), n);
            List<Object> out = new ArrayList<>(calls.size());
            for (Object r : (List<?>) raw) {
                if (r instanceof Map<?, ?> fault && fault.get("faultCode") instanceof Integer code) {
                    out.add(new KojiFault(code, String.valueOf(fault.get("faultString"))));
                } else {
                    out.add(r);
                }
            }
            return out;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        JsonRpcCodec.encodeBatchRequest(calls, body);
        List<JsonRpcResponse> responses = decodeJson(post(body.toByteArray(), n));
        Object[] out = new Object[calls.size()];
        for (JsonRpcResponse r : responses) {
            if (!(r.id() instanceof Number idx) || idx.intValue() < 0 || idx.intValue() >= out.length) {
                // a reply without a usable id: the batch failed as a whole
                throw r.error() ? r.toFault() : new KojiTransportException("batch reply without an id");
            }
            out[idx.intValue()] = r.error() ? r.toFault() : java.util.Collections.singletonList(r.result());
        }
        return Arrays.asList(out);
    }

    /**
     * Koji's rawUpload: POSTs one chunk as application/octet-stream with the query fields
     * (filename, filepath, fileverify, offset, overwrite, volume) under this session, and returns
     * the hub's {size, fileverify, offset, hexdigest}. The answer is XML-RPC whatever the encoding.
     */
    public Map<?, ?> rawUpload(Map<String, String> query, byte[] chunk) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            q.append(q.isEmpty() ? "?" : "&").append(java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        byte[] reply = post(URI.create(url + q.toString()), "application/octet-stream", chunk, nextCallnum());
        try {
            return (Map<?, ?>) XmlRpcCodec.decodeResponse(new ByteArrayInputStream(reply), limits);
        } catch (MalformedRequestException e) {
            throw new KojiTransportException("unreadable XML-RPC response: " + e.getMessage());
        }
    }

    /** Logs in with a password, as Koji's {@code login}; later calls carry the new session. */
    public Map<?, ?> login(String user, String password) {
        Map<?, ?> info = (Map<?, ?>) send(new RpcCall("login", List.of(user, password), Map.of()), null);
        setSession(((Number) info.get("session-id")).intValue(), (String) info.get("session-key"));
        return info;
    }

    public void logout() {
        if (sessionId != null) {
            call("logout");
        }
        clearSession();
    }

    /** Adopts an existing session; the callnum restarts at 0, as a new Koji client's would. */
    public void setSession(int id, String key) {
        this.sessionId = id;
        this.sessionKey = Objects.requireNonNull(key);
        this.callnum = 0;
    }

    public void clearSession() {
        sessionId = null;
        sessionKey = null;
        callnum = 0;
    }

    public Integer sessionId() {
        return sessionId;
    }

    public String sessionKey() {
        return sessionKey;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** The headers of the most recent response. */
    public HttpHeaders lastHeaders() {
        return lastHeaders;
    }

    private Integer nextCallnum() {
        return sessionId == null ? null : callnum++;
    }

    private Object send(RpcCall call, Integer n) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        if (encoding == Encoding.XML) {
            XmlRpcCodec.encodeCall(call.method(), KojiArgs.join(call.args(), call.kwargs()), body);
            byte[] reply = post(body.toByteArray(), n);
            try {
                return XmlRpcCodec.decodeResponse(new ByteArrayInputStream(reply), limits);
            } catch (MalformedRequestException e) {
                throw new KojiTransportException("unreadable XML-RPC response: " + e.getMessage());
            }
        }
        JsonRpcCodec.encodeRequest(1, call, body);
        JsonRpcResponse r = decodeJson(post(body.toByteArray(), n)).get(0);
        if (r.error()) {
            throw r.toFault();
        }
        return r.result();
    }

    private List<JsonRpcResponse> decodeJson(byte[] reply) {
        try {
            return JsonRpcCodec.decodeResponses(new ByteArrayInputStream(reply), limits);
        } catch (MalformedRequestException e) {
            throw new KojiTransportException("unreadable JSON-RPC response: " + e.getMessage());
        }
    }

    private byte[] post(byte[] body, Integer n) {
        return post(url, encoding.contentType(), body, n);
    }

    private byte[] post(URI target, String contentType, byte[] body, Integer n) {
        Map<String, String> headers = new LinkedHashMap<>(4);
        if (sessionId != null) {
            headers.put("Koji-Session-Id", sessionId.toString());
            headers.put("Koji-Session-Key", sessionKey);
            if (n != null) {
                headers.put("Koji-Session-Callnum", n.toString());
            }
        }
        HttpTransport.Reply resp = null;
        // Like Koji's client, resend a request that got no answer, with the same callnum: if the
        // first one did reach the hub and wrote, the hub refuses the repeat with RetryError.
        for (int attempt = 0; resp == null; attempt++) {
            try {
                // Koji's rule: the first retry is immediate, later ones wait retry_interval.
                if (attempt > 1 && !retryInterval.isZero()) {
                    Thread.sleep(retryInterval);
                }
                resp = transport.post(target, contentType, headers, body, timeout);
            } catch (IOException e) {
                if (attempt >= retries) {
                    throw new KojiTransportException("cannot reach " + url + ": " + e.getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KojiTransportException("interrupted while calling " + url, e);
            }
        }
        lastHeaders = resp.headers();
        if (resp.status() != 200) {
            throw new KojiTransportException(resp.status(), new String(resp.body(), StandardCharsets.UTF_8));
        }
        return resp.body();
    }

    private static List<Object> copy(List<?> args) {
        return new ArrayList<>(args);
    }

    private static Map<String, Object> copyMap(Map<String, ?> kwargs) {
        return kwargs.isEmpty() ? Map.of() : new java.util.LinkedHashMap<>(kwargs);
    }

    public static final class Builder {
        private final URI url;
        private Encoding encoding = Encoding.XML;
        private Duration timeout = Duration.ofSeconds(60);
        private HttpTransport transport;
        private DecodeLimits limits = new DecodeLimits(256, Integer.MAX_VALUE - 16, Integer.MAX_VALUE);
        private int retries = 2;
        private Duration retryInterval = Duration.ZERO;

        private Builder(URI url) {
            this.url = Objects.requireNonNull(url);
        }

        public Builder encoding(Encoding encoding) {
            this.encoding = Objects.requireNonNull(encoding);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * How many times a request that got no answer at all (a connection error) is sent again,
         * at once and with the same callnum; 0 turns retries off. HTTP errors are never retried.
         */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries < 0");
            }
            this.retries = retries;
            return this;
        }

        /** The wait before each retry after the first, which is immediate (Koji's retry_interval). */
        public Builder retryInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("retry interval < 0");
            }
            this.retryInterval = interval;
            return this;
        }

        /** Shares one HTTP client (and its connection pool) between several sessions. */
        public Builder httpClient(HttpClient http) {
            this.transport = new JdkHttpTransport(http);
            return this;
        }

        /** Carries requests some other way than the JDK's HTTP client. */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport);
            return this;
        }

        public KojiClient build() {
            return new KojiClient(this);
        }
    }

    boolean prefixUploadsRefused() {
        return prefixUploadsRefused;
    }

    void refusedPrefixUploads() {
        prefixUploadsRefused = true;
    }
}
