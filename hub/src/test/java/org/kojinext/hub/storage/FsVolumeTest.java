package org.kojinext.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kojinext.protocol.KojiFault;

class FsVolumeTest {
    @TempDir
    Path tmp;

    private FsVolume volume() {
        return new FsVolume("DEFAULT", tmp.resolve("top"));
    }

    private static void write(Volume v, String path, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try (Volume.Writer w = v.openWriter(path)) {
            w.truncate(0);
            w.write(0, b, 0, b.length);
        }
    }

    private static String read(Volume v, String path, long offset) throws Exception {
        try (InputStream in = v.openRead(path, offset)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesReadsMovesListsAndDeletes() throws Exception {
        FsVolume v = volume();
        write(v, "work/a/b/file.txt", "hello world");
        assertThat(v.exists("work/a/b/file.txt")).isTrue();
        assertThat(v.size("work/a/b/file.txt")).isEqualTo(11);
        assertThat(read(v, "work/a/b/file.txt", 6)).isEqualTo("world");
        try (Volume.Writer w = v.openWriter("work/a/b/file.txt")) {
            w.write(w.size(), "!".getBytes(), 0, 1);
        }
        assertThat(read(v, "work/a/b/file.txt", 0)).isEqualTo("hello world!");
        v.move("work/a/b/file.txt", "packages/x/1/1/file.txt");
        assertThat(v.exists("work/a/b/file.txt")).isFalse();
        assertThat(v.list("packages/x/1/1")).containsExactly("file.txt");
        assertThat(v.list("no/such/dir")).isEmpty();
        v.delete("work/a");
        assertThat(v.exists("work/a")).isFalse();
        assertThat(v.stat("packages/x/1/1").orElseThrow().directory()).isTrue();
    }

    @Test
    void refusesPathsThatCouldLeaveTheVolume() {
        FsVolume v = volume();
        for (String bad : new String[] {"../x", "/etc/passwd", "a/../../x", "a/..", "a\0b"}) {
            assertThatThrownBy(() -> v.resolve(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> v.openWriter(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> v.stat(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(v.resolve("./a//b/./c")).isEqualTo("a/b/c");
    }

    @Test
    void symlinksOutsideAreNeitherReadNorWrittenThrough() throws Exception {
        FsVolume v = volume();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        Files.createDirectories(v.root().resolve("work"));
        Files.createSymbolicLink(v.root().resolve("work/link"), outside);
        assertThat(v.stat("work/link/secret")).isEmpty();
        assertThatThrownBy(() -> v.openRead("work/link/secret", 0)).isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThatThrownBy(() -> v.openWriter("work/link/new")).isInstanceOf(FsVolume.SymlinkException.class);
        assertThat(outside.resolve("new")).doesNotExist();
        // A link that stays inside may be read through (repos/<tag>/latest), never written through.
        write(v, "repos/t/1/repo.json", "{}");
        Files.createSymbolicLink(v.root().resolve("repos/t/latest"), v.root().resolve("repos/t/1"));
        assertThat(read(v, "repos/t/latest/repo.json", 0)).isEqualTo("{}");
        assertThatThrownBy(() -> v.openWriter("repos/t/latest/x")).isInstanceOf(FsVolume.SymlinkException.class);
    }

    @Test
    void aSecondWriterIsRefused() throws Exception {
        FsVolume v = volume();
        try (Volume.Writer first = v.openWriter("work/x/f")) {
            assertThatThrownBy(() -> v.openWriter("work/x/f")).isInstanceOf(Volume.LockedException.class);
        }
        v.openWriter("work/x/f").close();
    }

    @Test
    void aBodyWrittenFromAStreamInOddPiecesIsStoredAndDigestedWhole() throws Exception {
        FsVolume v = volume();
        byte[] data = new byte[3 * 256 * 1024 + 7];
        new java.util.Random(7).nextBytes(data);
        // Pieces of 1 to 100,000 bytes, as a network stream hands them out.
        java.util.Random sizes = new java.util.Random(8);
        InputStream body = new java.io.ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + sizes.nextInt(100_000)));
            }
        };
        Verify sha = Verify.of("sha256");
        try (Volume.Writer w = v.openWriter("work/x/body")) {
            w.write(0, new byte[] {9, 9}, 0, 2);
            w.writeFrom(2, body, data.length, sha);
        }
        byte[] stored = Files.readAllBytes(v.root().resolve("work/x/body"));
        assertThat(java.util.Arrays.copyOfRange(stored, 2, stored.length)).isEqualTo(data);
        assertThat(sha.hexdigest()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(data)));
    }

    @Test
    void aBodyThatEndsEarlyLeavesWhatArrivedWritten() throws Exception {
        FsVolume v = volume();
        byte[] data = new byte[300_000];
        new java.util.Random(9).nextBytes(data);
        try (Volume.Writer w = v.openWriter("work/x/cut")) {
            assertThatThrownBy(() -> w.writeFrom(0, new java.io.ByteArrayInputStream(data), 400_000,
                    Verify.of("sha256"))).isInstanceOf(java.io.EOFException.class).hasMessageContaining("300000 of 400000");
        }
        assertThat(Files.readAllBytes(v.root().resolve("work/x/cut"))).isEqualTo(data);
    }

    @Test
    void everyWriterMarksTheFileAfreshAndSeesTheMarkItFound() throws Exception {
        FsVolume v = volume();
        String first;
        try (Volume.Writer w = v.openWriter("work/x/m")) {
            assertThat(w.previousMark()).isNull();
            first = w.mark();
        }
        // ext4 and tmpfs, where the tests run, keep user attributes; a file system without them
        // would give no marks at all, and nothing would be vouched for.
        assertThat(first).isNotBlank();
        try (Volume.Writer w = v.openWriter("work/x/m")) {
            assertThat(w.previousMark()).isEqualTo(first);
            assertThat(w.mark()).isNotBlank().isNotEqualTo(first);
        }
        try (Volume.Writer w = v.openWriter("work/x/other")) {
            assertThat(w.previousMark()).isNull();
        }
    }

    @Test
    void kojiPathsFollowKojisLayoutAndRefuseBadParts() {
        assertThat(KojiPaths.buildDir("bash", "5.2", "1.fc40")).isEqualTo("packages/bash/5.2/1.fc40");
        assertThat(KojiPaths.rpm("bash", "5.2", "1.fc40", "x86_64"))
                .isEqualTo("packages/bash/5.2/1.fc40/x86_64/bash-5.2-1.fc40.x86_64.rpm");
        assertThat(KojiPaths.buildLogs("bash", "5.2", "1", "noarch")).isEqualTo("packages/bash/5.2/1/data/logs/noarch");
        assertThat(KojiPaths.taskWork(123456)).isEqualTo("work/tasks/3456/123456");
        assertThat(KojiPaths.repo("f40-build", 7)).isEqualTo("repos/f40-build/7");
        assertThat(KojiPaths.scratch("alice", 9)).isEqualTo("scratch/alice/task_9");
        for (String bad : new String[] {"..", ".", "", "a/b", "x\0"}) {
            assertThatThrownBy(() -> KojiPaths.buildDir(bad, "1", "1")).as(bad).isInstanceOf(KojiFault.class);
            assertThatThrownBy(() -> KojiPaths.repo(bad, 1)).as(bad).isInstanceOf(KojiFault.class);
        }
    }

    @Test
    void verifyAlgorithmsGiveKojisDigests() {
        byte[] data = "Wikipedia".getBytes(StandardCharsets.US_ASCII);
        Verify a = Verify.of("adler32");
        a.update(data, 0, data.length);
        assertThat(a.hexdigest()).isEqualTo("11e60398");
        Verify empty = Verify.of("adler32");
        assertThat(empty.hexdigest()).isEqualTo("00000001");
        Verify s = Verify.of("sha256");
        assertThat(s.hexdigest()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Verify.of("")).isNull();
        assertThatThrownBy(() -> Verify.of("crc32")).isInstanceOf(KojiFault.class);
    }
}
