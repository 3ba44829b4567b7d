package org.kojinext.hub.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RpmReader against packages rpmbuild makes at test time, checked field by field with `rpm -qp`. */
class RpmReaderTest {
    @TempDir
    static Path tmp;
    private static final List<Path> RPMS = new ArrayList<>();

    private static final String DEMO_SPEC = """
            Name: demo
            Version: 1.2
            Release: 3.kn
            Epoch: 2
            Summary: Demo
            License: MIT

            %description
            Arch-specific main package with a noarch subpackage.

            %package data
            Summary: Demo data
            BuildArch: noarch

            %description data
            Data.

            %install
            mkdir -p %{buildroot}/usr/lib/demo %{buildroot}/usr/share/demo
            echo main > %{buildroot}/usr/lib/demo/main
            echo data > %{buildroot}/usr/share/demo/data

            %files
            /usr/lib/demo/main

            %files data
            /usr/share/demo/data
            """;

    private static final String PLAIN_SPEC = """
            Name: plain
            Version: 0.1
            Release: 1
            Summary: No epoch
            License: MIT
            BuildArch: noarch

            %description
            No epoch.

            %install
            mkdir -p %{buildroot}/usr/share/plain
            echo plain > %{buildroot}/usr/share/plain/file

            %files
            /usr/share/plain/file
            """;

    @BeforeAll
    static void build() throws Exception {
        Path top = tmp.resolve("top");
        for (String spec : List.of(DEMO_SPEC, PLAIN_SPEC)) {
            Path file = tmp.resolve(spec.lines().findFirst().orElseThrow().substring(6) + ".spec");
            Files.writeString(file, spec);
            for (String mode : List.of("-bb", "-bs")) {
                run("rpmbuild", mode, "--quiet", "--define", "_topdir " + top, "--define", "debug_package %{nil}",
                        "--define", "_build_id_links none", file.toString());
            }
        }
        try (Stream<Path> files = Files.walk(top)) {
            files.filter(p -> p.toString().endsWith(".rpm")).sorted().forEach(RPMS::add);
        }
        assertThat(RPMS).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "demo-1.2-3.kn." + run("rpm", "--eval", "%{_arch}").strip() + ".rpm",
                "demo-data-1.2-3.kn.noarch.rpm", "demo-1.2-3.kn.src.rpm",
                "plain-0.1-1.noarch.rpm", "plain-0.1-1.src.rpm");
    }

    static Stream<Named<Path>> rpms() {
        return RPMS.stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    @ParameterizedTest
    @MethodSource("rpms")
    void everyFieldMatchesRpmQuery(Path file) throws Exception {
        RpmInfo info = RpmReader.read(file);
        String[] q = run("rpm", "-qp", "--qf", "%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{BUILDTIME}"
                + "\\t%{SIGMD5}\\t%{SOURCERPM}\\t%{PAYLOADDIGEST}\\t%{PAYLOADDIGESTALGO}\\t%{SHA256HEADER}",
                file.toString()).split("\t", -1);
        boolean source = q[7].equals("(none)");
        assertThat(source).isEqualTo(file.toString().endsWith(".src.rpm"));

        assertThat(info.name()).isEqualTo(q[0]);
        assertThat(info.epoch()).isEqualTo(q[1].equals("(none)") ? null : Integer.valueOf(q[1]));
        assertThat(info.version()).isEqualTo(q[2]);
        assertThat(info.release()).isEqualTo(q[3]);
        // rpm prints a source header's build arch; Koji's import_rpm records "src" instead.
        assertThat(info.arch()).isEqualTo(source ? "src" : q[4]);
        assertThat(file.getFileName().toString()).endsWith("." + info.arch() + ".rpm");
        assertThat(info.buildtime()).isEqualTo(Long.parseLong(q[5]));
        assertThat(info.payloadhash()).isEqualTo(q[6]).hasSize(32);
        assertThat(info.sourcerpm()).isEqualTo(source ? null : q[7]);
        assertThat(info.payloadDigest()).isEqualTo(q[8]);
        assertThat(info.payloadDigestAlgo()).isEqualTo(Integer.valueOf(q[9]));
        assertThat(info.headerSha256()).isEqualTo(q[10]);
        assertThat(info.size()).isEqualTo(Files.size(file));
    }

    @ParameterizedTest
    @MethodSource("rpms")
    void sha256IsTheWholeFilesDigest(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(run("sha256sum", file.toString()).split(" ")[0]).isEqualTo(expected);
        assertThat(RpmReader.read(file).sha256()).isEqualTo(expected);
        assertThat(RpmReader.read(new ByteArrayInputStream(bytes)).sha256()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("rpms")
    void offsetsAndSignatureBytesLocateBothHeaders(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        RpmInfo info = RpmReader.read(file);
        int mainAt = Math.toIntExact(info.mainHeaderOffset());
        assertThat(info.signatureHeader()).isEqualTo(Arrays.copyOfRange(bytes, 96, mainAt));
        assertThat(mainAt % 8).isZero();

        RpmReader.Headers headers;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            headers = RpmReader.readHeaders(in);
            // The stream is left at the payload, whose SHA-256 is the header's PAYLOADDIGEST.
            assertThat(sha256(in.readAllBytes())).isEqualTo(info.payloadDigest());
        }
        int mainEnd = mainAt + headers.main().length();
        assertThat(headers.main().bytes()).isEqualTo(Arrays.copyOfRange(bytes, mainAt, mainEnd));
        // SHA256HEADER in the signature is the digest of exactly the main header's bytes.
        assertThat(sha256(Arrays.copyOfRange(bytes, mainAt, mainEnd))).isEqualTo(info.headerSha256());
    }

    @Test
    void epochArchAndSourcerpmOfEachPackage() throws Exception {
        String arch = run("rpm", "--eval", "%{_arch}").strip();
        for (Path p : RPMS) {
            RpmInfo info = RpmReader.read(p);
            String file = p.getFileName().toString();
            assertThat(info.epoch()).as(file).isEqualTo(file.startsWith("demo") ? 2 : null);
            String nvr = info.name() + "-" + info.version() + "-" + info.release();
            assertThat(file).isEqualTo(nvr + "." + info.arch() + ".rpm");
            if (file.endsWith(".src.rpm")) {
                assertThat(info.sourcerpm()).as(file).isNull();
            } else {
                String srpm = (file.startsWith("demo") ? "demo-1.2-3.kn" : "plain-0.1-1") + ".src.rpm";
                assertThat(info.sourcerpm()).as(file).isEqualTo(srpm);
                assertThat(info.arch()).as(file).isEqualTo(file.startsWith("demo-1") ? arch : "noarch");
            }
        }
    }

    @Test
    void typedAccessorsReadEachType() throws Exception {
        Path main = RPMS.stream().filter(p -> p.getFileName().toString().startsWith("demo-1.2-3.kn.")
                && !p.toString().endsWith(".src.rpm")).findFirst().orElseThrow();
        RpmReader.Headers h;
        try (InputStream in = Files.newInputStream(main)) {
            h = RpmReader.readHeaders(in);
        }
        Header hdr = h.main();
        assertThat(hdr.string(RpmTag.NAME)).isEqualTo("demo");
        assertThat(hdr.type(RpmTag.SUMMARY)).isEqualTo(RpmTag.TYPE_I18NSTRING);
        assertThat(hdr.string(RpmTag.SUMMARY)).isEqualTo("Demo");
        assertThat(hdr.stringArray(RpmTag.SUMMARY)).containsExactly("Demo");
        assertThat(hdr.int32(RpmTag.EPOCH)).containsExactly(2);
        assertThat(hdr.stringArray(1117)).containsExactly("main"); // BASENAMES
        assertThat(hdr.stringArray(1118)).containsExactly("/usr/lib/demo/"); // DIRNAMES
        assertThat(hdr.int16(1030)).containsExactly((short) 0100644); // FILEMODES
        assertThat(hdr.int32(1028)).containsExactly(5); // FILESIZES: "main\n"
        assertThat(hdr.int8(RpmTag.SIG_LONGSIZE)).isNull();
        assertThat(h.signature().bin(RpmTag.SIG_MD5)).hasSize(16);
        assertThat(h.signature().integer(RpmTag.SIG_SIZE))
                .isEqualTo(Files.size(main) - h.mainHeaderOffset());
        assertThat(hdr.has(RpmTag.SOURCEPACKAGE)).isFalse();
        assertThatThrownBy(() -> hdr.int32(RpmTag.NAME)).isInstanceOf(RpmFormatException.class)
                .hasMessage("main header tag 1000 has unexpected type 6");
    }

    @Test
    void int64AccessorReadsALongTag() throws Exception {
        byte[] blob = header(List.of(new int[] {5009, RpmTag.TYPE_INT64, 0, 2}),
                ByteBuffer.allocate(16).putLong(1L << 40).putLong(-1L).array());
        Header h = Header.parse(blob, "test header");
        assertThat(h.int64(5009)).containsExactly(1L << 40, -1L);
        assertThat(h.integer(5009)).isEqualTo(1L << 40);
    }

    // --- malformed input ---

    @Test
    void emptyFile() throws Exception {
        assertThat(failure(new byte[0])).isEqualTo("not an RPM: empty file");
    }

    @Test
    void badLeadMagic() throws Exception {
        byte[] bytes = demo();
        bytes[1] = 0;
        assertThat(failure(bytes)).isEqualTo("not an RPM: bad lead magic");
        assertThat(failure("#!/bin/sh\necho not an rpm\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("not an RPM: bad lead magic");
    }

    @Test
    void badHeaderMagic() throws Exception {
        byte[] bytes = demo();
        bytes[96] = 0;
        assertThat(failure(bytes)).isEqualTo("not an RPM: bad signature header magic");
        bytes = demo();
        bytes[mainAt(bytes) + 2] = 0;
        assertThat(failure(bytes)).isEqualTo("not an RPM: bad main header magic");
    }

    @Test
    void truncatedAtEveryPart() throws Exception {
        byte[] bytes = demo();
        int mainAt = mainAt(bytes);
        int mainEnd = mainAt + 16 + 16 * intAt(bytes, mainAt + 8) + intAt(bytes, mainAt + 12);
        assertThat(failure(Arrays.copyOf(bytes, 3))).isEqualTo("truncated lead");
        assertThat(failure(Arrays.copyOf(bytes, 50))).isEqualTo("truncated lead");
        assertThat(failure(Arrays.copyOf(bytes, 95))).isEqualTo("truncated lead");
        for (int cut : new int[] {96, 100, 96 + 12, 96 + 40, mainAt - 1}) {
            assertThat(failure(Arrays.copyOf(bytes, cut))).as("cut at %d", cut).isEqualTo("truncated signature header");
        }
        for (int cut : new int[] {mainAt, mainAt + 10, mainAt + 100, mainEnd - 1}) {
            assertThat(failure(Arrays.copyOf(bytes, cut))).as("cut at %d", cut).isEqualTo("truncated main header");
        }
        assertThat(failure(Arrays.copyOf(bytes, mainEnd + 10))).startsWith("truncated payload: file has "
                + (mainEnd + 10) + " bytes, its signature header says " + bytes.length);
        assertThat(failure(Arrays.copyOf(bytes, bytes.length + 3)))
                .isEqualTo("file has 3 bytes past the end its signature header gives");
    }

    @Test
    void indexCountAboveTheLimit() throws Exception {
        byte[] bytes = demo();
        putInt(bytes, 96 + 8, 0x10000);
        assertThat(failure(bytes)).isEqualTo("signature header index count 65536 is outside 0..65535");
        bytes = demo();
        putInt(bytes, mainAt(bytes) + 8, -1);
        assertThat(failure(bytes)).isEqualTo("main header index count 4294967295 is outside 0..65535");
    }

    @Test
    void dataSizeAboveTheLimit() throws Exception {
        byte[] bytes = demo();
        putInt(bytes, mainAt(bytes) + 12, (256 << 20) + 1);
        assertThat(failure(bytes)).isEqualTo("main header data size 268435457 is outside 0..268435456");
    }

    @Test
    void entriesOutsideTheStore() throws Exception {
        byte[] bytes = demo();
        int mainAt = mainAt(bytes);
        int dataSize = intAt(bytes, mainAt + 12);
        int entry = mainAt + 16 + 16 * 3; // the fourth index entry
        int tag = intAt(bytes, entry);
        putInt(bytes, entry + 8, dataSize + 1);
        assertThat(failure(bytes)).isEqualTo("main header tag " + tag + " offset " + (dataSize + 1)
                + " is outside the data store");

        bytes = demo();
        putInt(bytes, entry + 8, -8);
        assertThat(failure(bytes)).isEqualTo("main header tag " + tag + " offset 4294967288 is outside the data store");

        bytes = demo();
        putInt(bytes, entry + 4, 42);
        assertThat(failure(bytes)).isEqualTo("main header tag " + tag + " has unknown type 42");
    }

    @Test
    void dataRunningPastTheStore() throws Exception {
        byte[] ints = header(List.of(new int[] {1000, RpmTag.TYPE_INT32, 4, 2}), new byte[8]);
        assertThatThrownBy(() -> Header.parse(ints, "test header")).isInstanceOf(RpmFormatException.class)
                .hasMessage("test header tag 1000 data runs past the data store");
        byte[] str = header(List.of(new int[] {1000, RpmTag.TYPE_STRING, 0, 1}),
                "abc".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Header.parse(str, "test header").string(1000))
                .isInstanceOf(RpmFormatException.class)
                .hasMessage("test header tag 1000 string runs past the data store");
        byte[] arr = header(List.of(new int[] {1117, RpmTag.TYPE_STRING_ARRAY, 0, 3}),
                "a\0b\0".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Header.parse(arr, "test header").stringArray(1117))
                .isInstanceOf(RpmFormatException.class)
                .hasMessage("test header tag 1117 string runs past the data store");
        byte[] tooMany = header(List.of(new int[] {1117, RpmTag.TYPE_STRING_ARRAY, 2, 3}), new byte[4]);
        assertThatThrownBy(() -> Header.parse(tooMany, "test header")).isInstanceOf(RpmFormatException.class)
                .hasMessage("test header tag 1117 string runs past the data store");
        byte[] huge = header(List.of(new int[] {1028, RpmTag.TYPE_INT64, 0, 0x7fffffff}), new byte[8]);
        assertThatThrownBy(() -> Header.parse(huge, "test header")).isInstanceOf(RpmFormatException.class)
                .hasMessage("test header tag 1028 count 2147483647 is invalid");
    }

    @Test
    void missingNameIsRefused() throws Exception {
        byte[] bytes = demo();
        int mainAt = mainAt(bytes);
        int count = intAt(bytes, mainAt + 8);
        for (int i = 0; i < count; i++) {
            int entry = mainAt + 16 + 16 * i;
            if (intAt(bytes, entry) == RpmTag.NAME) {
                putInt(bytes, entry, 999_999); // a tag no one reads
            }
        }
        assertThat(failure(bytes)).isEqualTo("main header has no NAME tag");
    }

    // --- helpers ---

    private static byte[] demo() throws IOException {
        return Files.readAllBytes(RPMS.stream().filter(p -> p.getFileName().toString().equals(
                "demo-data-1.2-3.kn.noarch.rpm")).findFirst().orElseThrow());
    }

    private static int mainAt(byte[] rpm) {
        int sigLength = 16 + 16 * intAt(rpm, 96 + 8) + intAt(rpm, 96 + 12);
        return 96 + sigLength + (8 - sigLength % 8) % 8;
    }

    private static int intAt(byte[] b, int at) {
        return ByteBuffer.wrap(b).getInt(at);
    }

    private static void putInt(byte[] b, int at, int value) {
        ByteBuffer.wrap(b).putInt(at, value);
    }

    /** A header blob with the given index entries (tag, type, offset, count) over {@code store}. */
    private static byte[] header(List<int[]> entries, byte[] store) {
        ByteBuffer b = ByteBuffer.allocate(16 + 16 * entries.size() + store.length);
        b.put(new byte[] {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 1, 0, 0, 0, 0});
        b.putInt(entries.size()).putInt(store.length);
        for (int[] e : entries) {
            for (int v : e) {
                b.putInt(v);
            }
        }
        return b.put(store).array();
    }

    private static String failure(byte[] bytes) {
        try {
            RpmReader.read(new ByteArrayInputStream(bytes));
        } catch (RpmFormatException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("read " + bytes.length + " bytes without an RpmFormatException");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
        return out;
    }
}
