package org.kojinext.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the hub may go on from the digest of the bytes before a chunk, and when it must not. */
class RunningDigestsTest {
    private static final String FILE = "work/cli-build/x/a.bin";
    @TempDir
    Path root;
    private FsVolume volume;
    private final RunningDigests digests = new RunningDigests();

    @BeforeEach
    void volume() {
        volume = new FsVolume("DEFAULT", root);
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes a chunk as RawChunk does; the answer's digest, or null where the hub could not go on. */
    private String chunk(long at, String bytes) throws Exception {
        try (Volume.Writer w = volume.openWriter(FILE)) {
            MessageDigest state = digests.resume(volume, FILE, at, w, volume.stat(FILE).orElseThrow());
            byte[] b = bytes.getBytes(StandardCharsets.UTF_8);
            w.truncate(at);
            w.write(at, b, 0, b.length);
            if (state == null) {
                return null;
            }
            Verify v = Verify.continuing(state);
            v.update(b, 0, b.length);
            digests.written(volume, FILE, state, w.mark(), volume.stat(FILE).orElseThrow());
            return v.hexdigest();
        }
    }

    @Test
    void chunksInOrderAreAnsweredWithTheDigestOfEverythingUpToTheirEnd() throws Exception {
        assertThat(chunk(0, "hello ")).isEqualTo(sha256("hello "));
        assertThat(chunk(6, "world")).isEqualTo(sha256("hello world"));
        assertThat(chunk(11, "!")).isEqualTo(sha256("hello world!"));
    }

    @Test
    void aChunkNotWhereTheLastEndedIsNotVouchedForNorAreTheOnesAfterIt() throws Exception {
        chunk(0, "hello ");
        chunk(6, "world");
        assertThat(chunk(6, "there")).as("sent again").isNull();
        assertThat(chunk(11, "!")).as("forgotten").isNull();
        assertThat(chunk(0, "hi")).as("a fresh start").isEqualTo(sha256("hi"));
    }

    @Test
    void anotherWriterInBetweenIsSeenByItsMarkEvenAtTheSameSizeAndTime() throws Exception {
        chunk(0, "hello ");
        Path file = root.resolve(FILE);
        FileTime left = Files.getLastModifiedTime(file);
        try (Volume.Writer other = volume.openWriter(FILE)) {
            other.write(0, "jello ".getBytes(StandardCharsets.UTF_8), 0, 6);
        }
        Files.setLastModifiedTime(file, left);
        assertThat(chunk(6, "world")).isNull();
        assertThat(Files.readString(file)).isEqualTo("jello world");
    }

    @Test
    void aWritePastTheHubsIsSeenByTheFilesTime() throws Exception {
        chunk(0, "hello ");
        Path file = root.resolve(FILE);
        Files.writeString(file, "jello ");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        assertThat(chunk(6, "world")).isNull();
    }

    @Test
    void withoutMarksNothingAfterTheFirstChunkIsVouchedFor() throws Exception {
        // A file system without user attributes (NFSv3): the writers report no marks.
        try (Volume.Writer w = volume.openWriter(FILE)) {
            MessageDigest state = digests.resume(volume, FILE, 0, w, volume.stat(FILE).orElseThrow());
            w.write(0, "hello ".getBytes(StandardCharsets.UTF_8), 0, 6);
            state.update("hello ".getBytes(StandardCharsets.UTF_8));
            digests.written(volume, FILE, state, null, volume.stat(FILE).orElseThrow());
        }
        assertThat(chunk(6, "world")).isNull();
    }

    @Test
    void anotherFileIsNotAnsweredForByThisOne() throws Exception {
        chunk(0, "hello ");
        try (Volume.Writer w = volume.openWriter("work/cli-build/x/b.bin")) {
            w.write(0, "hello ".getBytes(StandardCharsets.UTF_8), 0, 6);
            assertThat(digests.resume(volume, "work/cli-build/x/b.bin", 6, w,
                    volume.stat("work/cli-build/x/b.bin").orElseThrow())).isNull();
        }
    }
}
