package org.kojinext.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void aHashVerifiesOnlyItsOwnPassword() {
        String h = PasswordHasher.hash("correct horse");
        assertThat(h).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(PasswordHasher.matches("correct horse", h)).isTrue();
        assertThat(PasswordHasher.matches("correct horsf", h)).isFalse();
        assertThat(PasswordHasher.matches("", h)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(PasswordHasher.hash("x")).isNotEqualTo(PasswordHasher.hash("x"));
    }

    @Test
    void aPlainPasswordFromKojiIsRecognisedAndCompared() {
        assertThat(PasswordHasher.isHash("plainpw")).isFalse();
        assertThat(PasswordHasher.matches("plainpw", "plainpw")).isTrue();
        assertThat(PasswordHasher.matches("plainpx", "plainpw")).isFalse();
    }

    @Test
    void aMangledHashNeverMatches() {
        assertThat(PasswordHasher.matches("x", "$argon2id$v=19$m=oops$abc$def")).isFalse();
        assertThat(PasswordHasher.matches("x", "$argon2id$")).isFalse();
        assertThat(PasswordHasher.matches("x", null)).isFalse();
    }
}
