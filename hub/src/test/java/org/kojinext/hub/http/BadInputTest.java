package org.kojinext.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.RawHttp;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.KojiClient;

/**
 * Hostile and broken requests over real HTTP, with the bytes written by hand. Each gets the fault
 * or status a Koji client expects, never a stack trace, and the hub goes on serving.
 */
class BadInputTest {
    private static final Pattern FAULT = Pattern.compile(
            "<name>faultCode</name>\\s*<value><int>(\\d+)</int></value>.*<name>faultString</name>\\s*"
                    + "<value><string>(.*?)</string>", Pattern.DOTALL);
    private static TestHub hub;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        http = new RawHttp(hub.url());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @AfterEach
    void hubStillServes() {
        HttpResponse<String> r = http.post("text/xml", RawHttp.xmlCall("hello"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Hello World");
    }

    /** The fault code and string of an XML-RPC fault response, read without our codec. */
    private static Fault xmlFault(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Koji-Version")).isPresent();
        assertThat(r.body()).doesNotContain("at org.", "Exception:", "\tat ");
        Matcher m = FAULT.matcher(r.body());
        assertThat(m.find()).as("a fault in: %s", r.body()).isTrue();
        return new Fault(Integer.parseInt(m.group(1)),
                m.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }

    private record Fault(int code, String message) {
    }

    @Test
    void malformedXmlIsFaultOneWithAOneLineReason() {
        for (String body : List.of("<methodCall><methodName>hello", "not xml at all", "<methodCall></wrong>",
                RawHttp.xmlCall("echo", "<int>twelve</int>"), RawHttp.xmlCall("echo", "<struct><member/></struct>"),
                RawHttp.xmlCall("echo", "<frobnicate>1</frobnicate>"))) {
            Fault f = xmlFault(http.post("text/xml", body));
            assertThat(f.code()).as(body).isEqualTo(1);
            assertThat(f.message()).startsWith("malformed XML-RPC request: ").doesNotContain("\n");
        }
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE methodCall [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <methodCall><methodName>echo</methodName><params>
                <param><value><string>&xxe;</string></value></param></params></methodCall>""";
        HttpResponse<String> r = http.post("text/xml", xxe);
        Fault f = xmlFault(r);
        assertThat(f.code()).isEqualTo(1);
        assertThat(f.message()).contains("DTD");
        assertThat(r.body()).doesNotContain("root:");
    }

    @Test
    void billionLaughsIsRefusedAtOnce() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        String prev = "lol";
        for (int i = 1; i <= 9; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"").append(("&" + prev + ";").repeat(10)).append("\">");
            prev = "lol" + i;
        }
        doc.append("]>").append(RawHttp.xmlCall("echo", "<string>&lol9;</string>").replace("<?xml version='1.0'?>\n", ""));
        long start = System.nanoTime();
        Fault f = xmlFault(http.post("text/xml", doc.toString()));
        assertThat(f.code()).isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to refuse").isLessThan(5_000);
    }

    @Test
    void anOversizedBodyIsKojisRequestTooLong() {
        String huge = RawHttp.xmlCall("echo", "<string>" + "x".repeat(5 * 1024 * 1024) + "</string>");
        // Several in a row: each must get its answer, not a connection the hub dropped mid-send.
        for (int i = 0; i < 3; i++) {
            Fault f = xmlFault(http.post("text/xml", huge));
            assertThat(f.code()).isEqualTo(1000);
            assertThat(f.message()).isEqualTo("Request too long");
        }

        HttpResponse<String> json = http.post("application/json",
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + "x".repeat(5 * 1024 * 1024) + "\"],\"id\":1}");
        assertThat(json.body()).contains("\"code\":1000").contains("Request too long");
    }

    @Test
    void deepNestingIsRefusedInBothEncodings() {
        String deep = "<array><data><value>".repeat(200) + "<int>1</int>" + "</value></data></array>".repeat(200);
        Fault f = xmlFault(http.post("text/xml", RawHttp.xmlCall("echo", deep)));
        assertThat(f.code()).isEqualTo(1);
        assertThat(f.message()).contains("nesting deeper than 30");

        String json = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":" + "[".repeat(5000) + "]".repeat(5000)
                + ",\"id\":1}";
        HttpResponse<String> r = http.post("application/json", json);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"code\":-32700").contains("nesting");
    }

    @Test
    void anEmptyBodyIsABadRequestAsInKoji() {
        HttpResponse<String> r = http.post("text/xml", "");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Empty request\n");
    }

    @Test
    void onlyPostIsAllowed() {
        HttpResponse<String> r = http.get();
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void wrongTypesAreParameterOrGenericErrors() {
        // Too many arguments: Python's own TypeError becomes a ParameterError in Koji.
        Fault extra = xmlFault(http.post("text/xml", RawHttp.xmlCall("getAPIVersion", "<int>1</int>")));
        assertThat(extra.code()).isEqualTo(1019);
        assertThat(extra.message()).contains("getAPIVersion()").contains("positional argument");
        // An unknown keyword.
        Fault kw = xmlFault(http.post("text/xml", RawHttp.xmlCall("getUser",
                "<struct><member><name>bogus</name><value><int>1</int></value></member>"
                        + "<member><name>__starstar</name><value><boolean>1</boolean></value></member></struct>")));
        assertThat(kw.code()).isEqualTo(1019);
        assertThat(kw.message()).contains("unexpected keyword argument 'bogus'");
        // A struct where a user name or id belongs.
        Fault type = xmlFault(http.post("text/xml", RawHttp.xmlCall("getUser", "<array><data/></array>")));
        assertThat(type.code()).isIn(1000, 1019);
    }

    @Test
    void anUnknownMethodIsInvalidMethod() {
        Fault f = xmlFault(http.post("text/xml", RawHttp.xmlCall("noSuchMethod")));
        assertThat(f.code()).isEqualTo(1000);
        assertThat(f.message()).isEqualTo("Invalid method: noSuchMethod");
    }

    @Test
    void aMissingPermissionIsActionNotAllowed() {
        Fault anon = xmlFault(http.post("text/xml", RawHttp.xmlCall("createUser", "<string>mallory</string>")));
        assertThat(anon.code()).isEqualTo(1004);
        assertThat(anon.message()).isEqualTo("admin permission required (user not logged in)");

        KojiClient admin = hub.admin(Encoding.XML);
        admin.callKw("createUser", List.of("plain-user"), java.util.Map.of("password", "pw"));
        KojiClient plain = hub.client(Encoding.XML);
        plain.login("plain-user", "pw");
        Fault denied = xmlFault(http.post("text/xml", RawHttp.xmlCall("createUser", "<string>mallory</string>"),
                sessionHeaders(plain, 5)));
        assertThat(denied.code()).isEqualTo(1004);
        assertThat(denied.message()).isEqualTo("admin permission required (logged in as plain-user)");
        assertThat(admin.call("getUser", "mallory")).isNull();
    }

    @Test
    void aReplayedCallnumIsRetryErrorAndAnOlderOneSequenceError() {
        KojiClient admin = hub.admin(Encoding.XML);
        String create = RawHttp.xmlCall("createUser", "<string>replayed</string>");
        assertThat(http.post("text/xml", create, sessionHeaders(admin, 7)).body()).doesNotContain("fault");
        Fault retry = xmlFault(http.post("text/xml", RawHttp.xmlCall("createUser", "<string>replayed-2</string>"),
                sessionHeaders(admin, 7)));
        assertThat(retry.code()).isEqualTo(1009);
        Fault older = xmlFault(http.post("text/xml", RawHttp.xmlCall("getLoggedInUser"), sessionHeaders(admin, 3)));
        assertThat(older.code()).isEqualTo(1008);
        assertThat(older.message()).isEqualTo("7 > 3 (session " + admin.sessionId() + ")");
        assertThat(hub.client(Encoding.XML).call("getUser", "replayed-2")).isNull();
    }

    @Test
    void aForgedOrMalformedSessionIsAnAuthError() {
        KojiClient admin = hub.admin(Encoding.XML);
        String forgedKey = TestHub.forgedKey(admin.sessionKey());
        for (String[] headers : List.of(
                new String[] {"Koji-Session-Id", admin.sessionId().toString(), "Koji-Session-Key", forgedKey},
                new String[] {"Koji-Session-Id", "999999", "Koji-Session-Key", admin.sessionKey()},
                new String[] {"Koji-Session-Id", "not-a-number", "Koji-Session-Key", "x"},
                new String[] {"Koji-Session-Id", admin.sessionId().toString()})) {
            Fault f = xmlFault(http.post("text/xml", RawHttp.xmlCall("getLoggedInUser"), headers));
            assertThat(f.code()).as(String.join(" ", headers)).isEqualTo(1002);
        }
    }

    @Test
    void aFloodOfGarbageDoesNotTakeTheHubDown() throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = i % 2 == 0 ? "<methodCall><methodName>x</methodName><params><param><value><array>"
                        : "{\"jsonrpc\":\"2.0\",\"method\":";
                String type = i % 2 == 0 ? "text/xml" : "application/json";
                jobs.add(() -> http.postOnNewConnection(type, body));
            }
            for (Future<Integer> f : pool.invokeAll(jobs)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String[] sessionHeaders(KojiClient c, int callnum) {
        return new String[] {"Koji-Session-Id", c.sessionId().toString(), "Koji-Session-Key", c.sessionKey(),
                "Koji-Session-Callnum", Integer.toString(callnum)};
    }
}
