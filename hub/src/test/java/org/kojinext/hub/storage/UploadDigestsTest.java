package org.kojinext.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running SHA-256 of uploads: when it may answer checkUpload, and when it must not. */
class UploadDigestsTest {
    private static final String FILE = "work/cli-build/x/a.bin";
    private static final Instant T1 = Instant.parse("2026-11-26T10:00:00.123456789Z");
    @TempDir
    Path root;
    private Volume volume;
    private final UploadDigests digests = new UploadDigests();

    @BeforeEach
    void volume() throws Exception {
        volume = new FsVolume("DEFAULT", root);
        Files.createDirectories(root.resolve(FILE).getParent());
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes()));
    }

    /** Writes the chunk as the hub would, the digest told as RawChunk tells it. */
    private void chunk(long at, String bytes, Instant modified) throws Exception {
        UploadDigests.Tracker t = digests.begin(volume, FILE, at);
        try (var f = new java.io.RandomAccessFile(root.resolve(FILE).toFile(), "rw")) {
            f.setLength(at);
            f.seek(at);
            f.write(bytes.getBytes());
        }
        if (t != null) {
            t.written(at, at + bytes.length(), modified);
        }
    }

    private static Volume.Stat stat(long size, Instant modified) {
        return new Volume.Stat(true, false, size, modified);
    }

    @Test
    void chunksFromTheStartInOrderAnswerForTheFileAsLeftEvenTwiceAndGoOn() throws Exception {
        chunk(0, "hello ", T1);
        chunk(6, "world", T1);
        assertThat(digests.sha256(volume, FILE, stat(11, T1))).isEqualTo(sha256("hello world"));
        assertThat(digests.sha256(volume, FILE, stat(11, T1))).isEqualTo(sha256("hello world"));
        chunk(11, "!", T1);
        assertThat(digests.sha256(volume, FILE, stat(12, T1))).isEqualTo(sha256("hello world!"));
    }

    @Test
    void aFileNotAsThisHubLeftItIsReadInstead() throws Exception {
        chunk(0, "hello ", T1);
        assertThat(digests.sha256(volume, FILE, stat(6, T1.plusNanos(1)))).as("touched since").isNull();
        chunk(0, "hello ", T1);
        assertThat(digests.sha256(volume, FILE, stat(7, T1))).as("grown since").isNull();
        chunk(0, "hello ", T1);
        assertThat(digests.sha256(volume, "work/cli-build/x/b.bin", stat(6, T1))).as("another file").isNull();
    }

    @Test
    void aWriteElsewhereThanTheEndForgetsTheFileAndAFreshStartRestartsIt() throws Exception {
        chunk(0, "hello ", T1);
        chunk(3, "p!", T1);
        assertThat(digests.begin(volume, FILE, 5)).as("forgotten").isNull();
        assertThat(digests.sha256(volume, FILE, stat(5, T1))).isNull();
        chunk(0, "hel", T1);
        chunk(3, "p!", T1);
        assertThat(digests.sha256(volume, FILE, stat(5, T1))).isEqualTo(sha256("help!"));
    }

    @Test
    void anotherHubsAnnouncedWriteForgetsTheFileAndThisHubsOwnDoesNot() throws Exception {
        chunk(0, "hello", T1);
        digests.received("another-hub " + UploadDigests.key(volume, FILE));
        assertThat(digests.sha256(volume, FILE, stat(5, T1))).isNull();
        chunk(0, "hello", T1);
        digests.received("another-hub " + UploadDigests.key(volume, "work/other"));
        assertThat(digests.sha256(volume, FILE, stat(5, T1))).isNotNull();
    }

    @Test
    void missedNotificationsForgetEverything() throws Exception {
        chunk(0, "hello", T1);
        digests.lost();
        assertThat(digests.sha256(volume, FILE, stat(5, T1))).isNull();
        chunk(0, "hello", T1);
        digests.listening();
        assertThat(digests.sha256(volume, FILE, stat(5, T1))).isNull();
    }
}
