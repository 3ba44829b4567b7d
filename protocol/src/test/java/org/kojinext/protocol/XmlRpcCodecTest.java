package org.kojinext.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcCodecTest {
    private static RpcCall call(String xml) throws MalformedRequestException {
        return XmlRpcCodec.decodeCall(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                DecodeLimits.DEFAULT);
    }

    private static String response(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlRpcCodec.encodeResponse(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Object roundTrip(Object value) throws MalformedRequestException {
        return XmlRpcCodec.decodeResponse(new ByteArrayInputStream(response(value).getBytes(StandardCharsets.UTF_8)),
                DecodeLimits.DEFAULT);
    }

    @Test
    void decodesKojisExtensionsAndTheStarstarConvention() throws Exception {
        RpcCall c = call("""
                <?xml version="1.0"?>
                <methodCall><methodName>listTagged</methodName><params>
                <param><value><string>f40</string></value></param>
                <param><value>bare text</value></param>
                <param><value><nil/></value></param>
                <param><value><ex:nil xmlns:ex="http://ws.apache.org/xmlrpc/namespaces/extensions"/></value></param>
                <param><value><i8>1099511627776</i8></value></param>
                <param><value><i4>-7</i4></value></param>
                <param><value><boolean>1</boolean></value></param>
                <param><value><double>1.5</double></value></param>
                <param><value><base64>aGk=</base64></value></param>
                <param><value><dateTime.iso8601>20240104T20:02:18</dateTime.iso8601></value></param>
                <param><value><array><data><value><int>1</int></value><value/></data></array></value></param>
                <param><value><struct>
                  <member><name>latest</name><value><boolean>1</boolean></value></member>
                  <member><name>__starstar</name><value><boolean>1</boolean></value></member>
                </struct></value></param>
                </params></methodCall>""");
        assertThat(c.method()).isEqualTo("listTagged");
        assertThat(c.args()).hasSize(11);
        assertThat(c.args().subList(0, 8)).containsExactly("f40", "bare text", null, null, 1099511627776L, -7,
                true, 1.5);
        assertThat((byte[]) c.args().get(8)).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.args().get(9)).isEqualTo(LocalDateTime.of(2024, 1, 4, 20, 2, 18));
        assertThat(c.args().get(10)).isEqualTo(List.of(1, ""));
        assertThat(c.kwargs()).isEqualTo(Map.of("latest", true));
    }

    @Test
    void aCallWithoutParamsHasNoArguments() throws Exception {
        assertThat(call("<methodCall><methodName>hello</methodName></methodCall>").args()).isEmpty();
        assertThat(call("<methodCall><methodName>hello</methodName><params/></methodCall>").args()).isEmpty();
    }

    @Test
    void encodesIntegersBySizeNilAndDatetimesAsKojiDoes() {
        String xml = response(Arrays.asList(5, 1L << 40, null, true,
                OffsetDateTime.of(2024, 1, 4, 20, 2, 18, 123456000, ZoneOffset.UTC),
                OffsetDateTime.of(2024, 1, 4, 20, 2, 18, 0, ZoneOffset.ofHours(2)), "a<b&c"));
        assertThat(xml).startsWith("<?xml version='1.0'?>")
                .contains("<value><int>5</int></value>")
                .contains("<value><i8>1099511627776</i8></value>")
                .contains("<value><nil/></value>")
                .contains("<value><boolean>1</boolean></value>")
                .contains("<string>2024-01-04 20:02:18.123456+00:00</string>")
                .contains("<string>2024-01-04 20:02:18+02:00</string>")
                .contains("<string>a&lt;b&amp;c</string>");
    }

    @Test
    void structKeysMustBeStrings() {
        assertThatThrownBy(() -> response(Map.of(1, "x"))).hasMessage("dictionary key must be string");
    }

    @Test
    void roundTripsNestedValues() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 3);
        m.put("big", -(1L << 50));
        m.put("none", null);
        m.put("list", List.of("x", List.of(), Map.of()));
        m.put("text", "ünïcode \r\n\t <tag> & \"quotes\"");
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Test
    void aFaultResponseIsThrownWithItsCode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlRpcCodec.encodeFault(1019, "bad <args>", out);
        assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(new ByteArrayInputStream(out.toByteArray()),
                DecodeLimits.DEFAULT))
                .isInstanceOfSatisfying(KojiFault.class, f -> {
                    assertThat(f.code()).isEqualTo(1019);
                    assertThat(f.faultName()).isEqualTo("ParameterError");
                    assertThat(f.getMessage()).isEqualTo("bad <args>");
                });
    }

    @Test
    void refusesExternalEntities() {
        assertThatThrownBy(() -> call("""
                <?xml version="1.0"?>
                <!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <methodCall><methodName>echo</methodName><params>
                <param><value><string>&xxe;</string></value></param></params></methodCall>"""))
                .isInstanceOf(MalformedRequestException.class)
                .hasMessageNotContaining("root:");
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE m [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        assertThatThrownBy(() -> call(dtd + "<methodCall><methodName>echo</methodName><params>"
                + "<param><value><string>&l9;</string></value></param></params></methodCall>"))
                .isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void refusesUndeclaredEntitiesButKeepsCharacterReferences() throws Exception {
        assertThatThrownBy(() -> call("<methodCall><methodName>echo</methodName><params>"
                + "<param><value>&nope;</value></param></params></methodCall>"))
                .isInstanceOf(MalformedRequestException.class);
        assertThat(call("<methodCall><methodName>echo</methodName><params>"
                + "<param><value>&lt;&#65;&#x42;&amp;</value></param></params></methodCall>").args())
                .containsExactly("<AB&");
    }

    @Test
    void boundsDepthStringLengthAndValueCount() {
        DecodeLimits tight = new DecodeLimits(3, 10, 5);
        String deep = "<value><array><data>".repeat(4) + "</data></array></value>".repeat(4);
        assertThatThrownBy(() -> XmlRpcCodec.decodeCall(bytes("<methodCall><methodName>x</methodName><params><param>"
                + deep + "</param></params></methodCall>"), tight))
                .hasMessageContaining("nesting deeper than 3");
        assertThatThrownBy(() -> XmlRpcCodec.decodeCall(bytes("<methodCall><methodName>x</methodName><params><param>"
                + "<value><string>" + "a".repeat(11) + "</string></value></param></params></methodCall>"), tight))
                .hasMessageContaining("string longer than 10");
        assertThatThrownBy(() -> XmlRpcCodec.decodeCall(bytes("<methodCall><methodName>x</methodName><params>"
                + "<param><value><int>1</int></value></param>".repeat(6) + "</params></methodCall>"), tight))
                .hasMessageContaining("too many values");
    }

    @Test
    void malformedDocumentsGiveAOneLineReason() {
        for (String bad : List.of("", "not xml", "<methodCall>", "<methodCall><methodName>x</methodName><params>"
                + "<param><value><int>abc</int></value></param></params></methodCall>",
                "<methodCall><methodName>x</methodName><params><param><value><boolean>2</boolean></value>"
                        + "</param></params></methodCall>",
                "<methodCall><methodName>x</methodName><params><param><value><object/></value></param>"
                        + "</params></methodCall>",
                "<methodCall><methodName>x</methodName></methodCall><extra/>",
                "<methodCall><methodName></methodName></methodCall>")) {
            assertThatThrownBy(() -> call(bad)).as(bad).isInstanceOf(MalformedRequestException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
