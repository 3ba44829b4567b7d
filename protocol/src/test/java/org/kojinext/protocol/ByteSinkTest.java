package org.kojinext.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteSinkTest {
    private static String text(ByteSink s) {
        return new String(s.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void textIsUtf8WithMarkupEscaped() {
        String s = "a<b>&c\r\n é ✓ 𝄞 end";
        ByteSink sink = new ByteSink(1).xmlText(s);
        assertThat(text(sink)).isEqualTo("a&lt;b&gt;&amp;c&#13;\n é ✓ 𝄞 end");
        assertThat(sink.toByteArray()).isEqualTo("a&lt;b&gt;&amp;c&#13;\n é ✓ 𝄞 end".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unpairedSurrogatesBecomeQuestionMarksAsStringGetBytesDoes() {
        String s = "x\uD800y\uDC00z\uD834";
        assertThat(new ByteSink(4).xmlText(s).toByteArray()).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decimalsMatchJava() {
        for (long v : new long[] {0, 7, -7, 10, 2147483647L, -2147483648L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(text(new ByteSink(1).decimal(v))).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void growsPastItsInitialCapacityAndResets() {
        ByteSink sink = new ByteSink(16);
        String big = "x".repeat(100_000);
        sink.ascii(big).write('!');
        assertThat(sink.length()).isEqualTo(100_001);
        sink.reset();
        sink.write("ok".getBytes(StandardCharsets.US_ASCII), 0, 2);
        assertThat(text(sink)).isEqualTo("ok");
    }

    @Test
    void textAcrossManyChunksComesOutWhole() throws Exception {
        ByteSink sink = new ByteSink(64);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            String piece = i % 7 == 0 ? "é<" + i : "build-" + i + "\n";
            sink.xmlText(piece);
            expected.append(piece.replace("<", "&lt;"));
        }
        byte[] want = expected.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(sink.length()).isEqualTo(want.length).isGreaterThan(2 << 20);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        sink.writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(want);
        assertThat(sink.toByteArray()).isEqualTo(want);
    }
}
