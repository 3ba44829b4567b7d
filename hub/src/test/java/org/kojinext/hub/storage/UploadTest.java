package org.kojinext.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kojinext.hub.testing.Replies.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.hub.testing.TestHosts;
import org.kojinext.hub.testing.TestHub;
import org.kojinext.protocol.Encoding;
import org.kojinext.protocol.HttpTransport;
import org.kojinext.protocol.JdkHttpTransport;
import org.kojinext.protocol.KojiClient;
import org.kojinext.protocol.KojiFault;
import org.kojinext.protocol.Uploader;

/** Koji's uploads against a running hub: rawUpload, uploadFile, checkUpload, and their refusals. */
class UploadTest {
    private static TestHub hub;
    private static KojiClient admin;
    private static Path topdir;
    private static final AtomicInteger DIRS = new AtomicInteger();

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        admin = hub.admin(Encoding.XML);
        topdir = hub.dataDir().resolve("files");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static String newDir() {
        return "cli-build/t" + DIRS.incrementAndGet();
    }

    private Path randomFile(int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        Path f = Files.createTempFile(tmp, "up", ".bin");
        Files.write(f, b);
        return f;
    }

    private static Map<String, String> query(String dir, String name, long offset) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("filename", name);
        q.put("filepath", dir);
        q.put("fileverify", "adler32");
        q.put("offset", Long.toString(offset));
        return q;
    }

    /** The uploader answered the file's SHA-256, and the hub holds the file as it is. */
    private static void assertStoredWhole(Path f, String dir, String name, String sha) throws Exception {
        assertThat(sha).isEqualTo(sha256(Files.readAllBytes(f)));
        assertThat(Files.readAllBytes(topdir.resolve("work").resolve(dir).resolve(name))).isEqualTo(Files.readAllBytes(f));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void uploaderSendsChunksVerifiesThemAndTheFileIsStoredWhole() throws Exception {
        Path f = randomFile(300_000);
        String dir = newDir();
        List<long[]> seen = new ArrayList<>();
        String sha = new Uploader(admin).chunkSize(64 * 1024)
                .progress((done, total) -> seen.add(new long[] {done, total}))
                .upload(f, dir, "big.bin");
        byte[] local = Files.readAllBytes(f);
        assertThat(sha).isEqualTo(sha256(local));
        assertThat(Files.readAllBytes(topdir.resolve("work").resolve(dir).resolve("big.bin"))).isEqualTo(local);
        assertThat(seen).hasSize(5);
        assertThat(seen.get(0)).containsExactly(65536, 300_000);
        assertThat(seen.get(4)).containsExactly(300_000, 300_000);
        Map<?, ?> check = (Map<?, ?>) admin.call("checkUpload", dir, "big.bin", "sha256");
        assertThat(check.get("size")).isEqualTo(300_000);
        assertThat(check.get("hexdigest")).isEqualTo(sha);
        assertThat(check.get("sumlength")).isEqualTo(300_000);
    }

    /** A client whose transport notes each chunk's query and each XML-RPC call's method. */
    private static KojiClient recording(List<String> queries, List<String> methods,
                                        java.util.function.UnaryOperator<String> rewriteQuery) {
        HttpTransport real = new JdkHttpTransport(java.net.http.HttpClient.newHttpClient());
        HttpTransport noting = (url, type, headers, body, timeout) -> {
            if (type.equals("application/octet-stream")) {
                queries.add(url.getRawQuery());
                url = java.net.URI.create(url.toString().replace(url.getRawQuery(), rewriteQuery.apply(url.getRawQuery())));
            } else {
                methods.add(new String(body, java.nio.charset.StandardCharsets.UTF_8)
                        .replaceAll("(?s).*<methodName>([^<]*)</methodName>.*", "$1"));
            }
            return real.post(url, type, headers, body, timeout);
        };
        KojiClient c = KojiClient.builder(hub.url()).transport(noting).build();
        c.login("kojiadmin", TestHub.ADMIN_PASSWORD);
        return c;
    }

    @Test
    void eachChunkIsCheckedByTheDigestUpToItsEndSoTheLastCheckedTheWholeFileWithoutCheckUpload() throws Exception {
        Path f = randomFile(300_000);
        String dir = newDir();
        List<String> queries = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        String sha = new Uploader(recording(queries, methods, q -> q)).chunkSize(64 * 1024)
                .upload(f, dir, "prefixed.bin");
        byte[] local = Files.readAllBytes(f);
        assertThat(sha).isEqualTo(sha256(local));
        assertThat(Files.readAllBytes(topdir.resolve("work").resolve(dir).resolve("prefixed.bin"))).isEqualTo(local);
        assertThat(queries).hasSize(5).allSatisfy(q -> assertThat(q).contains("fileverify=sha256-prefix"));
        assertThat(methods).doesNotContain("checkUpload");
    }

    @Test
    void rawUploadWithSha256PrefixAnswersTheDigestUpToTheChunksEndOrTheChunksOwnWhenItCannot() throws Exception {
        String dir = newDir();
        Map<String, String> q = query(dir, "p.bin", 0);
        q.put("fileverify", "sha256-prefix");
        Map<?, ?> first = admin.rawUpload(q, "hello ".getBytes());
        assertThat(first.get("fileverify")).isEqualTo("sha256-prefix");
        assertThat(first.get("hexdigest")).isEqualTo(sha256("hello ".getBytes()));
        q.put("offset", "6");
        Map<?, ?> second = admin.rawUpload(q, "world".getBytes());
        assertThat(second.get("fileverify")).isEqualTo("sha256-prefix");
        assertThat(second.get("hexdigest")).isEqualTo(sha256("hello world".getBytes()));
        // Sent again at its offset: the bytes before it are vouched for no longer.
        Map<?, ?> again = admin.rawUpload(q, "world".getBytes());
        assertThat(again.get("fileverify")).isEqualTo("sha256");
        assertThat(again.get("hexdigest")).isEqualTo(sha256("world".getBytes()));
        q.put("offset", "11");
        assertThat(admin.rawUpload(q, "!".getBytes()).get("fileverify")).isEqualTo("sha256");
        assertThat(Files.readString(topdir.resolve("work").resolve(dir).resolve("p.bin"))).isEqualTo("hello world!");
        // Koji's own types are untouched, and an unknown one is refused as Koji refuses it.
        q.put("fileverify", "sha512");
        assertThat(fault(() -> admin.rawUpload(q, "?".getBytes())).getMessage())
                .isEqualTo("Unsupported verify type: sha512");
    }

    @Test
    void aHubThatRefusesSha256PrefixAsKojisDoesIsAskedForEachChunksSha256AndCheckUpload() throws Exception {
        Path f = randomFile(200_000);
        String dir = newDir();
        List<String> queries = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        // The hub is shown an unknown type in place of sha256-prefix, as Koji's hub would see ours.
        KojiClient c = recording(queries, methods, q -> q.replace("sha256-prefix", "sha256-unknown"));
        String sha = new Uploader(c).chunkSize(64 * 1024).upload(f, dir, "koji.bin");
        assertStoredWhole(f, dir, "koji.bin", sha);
        assertThat(queries).hasSize(5);
        assertThat(queries.get(0)).contains("fileverify=sha256-prefix").contains("offset=0");
        assertThat(queries.subList(1, 5)).allSatisfy(q -> assertThat(q).contains("fileverify=sha256&"));
        assertThat(queries.get(1)).contains("offset=0");
        assertThat(methods).contains("checkUpload");
        // The client remembers: its next upload asks for sha256 from the first chunk on.
        queries.clear();
        new Uploader(c).chunkSize(64 * 1024).upload(f, dir, "again.bin");
        assertThat(queries).hasSize(4).allSatisfy(q -> assertThat(q).contains("fileverify=sha256&"));
    }

    @Test
    void aChunkTheHubCannotVouchForIsCheckedByItsOwnDigestAndTheWholeByCheckUpload() throws Exception {
        Path f = randomFile(200_000);
        String dir = newDir();
        List<String> queries = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        FsVolume sameFiles = new FsVolume("DEFAULT", topdir);
        // As if the third chunk went to another hub: the file is opened by another writer first.
        java.util.concurrent.atomic.AtomicInteger chunks = new java.util.concurrent.atomic.AtomicInteger();
        KojiClient c = recording(queries, methods, q -> {
            if (chunks.incrementAndGet() == 3) {
                try {
                    sameFiles.openWriter("work/" + dir + "/moved.bin").close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return q;
        });
        String sha = new Uploader(c).chunkSize(64 * 1024).upload(f, dir, "moved.bin");
        assertStoredWhole(f, dir, "moved.bin", sha);
        assertThat(queries.subList(0, 3)).allSatisfy(q -> assertThat(q).contains("fileverify=sha256-prefix"));
        assertThat(queries.get(3)).contains("fileverify=sha256&");
        assertThat(methods).contains("checkUpload");
    }

    @Test
    void chunksSentToTwoHubsOfTheSiteInTurnAreEachCheckedAndTheFileIsStoredWhole() throws Exception {
        Path f = randomFile(300_000);
        String dir = newDir();
        try (TestHub second = TestHub.sharing(hub)) {
            // A balancer sending the chunks round the hubs: 1 and 2 to this one, 3 to the
            // second, 4 and 5 here again.
            List<String> answered = new ArrayList<>();
            HttpTransport real = new JdkHttpTransport(java.net.http.HttpClient.newHttpClient());
            AtomicInteger chunks = new AtomicInteger();
            HttpTransport balanced = (url, type, headers, body, timeout) -> {
                if (type.equals("application/octet-stream") && chunks.incrementAndGet() == 3) {
                    url = java.net.URI.create(url.toString().replace(":" + hub.url().getPort() + "/",
                            ":" + second.url().getPort() + "/"));
                }
                HttpTransport.Reply r = real.post(url, type, headers, body, timeout);
                String xml = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                if (xml.contains("<name>fileverify</name>")) {
                    answered.add(xml.replaceAll("(?s).*<name>fileverify</name>\\s*<value>(?:<string>)?([^<]*).*", "$1"));
                }
                return r;
            };
            KojiClient c = KojiClient.builder(hub.url()).transport(balanced).build();
            c.login("kojiadmin", TestHub.ADMIN_PASSWORD);
            String sha = new Uploader(c).chunkSize(64 * 1024).upload(f, dir, "balanced.bin");
            assertStoredWhole(f, dir, "balanced.bin", sha);
            // The second hub has no digest of the first two chunks, and the first hub's no longer
            // holds once the second hub has written: both answer with the chunks' own digests.
            assertThat(answered).containsExactly("sha256-prefix", "sha256-prefix", "sha256", "sha256", "sha256");
        }
    }

    @Test
    void aHubDoesNotGoOnFromItsDigestOnceAnotherHubRewroteTheFileEvenAtTheSameSizeAndTime() throws Exception {
        String dir = newDir();
        Path file = topdir.resolve("work").resolve(dir).resolve("shared.bin");
        try (TestHub second = TestHub.sharing(hub)) {
            KojiClient other = second.admin(Encoding.XML);
            Map<String, String> q = query(dir, "shared.bin", 0);
            q.put("fileverify", "sha256-prefix");
            assertThat(admin.rawUpload(q, "hello ".getBytes()).get("fileverify")).isEqualTo("sha256-prefix");
            var left = Files.getLastModifiedTime(file);
            Map<String, String> rewrite = new LinkedHashMap<>(q);
            rewrite.put("overwrite", "1");
            other.rawUpload(rewrite, "jello ".getBytes());
            // Within this hub's clock tick: only the mark the second hub's writer left shows it.
            Files.setLastModifiedTime(file, left);
            q.put("offset", "6");
            Map<?, ?> next = admin.rawUpload(q, "world".getBytes());
            assertThat(next.get("fileverify")).isEqualTo("sha256");
            assertThat(next.get("hexdigest")).isEqualTo(sha256("world".getBytes()));
            assertThat(Files.readString(file)).isEqualTo("jello world");
        }
    }

    @Test
    void chunksLargerThanTheHubTakesAreHalvedUntilTheyFit() throws Exception {
        // The hub takes 4 MiB bodies; 5 MiB chunks are refused whole, 2.5 MiB ones fit.
        Path f = randomFile(6 * 1024 * 1024 + 7);
        String dir = newDir();
        List<Long> done = new ArrayList<>();
        String sha = new Uploader(admin).chunkSize(5 * 1024 * 1024).progress((d, total) -> done.add(d))
                .upload(f, dir, "halved.bin");
        assertStoredWhole(f, dir, "halved.bin", sha);
        assertThat(done).containsExactly(2_621_440L, 5_242_880L, 6L * 1024 * 1024 + 7);
    }

    @Test
    void rawUploadAnswersKojisStructAndAChunkRetriedAtItsOffsetIsIdempotent() {
        String dir = newDir();
        byte[] first = "hello ".getBytes();
        byte[] second = "world".getBytes();
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) admin.rawUpload(query(dir, "a.txt", 0), first);
        assertThat(r).containsEntry("size", 6).containsEntry("offset", 0).containsEntry("fileverify", "adler32")
                .containsEntry("hexdigest", String.format("%08x", adler(first)));
        admin.rawUpload(query(dir, "a.txt", 6), second);
        admin.rawUpload(query(dir, "a.txt", 6), second);
        Map<?, ?> appended = admin.rawUpload(query(dir, "a.txt", -1), "!".getBytes());
        assertThat(appended.get("offset")).isEqualTo(11);
        Map<?, ?> check = (Map<?, ?>) admin.call("checkUpload", dir, "a.txt", "adler32");
        assertThat(check.get("size")).isEqualTo(12);
        assertThat(check.get("hexdigest")).isEqualTo(String.format("%08x", adler("hello world!".getBytes())));
        Map<?, ?> tail = (Map<?, ?>) admin.callKw("checkUpload", List.of(dir, "a.txt", "md5"), Map.of("tail", 6));
        assertThat(tail.get("sumlength")).isEqualTo(6);
        assertThat(admin.call("checkUpload", dir, "missing.txt")).isNull();
    }

    private static long adler(byte[] b) {
        java.util.zip.Adler32 a = new java.util.zip.Adler32();
        a.update(b);
        return a.getValue();
    }

    @Test
    void anExistingFileIsNotStartedAgainWithoutOverwriteExceptLogs() {
        String dir = newDir();
        admin.rawUpload(query(dir, "x.bin", 0), new byte[] {1, 2, 3});
        assertThat(fault(() -> admin.rawUpload(query(dir, "x.bin", 0), new byte[] {4})).getMessage())
                .contains("upload path exists");
        Map<String, String> q = query(dir, "x.bin", 0);
        q.put("overwrite", "1");
        admin.rawUpload(q, new byte[] {4});
        assertThat(((Map<?, ?>) admin.call("checkUpload", dir, "x.bin")).get("size")).isEqualTo(1);
        admin.rawUpload(query(dir, "build.log", 0), "one".getBytes());
        admin.rawUpload(query(dir, "build.log", 0), "two!".getBytes());
        assertThat(((Map<?, ?>) admin.call("checkUpload", dir, "build.log")).get("size")).isEqualTo(4);
        assertThat(fault(() -> admin.rawUpload(query(dir, "x.bin", 5), new byte[] {1})).getMessage())
                .contains("past the end");
        assertThat(fault(() -> admin.rawUpload(query(dir, "never.bin", 10), new byte[] {1})).getMessage())
                .contains("past the end");
        assertThat(admin.call("checkUpload", dir, "never.bin")).isNull();
    }

    @Test
    void uploadFileInChunksChecksEachAndTheWhole() throws Exception {
        String dir = newDir();
        byte[] a = "first chunk,".getBytes();
        byte[] b = "second chunk".getBytes();
        byte[] whole = "first chunk,second chunk".getBytes();
        String md5a = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(a));
        assertThat(admin.call("uploadFile", dir, "f.txt", a.length, md5a, 0, Base64.getEncoder().encodeToString(a)))
                .isEqualTo(true);
        assertThat(admin.callKw("uploadFile", java.util.Arrays.asList(dir, "f.txt", b.length, null, a.length,
                Base64.getEncoder().encodeToString(b)), Map.of("checksum", List.of("sha256", sha256(b)))))
                .isEqualTo(true);
        assertThat(admin.callKw("uploadFile", java.util.Arrays.asList(dir, "f.txt", whole.length, null, -1, ""),
                Map.of("checksum", List.of("sha256", sha256(whole))))).isEqualTo(true);
        assertThat(Files.readAllBytes(topdir.resolve("work").resolve(dir).resolve("f.txt"))).isEqualTo(whole);
        // A wrong digest, for a chunk or for the whole, is answered False and the chunk not written.
        assertThat(admin.callKw("uploadFile", java.util.Arrays.asList(dir, "g.txt", a.length, null, 0,
                Base64.getEncoder().encodeToString(a)), Map.of("checksum", List.of("sha256", sha256(b)))))
                .isEqualTo(false);
        assertThat(admin.call("checkUpload", dir, "g.txt")).isNull();
        assertThat(admin.callKw("uploadFile", java.util.Arrays.asList(dir, "f.txt", whole.length, null, -1, ""),
                Map.of("checksum", List.of("sha256", sha256(a))))).isEqualTo(false);
        assertThat(fault(() -> admin.call("uploadFile", dir, "f.txt", a.length, md5a, 0,
                Base64.getEncoder().encodeToString(a))).getMessage()).contains("file already exists");
    }

    @Test
    void aCutOffUploadResumesFromWhatTheHubHolds() throws Exception {
        Path f = randomFile(200_000);
        String dir = newDir();
        // The third chunk is lost on the way out; the fifth reaches the hub but its answer is lost.
        AtomicInteger posts = new AtomicInteger();
        List<String> offsets = new ArrayList<>();
        HttpTransport real = new JdkHttpTransport(java.net.http.HttpClient.newHttpClient());
        HttpTransport flaky = (url, type, headers, body, timeout) -> {
            if (type.equals("application/octet-stream")) {
                offsets.add(url.getQuery().replaceAll(".*offset=(-?\\d+).*", "$1"));
                int n = posts.incrementAndGet();
                if (n == 3) {
                    throw new IOException("connection reset (test)");
                }
                HttpTransport.Reply reply = real.post(url, type, headers, body, timeout);
                if (n == 5) {
                    throw new IOException("connection reset after sending (test)");
                }
                return reply;
            }
            return real.post(url, type, headers, body, timeout);
        };
        KojiClient c = KojiClient.builder(hub.url()).transport(flaky).retries(0).build();
        c.login("kojiadmin", TestHub.ADMIN_PASSWORD);
        String sha = new Uploader(c).chunkSize(50_000).upload(f, dir, "resumed.bin");
        assertStoredWhole(f, dir, "resumed.bin", sha);
        // 0, 50000, lost 100000, resent 100000, 150000 written but unanswered: resumed past it.
        assertThat(offsets).containsExactly("0", "50000", "100000", "100000", "150000");
    }

    @Test
    void anUploaderGivesUpWhenTheHubReportsADifferentChunk() throws Exception {
        Path f = randomFile(10_000);
        HttpTransport real = new JdkHttpTransport(java.net.http.HttpClient.newHttpClient());
        List<String> queries = new ArrayList<>();
        HttpTransport corrupting = (url, type, headers, body, timeout) -> {
            if (type.equals("application/octet-stream") && body.length > 0) {
                queries.add(url.getRawQuery());
                body = body.clone();
                body[0] ^= 1;
            }
            return real.post(url, type, headers, body, timeout);
        };
        KojiClient c = KojiClient.builder(hub.url()).transport(corrupting).build();
        c.login("kojiadmin", TestHub.ADMIN_PASSWORD);
        assertThatThrownBy(() -> new Uploader(c).upload(f, newDir(), "bad.bin"))
                .isInstanceOf(KojiFault.class).hasMessageContaining("differently");
        // The chunk is checked with the SHA-256 of the file up to its end.
        assertThat(queries).isNotEmpty().allSatisfy(q -> assertThat(q).contains("fileverify=sha256-prefix"));
    }

    @Test
    void anonymousCallersCannotUpload() {
        KojiClient anon = hub.client(Encoding.XML);
        KojiFault raw = fault(() -> anon.rawUpload(query(newDir(), "a", 0), new byte[] {1}));
        assertThat(raw.code()).isEqualTo(1004);
        assertThat(raw.getMessage()).contains("logged-in");
        assertThat(fault(() -> anon.call("uploadFile", newDir(), "a", 1, null, 0, "AQ==")).code()).isEqualTo(1004);
        // A refused chunk's body is read to its end before the fault goes out, so a large one
        // still gets its answer rather than a reset connection, and the next request is served.
        for (int i = 0; i < 3; i++) {
            assertThat(fault(() -> anon.rawUpload(query(newDir(), "a", 0), new byte[3 * 1024 * 1024])).code())
                    .isEqualTo(1004);
        }
    }

    @Test
    void everyPathAttackIsRefusedWithAClearFault() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(topdir.resolve("work/cli-build"));
        Files.createSymbolicLink(topdir.resolve("work/cli-build/evil"), outside);
        String[] badDirs = {"../escape", "/tmp/abs", "a/../../escape", "", ".", "..", "a\0b", "cli-build/.hidden",
                "cli-build/evil", "cli-build/evil/sub"};
        for (String dir : badDirs) {
            KojiFault raw = fault(() -> admin.rawUpload(query(dir, "f", 0), new byte[] {1}));
            assertThat(raw.code()).as(dir).isEqualTo(1000);
            assertThat(raw.getMessage()).as(dir).contains("Invalid upload directory");
            if (dir.indexOf('\0') < 0) {
                // XML cannot carry a NUL at all; rawUpload's query string can.
                KojiFault legacy = fault(() -> admin.call("uploadFile", dir, "f", 1, null, 0, "AQ=="));
                assertThat(legacy.getMessage()).as(dir).contains("Invalid upload directory");
            }
        }
        for (String name : new String[] {"a/b", ".hidden", "..", "", "x\0y", "../f"}) {
            KojiFault raw = fault(() -> admin.rawUpload(query(newDir(), name, 0), new byte[] {1}));
            assertThat(raw.getMessage()).as(name).contains("Invalid upload filename");
        }
        assertThat(fault(() -> admin.call("checkUpload", "../..", "hub.conf")).getMessage())
                .contains("Invalid upload directory");
        assertThat(fault(() -> admin.rawUpload(Map.of("filepath", newDir()), new byte[] {1})).getMessage())
                .contains("filename");
        assertThat(outside).isEmptyDirectory();
        try (var files = Files.walk(hub.dataDir())) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("f")
                    || p.getFileName().toString().equals("escape"))).isEmpty();
        }
    }

    @Test
    void aDirectoryBelongsToItsFirstUploader() {
        admin.call("createUser", "upl-bob", null, null);
        admin.call("grantPermission", "upl-bob", "admin", true);
        String dir = newDir();
        admin.rawUpload(query(dir, "mine", 0), new byte[] {1});
        KojiClient bob = hub.client(Encoding.XML);
        // A user without a password cannot log in; act as bob through a subsession of kojiadmin is not
        // bob either, so bob's session is made by a password set directly.
        TestHosts.db(hub.jdbcUrl(), d -> d.update(org.kojinext.hub.db.jooq.Tables.USERS)
                .set(org.kojinext.hub.db.jooq.Tables.USERS.PASSWORD,
                        org.kojinext.hub.auth.PasswordHasher.hash("bob-secret"))
                .where(org.kojinext.hub.db.jooq.Tables.USERS.NAME.eq("upl-bob")).execute());
        bob.login("upl-bob", "bob-secret");
        assertThat(fault(() -> bob.rawUpload(query(dir, "theirs", 0), new byte[] {1})).getMessage())
                .contains("not owner");
        bob.rawUpload(query(newDir(), "theirs", 0), new byte[] {1});
    }

    @Test
    void aTaskDirectoryIsWritableOnlyByTheHostHoldingTheTaskOpen() {
        TestHosts.create(hub.jdbcUrl(), "upl-host", "x86_64", 4.0, List.of("c-upload"));
        TestHosts.create(hub.jdbcUrl(), "upl-other", "x86_64", 4.0, List.of("c-upload-other"));
        int task = (Integer) admin.callKw("makeTask", List.of("sleep", List.of(0)), Map.of("channel", "c-upload"));
        String dir = "tasks/" + (task % 10000) + "/" + task;
        // Not a host at all, even an admin.
        assertThat(fault(() -> admin.rawUpload(query(dir, "out.log", 0), new byte[] {1})).code()).isEqualTo(1002);
        KojiClient host = hub.client(Encoding.XML);
        host.login("upl-host", TestHosts.PASSWORD);
        host.call("exclusiveSession", true);
        KojiClient other = hub.client(Encoding.XML);
        other.login("upl-other", TestHosts.PASSWORD);
        other.call("exclusiveSession", true);
        // Before the task is open, nobody.
        assertThat(fault(() -> host.rawUpload(query(dir, "out.log", 0), new byte[] {1})).code()).isEqualTo(1004);
        assertThat(host.call("host.openTask", task)).isNotNull();
        host.rawUpload(query(dir, "out.log", 0), "log line\n".getBytes());
        assertThat(fault(() -> other.rawUpload(query(dir, "x.log", 0), new byte[] {1})).getMessage())
                .contains("does not own task");
        assertThat(fault(() -> host.rawUpload(query("tasks/" + (task % 10000 + 1) + "/" + task, "out.log", 0), new byte[] {1}))
                .getMessage()).contains("Invalid task upload directory");
        assertThat(fault(() -> host.rawUpload(query("tasks/x", "out.log", 0), new byte[] {1}))
                .getMessage()).contains("Invalid task upload directory");
        assertThat(Files.exists(topdir.resolve("work").resolve(dir).resolve("out.log"))).isTrue();
        assertThat(Files.exists(topdir.resolve("work").resolve(dir).resolve("x.log"))).isFalse();
    }

    @Test
    void aSecondWriterOfTheSameFileIsRefused() throws Exception {
        String dir = newDir();
        admin.rawUpload(query(dir, "locked.bin", 0), new byte[] {1});
        FsVolume sameFiles = new FsVolume("DEFAULT", topdir);
        try (Volume.Writer held = sameFiles.openWriter("work/" + dir + "/locked.bin")) {
            KojiFault f = fault(() -> admin.rawUpload(query(dir, "locked.bin", 1), new byte[] {2}));
            assertThat(f.code()).isEqualTo(1001);
            assertThat(f.getMessage()).contains("another writer");
        }
        admin.rawUpload(query(dir, "locked.bin", 1), new byte[] {2});
    }
}
