package org.kojinext.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRpcCodecTest {
    private static JsonRpcRequest decode(String json) throws MalformedRequestException {
        return JsonRpcCodec.decodeRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                DecodeLimits.DEFAULT);
    }

    @Test
    void positionalNamedAndStarstarParams() throws Exception {
        JsonRpcRequest.Entry pos = decode("""
                {"jsonrpc":"2.0","method":"getTag","params":["f40", {"strict": true, "__starstar": true}],"id":7}""")
                .entries().get(0);
        assertThat(pos.id()).isEqualTo(7);
        assertThat(pos.call().args()).containsExactly("f40");
        assertThat(pos.call().kwargs()).isEqualTo(Map.of("strict", true));

        JsonRpcRequest.Entry named = decode("""
                {"jsonrpc":"2.0","method":"getUser","params":{"userInfo":"kojiadmin"},"id":"a"}""").entries().get(0);
        assertThat(named.call().args()).isEmpty();
        assertThat(named.call().kwargs()).isEqualTo(Map.of("userInfo", "kojiadmin"));
        assertThat(named.notification()).isFalse();

        JsonRpcRequest.Entry note = decode("{\"jsonrpc\":\"2.0\",\"method\":\"hello\"}").entries().get(0);
        assertThat(note.notification()).isTrue();
        assertThat(note.call().args()).isEmpty();
    }

    @Test
    void largeIntegersStayExact() throws Exception {
        List<Object> args = decode("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1, 1099511627776, 1.5],\"id\":1}")
                .entries().get(0).call().args();
        assertThat(args).containsExactly(1, 1099511627776L, 1.5);
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[123456789012345678901234],\"id\":1}"))
                .isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void invalidEntriesKeepTheirIdsInABatch() throws Exception {
        JsonRpcRequest batch = decode("""
                [{"jsonrpc":"2.0","method":"hello","id":1},
                 {"jsonrpc":"1.0","method":"hello","id":2},
                 {"jsonrpc":"2.0","id":3},
                 {"jsonrpc":"2.0","method":"x","params":5,"id":4},
                 17]""");
        assertThat(batch.batch()).isTrue();
        assertThat(batch.entries()).extracting(JsonRpcRequest.Entry::invalidReason)
                .containsExactly(null, "jsonrpc must be \"2.0\"", "method must be a non-empty string",
                        "params must be an array or an object", "a request must be an object");
        assertThat(batch.entries()).extracting(JsonRpcRequest.Entry::id).containsExactly(1, 2, 3, 4, null);
        assertThat(decode("[]").entries().get(0).invalidReason()).isEqualTo("empty batch");
    }

    @Test
    void errorsCarryTheKojiFaultCodeAndName() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRpcCodec.encode(JsonRpcResponse.fault(9, new KojiFault(FaultCode.ACTION_NOT_ALLOWED, "no")), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                {"jsonrpc":"2.0","error":{"code":1004,"message":"no","data":{"faultCode":1004,\
                "faultString":"no","fault":"ActionNotAllowed"}},"id":9}""");
    }

    @Test
    void responsesRoundTripThroughTheClientDecoder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRpcCodec.encodeBatch(List.of(JsonRpcResponse.result(0, Map.of("a", List.of(1, "b"))),
                JsonRpcResponse.error(1, 1002, "denied", "AuthError")), out);
        List<JsonRpcResponse> back = JsonRpcCodec.decodeResponses(new ByteArrayInputStream(out.toByteArray()),
                DecodeLimits.DEFAULT);
        assertThat(back.get(0).result()).isEqualTo(Map.of("a", List.of(1, "b")));
        assertThat(back.get(1).toFault().code()).isEqualTo(1002);
        assertThat(back.get(1).faultName()).isEqualTo("AuthError");
    }

    @Test
    void boundsDepthAndStrings() {
        DecodeLimits tight = new DecodeLimits(4, 10, 100);
        String deep = "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":" + "[".repeat(5) + "]".repeat(5) + "}";
        assertThatThrownBy(() -> JsonRpcCodec.decodeRequest(new ByteArrayInputStream(deep.getBytes()), tight))
                .isInstanceOf(MalformedRequestException.class).hasMessageContaining("nesting");
        String longString = "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":[\"" + "a".repeat(11) + "\"]}";
        assertThatThrownBy(() -> JsonRpcCodec.decodeRequest(new ByteArrayInputStream(longString.getBytes()), tight))
                .isInstanceOf(MalformedRequestException.class);
        String million = "[" + "1,".repeat(1_000_000) + "1]";
        assertThatThrownBy(() -> JsonRpcCodec.decodeRequest(new ByteArrayInputStream(million.getBytes()),
                DecodeLimits.DEFAULT)).hasMessageContaining("too many values");
    }

    @Test
    void syntaxErrorsAreMalformedRequests() {
        for (String bad : List.of("", "{", "{\"a\":}", "[1,]", "nul", "{} {}", "\"unterminated")) {
            assertThatThrownBy(() -> decode(bad)).as(bad).isInstanceOf(MalformedRequestException.class);
        }
    }
}
