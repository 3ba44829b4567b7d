package org.kojinext.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kojinext.hub.testing.RawHttp;
import org.kojinext.hub.testing.TestHub;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * JSON-RPC 2.0 as any HTTP client sees it: hand-written requests, replies read with a generic JSON
 * parser. Errors carry Koji's fault codes; a batch is a multicall.
 */
class JsonRpcOverHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private static JsonNode post(String body, String... headers) {
        HttpResponse<String> r = http.post("application/json", body, headers);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.headers().firstValue("Koji-Version")).isPresent();
        return JSON.readTree(r.body());
    }

    @Test
    void positionalAndNamedParams() {
        JsonNode v = post("{\"jsonrpc\":\"2.0\",\"method\":\"getAPIVersion\",\"id\":1}");
        assertThat(v.get("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(v.get("result").asInt()).isEqualTo(1);
        assertThat(v.get("id").asInt()).isEqualTo(1);

        JsonNode byName = post("{\"jsonrpc\":\"2.0\",\"method\":\"getUser\",\"params\":{\"userInfo\":\"kojiadmin\"},\"id\":\"u\"}");
        assertThat(byName.get("result").get("name").asString()).isEqualTo("kojiadmin");
        assertThat(byName.get("id").asString()).isEqualTo("u");

        JsonNode byPosition = post("{\"jsonrpc\":\"2.0\",\"method\":\"getUser\",\"params\":[\"kojiadmin\"],\"id\":2}");
        assertThat(byPosition.get("result")).isEqualTo(byName.get("result"));

        JsonNode echo = post("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[null, 1099511627776, {\"a\":[true]}],\"id\":3}");
        assertThat(echo.get("result").toString()).isEqualTo("[null,1099511627776,{\"a\":[true]}]");
    }

    @Test
    void errorsCarryKojiFaultCodes() {
        JsonNode unknown = post("{\"jsonrpc\":\"2.0\",\"method\":\"noSuchMethod\",\"id\":5}");
        assertThat(unknown.get("error").get("code").asInt()).isEqualTo(1000);
        assertThat(unknown.get("error").get("message").asString()).isEqualTo("Invalid method: noSuchMethod");
        assertThat(unknown.get("error").get("data").get("fault").asString()).isEqualTo("GenericError");
        assertThat(unknown.get("id").asInt()).isEqualTo(5);

        JsonNode denied = post("{\"jsonrpc\":\"2.0\",\"method\":\"createUser\",\"params\":[\"x\"],\"id\":6}");
        assertThat(denied.get("error").get("code").asInt()).isIn(1002, 1004);

        JsonNode badArgs = post("{\"jsonrpc\":\"2.0\",\"method\":\"getAPIVersion\",\"params\":[1,2],\"id\":7}");
        assertThat(badArgs.get("error").get("code").asInt()).isEqualTo(1019);
        assertThat(badArgs.get("error").get("data").get("fault").asString()).isEqualTo("ParameterError");
    }

    @Test
    void protocolErrorsUseJsonRpcCodes() {
        JsonNode parse = post("{\"jsonrpc\":\"2.0\",\"method\":");
        assertThat(parse.get("error").get("code").asInt()).isEqualTo(-32700);
        assertThat(parse.get("id").isNull()).isTrue();

        JsonNode invalid = post("{\"jsonrpc\":\"1.0\",\"method\":\"hello\",\"id\":9}");
        assertThat(invalid.get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(invalid.get("id").asInt()).isEqualTo(9);

        JsonNode empty = post("[]");
        assertThat(empty.isObject()).isTrue();
        assertThat(empty.get("error").get("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void aNotificationGetsNoReply() {
        HttpResponse<String> r = http.post("application/json", "{\"jsonrpc\":\"2.0\",\"method\":\"hello\"}");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void aBatchIsAMulticallWithPerEntryResults() {
        JsonNode login = post("{\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":[\"kojiadmin\",\""
                + TestHub.ADMIN_PASSWORD + "\"],\"id\":0}").get("result");
        String[] session = {"Koji-Session-Id", login.get("session-id").asString(), "Koji-Session-Key",
                login.get("session-key").asString(), "Koji-Session-Callnum", "0"};

        JsonNode replies = post("""
                [{"jsonrpc":"2.0","method":"createUser","params":["batch-a"],"id":"a"},
                 {"jsonrpc":"2.0","method":"createUser","params":["kojiadmin"],"id":"dup"},
                 {"jsonrpc":"2.0","method":"createUser","params":["batch-b"]},
                 {"jsonrpc":"2.0","id":"bad"},
                 {"jsonrpc":"2.0","method":"getLoggedInUser","id":"me"}]""", session);
        assertThat(replies.isArray()).isTrue();
        assertThat(replies.size()).as("the notification gets no reply").isEqualTo(4);
        assertThat(replies.get(0).get("id").asString()).isEqualTo("a");
        assertThat(replies.get(0).get("result").isInt()).isTrue();
        assertThat(replies.get(1).get("id").asString()).isEqualTo("dup");
        assertThat(replies.get(1).get("error").get("code").asInt()).isEqualTo(1000);
        assertThat(replies.get(1).get("error").get("message").asString()).isEqualTo("user already exists: kojiadmin");
        assertThat(replies.get(2).get("id").asString()).isEqualTo("bad");
        assertThat(replies.get(2).get("error").get("code").asInt()).isEqualTo(-32600);
        assertThat(replies.get(3).get("result").get("name").asString()).isEqualTo("kojiadmin");

        // The failed entry was undone alone: both other users exist, the notification's too.
        JsonNode check = post("""
                [{"jsonrpc":"2.0","method":"getUser","params":["batch-a"],"id":1},
                 {"jsonrpc":"2.0","method":"getUser","params":["batch-b"],"id":2}]""");
        assertThat(check.get(0).get("result").get("name").asString()).isEqualTo("batch-a");
        assertThat(check.get(1).get("result").get("name").asString()).isEqualTo("batch-b");
    }

    @Test
    void theXmlRpcMulticallMethodWorksOverJsonToo() {
        JsonNode r = post("""
                {"jsonrpc":"2.0","method":"system.multicall","params":[[
                  {"methodName":"getAPIVersion","params":[]},
                  {"methodName":"nope","params":[]}]],"id":1}""");
        assertThat(r.get("result").get(0).get(0).asInt()).isEqualTo(1);
        assertThat(r.get("result").get(1).get("faultCode").asInt()).isEqualTo(1000);
    }
}
