package org.kojinext.hub.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sigkey Koji records for a signature header: '' unsigned, else the issuer's short key id,
 * for an rpm gpg and rpmsign sign at test time and for hand-made v3 and v4 signature packets.
 */
class SigKeysTest {
    private static final byte[] KEY_ID = HexFormat.of().parseHex("0123456789abcdef");

    @Test
    void anRpmSignedByGpgNamesTheSigningKey(@TempDir Path tmp) throws Exception {
        Path gpg = onPath("gpg");
        assumeTrue(gpg != null && onPath("rpmsign") != null && onPath("rpmbuild") != null, "gpg, rpmsign, rpmbuild");
        Path home = Files.createDirectory(tmp.resolve("gnupg"));
        Map<String, String> env = Map.of("GNUPGHOME", home.toString());
        run(env, "gpg", "--batch", "--passphrase", "", "--quick-gen-key", "Sig Test <sig@example.com>", "ed25519",
                "sign", "never");
        String keyId = run(env, "gpg", "--list-keys", "--with-colons").lines().filter(l -> l.startsWith("pub:"))
                .findFirst().orElseThrow().split(":")[4].toLowerCase();

        Path spec = Files.writeString(tmp.resolve("signed.spec"), """
                Name: signed
                Version: 1
                Release: 1
                Summary: signed
                License: MIT
                BuildArch: noarch
                %description
                Signed.
                %files
                """);
        run(env, "rpmbuild", "-bb", "--quiet", "--define", "_topdir " + tmp.resolve("top"), spec.toString());
        Path rpm;
        try (Stream<Path> s = Files.walk(tmp.resolve("top"))) {
            rpm = s.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
        assertThat(SigKeys.of(RpmReader.read(rpm).signatureHeader())).isEmpty();

        run(env, "rpmsign", "--addsign", "--define", "_gpg_name Sig Test", "--define", "__gpg " + gpg,
                rpm.toString());
        assertThat(SigKeys.of(RpmReader.read(rpm).signatureHeader())).isEqualTo(keyId.substring(8));
    }

    @Test
    void versionThreeAndFourPacketsAreRead() throws Exception {
        // v3: version, hashed length 5, type, time, key id, algorithms, hash prefix, one MPI.
        ByteArrayOutputStream v3 = new ByteArrayOutputStream();
        v3.write(new byte[] {3, 5, 0, 0, 0, 0, 0});
        v3.write(KEY_ID);
        v3.write(new byte[] {1, 8, 0, 0, 0, 8, 1});
        assertThat(SigKeys.keyId(packet(v3.toByteArray()))).isEqualTo("89abcdef");

        byte[] issuer = subpacket(16, KEY_ID);
        assertThat(SigKeys.keyId(packet(v4(new byte[0], issuer)))).isEqualTo("89abcdef");
        // Named by a v4 fingerprint only, whose last 8 bytes are the key id.
        byte[] fingerprint = new byte[21];
        fingerprint[0] = 4;
        System.arraycopy(KEY_ID, 0, fingerprint, 13, 8);
        assertThat(SigKeys.keyId(packet(v4(subpacket(33, fingerprint), new byte[0])))).isEqualTo("89abcdef");
        // Both, agreeing: the issuer subpacket, as in Koji.
        assertThat(SigKeys.keyId(packet(v4(subpacket(33, fingerprint), issuer)))).isEqualTo("89abcdef");

        byte[] other = subpacket(16, HexFormat.of().parseHex("fedcba9876543210"));
        assertThatThrownBy(() -> SigKeys.keyId(packet(v4(other, issuer))))
                .hasMessage("signature names 2 issuer key ids");
        assertThatThrownBy(() -> SigKeys.keyId(packet(v4(new byte[0], new byte[0]))))
                .hasMessage("signature names 0 issuer key ids");
        byte[] cut = packet(v4(new byte[0], issuer));
        assertThatThrownBy(() -> SigKeys.keyId(java.util.Arrays.copyOf(cut, cut.length - 3)))
                .hasMessage("invalid OpenPGP packet length");
        assertThatThrownBy(() -> SigKeys.keyId(new byte[] {0x01, 0x02})).hasMessage("signature is not an OpenPGP packet");
    }

    /** A new-format signature packet (tag 2) around the body. */
    private static byte[] packet(byte[] body) {
        byte[] p = new byte[body.length + 2];
        p[0] = (byte) 0xc2;
        p[1] = (byte) body.length;
        System.arraycopy(body, 0, p, 2, body.length);
        return p;
    }

    private static byte[] v4(byte[] hashed, byte[] unhashed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {4, 0, 22, 8, 0, (byte) hashed.length});
        b.writeBytes(hashed);
        b.writeBytes(new byte[] {0, (byte) unhashed.length});
        b.writeBytes(unhashed);
        b.writeBytes(new byte[] {0, 0, 0, 8, 1});
        return b.toByteArray();
    }

    private static byte[] subpacket(int type, byte[] data) {
        byte[] s = new byte[data.length + 2];
        s[0] = (byte) (data.length + 1);
        s[1] = (byte) type;
        System.arraycopy(data, 0, s, 2, data.length);
        return s;
    }

    private static Path onPath(String cmd) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, cmd))) {
                return Path.of(dir, cmd);
            }
        }
        return null;
    }

    private static String run(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
