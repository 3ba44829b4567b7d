package org.kojinext.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomized tests of both decoders, seeded so a failure can be replayed. Random values must
 * survive a round trip; mutated documents must decode or be refused as malformed, and nothing
 * else: no other exception, no hang.
 */
class DecoderFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261125L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 3000);
    private static final DecodeLimits LIMITS = new DecodeLimits(16, 4096, 10_000);

    @Test
    void randomValuesRoundTripInBothEncodings() throws Exception {
        Random rnd = new Random(SEED);
        for (int i = 0; i < ROUNDS; i++) {
            List<Object> args = new ArrayList<>();
            for (int n = rnd.nextInt(4); n > 0; n--) {
                args.add(value(rnd, 0));
            }
            RpcCall call = new RpcCall("m" + i, args, Map.of());

            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            XmlRpcCodec.encodeCall(call.method(), call.args(), xml);
            RpcCall viaXml = XmlRpcCodec.decodeCall(new ByteArrayInputStream(xml.toByteArray()), LIMITS);
            assertThat(viaXml.args()).as("seed %d round %d xml", SEED, i).isEqualTo(args);

            ByteArrayOutputStream json = new ByteArrayOutputStream();
            JsonRpcCodec.encodeRequest(i, call, json);
            RpcCall viaJson = JsonRpcCodec.decodeRequest(new ByteArrayInputStream(json.toByteArray()), LIMITS)
                    .entries().get(0).call();
            assertThat(viaJson.args()).as("seed %d round %d json", SEED, i).isEqualTo(args);
        }
    }

    @Test
    void mutatedXmlIsDecodedOrRefusedAsMalformed() {
        Random rnd = new Random(SEED + 1);
        String[] fragments = {"<", ">", "</value>", "<value>", "<struct>", "<array><data>", "&", "&lt;",
                "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&a;", "<![CDATA[x]]>", "<!-- c -->", "<?pi x?>", "\u0000",
                "<i8>99999999999999999999</i8>", "<nil/>", "<member><name>", "\"", "'", "]]>"};
        int refused = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] doc = mutate(rnd, validXml(rnd), fragments);
            try {
                XmlRpcCodec.decodeCall(new ByteArrayInputStream(doc), LIMITS);
            } catch (MalformedRequestException e) {
                refused++;
                assertThat(e.getMessage()).doesNotContain("\n");
            }
        }
        assertThat(refused).as("most mutations break the document").isGreaterThan(ROUNDS / 4);
    }

    @Test
    void mutatedJsonIsDecodedOrRefusedAsMalformed() {
        Random rnd = new Random(SEED + 2);
        String[] fragments = {"{", "}", "[", "]", ",", ":", "\"", "\\", "null", "1e999", "-", "99999999999999999999999",
                "\"__starstar\":true", "\"id\":", "\u0000", "\\u00", "tru", "NaN"};
        int refused = 0;
        for (int i = 0; i < ROUNDS; i++) {
            RpcCall call = new RpcCall("m", java.util.Collections.singletonList(value(rnd, 0)), Map.of());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            JsonRpcCodec.encodeRequest(i, call, json);
            byte[] doc = mutate(rnd, json.toByteArray(), fragments);
            try {
                JsonRpcCodec.decodeRequest(new ByteArrayInputStream(doc), LIMITS);
            } catch (MalformedRequestException e) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(ROUNDS / 4);
    }

    private static byte[] validXml(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlRpcCodec.encodeCall("m", java.util.Arrays.asList(value(rnd, 0), value(rnd, 0)), out);
        return out.toByteArray();
    }

    private static byte[] mutate(Random rnd, byte[] doc, String[] fragments) {
        String s = new String(doc, StandardCharsets.UTF_8);
        for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
            int at = s.isEmpty() ? 0 : rnd.nextInt(s.length());
            switch (rnd.nextInt(4)) {
                case 0 -> s = s.substring(0, at); // truncate
                case 1 -> s = s.substring(0, at) + fragments[rnd.nextInt(fragments.length)] + s.substring(at);
                case 2 -> s = s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + rnd.nextInt(8)));
                default -> {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    if (b.length > 0) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                    return b;
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A random value of the kinds both encodings carry exactly (not bytes or datetimes). */
    private static Object value(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> rnd.nextBoolean();
            case 2 -> rnd.nextInt();
            case 3 -> rnd.nextBoolean() ? (Object) (rnd.nextLong() | (1L << 40)) : (Object) (rnd.nextInt(1000) / 8.0);
            case 4, 5 -> string(rnd);
            case 6 -> {
                List<Object> list = new ArrayList<>();
                for (int n = rnd.nextInt(4); n > 0; n--) {
                    list.add(value(rnd, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = rnd.nextInt(4); n > 0; n--) {
                    map.put(string(rnd), value(rnd, depth + 1));
                }
                yield map;
            }
        };
    }

    private static String string(Random rnd) {
        String alphabet = "ab <>&;\"'\t\néü€𝄞]]>";
        StringBuilder sb = new StringBuilder();
        for (int n = rnd.nextInt(12); n > 0; n--) {
            int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, rnd.nextInt(alphabet.codePointCount(0,
                    alphabet.length()))));
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
