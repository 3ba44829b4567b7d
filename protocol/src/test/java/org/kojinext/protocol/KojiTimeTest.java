package org.kojinext.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Expected strings are what Python 3 prints for datetime.isoformat(' ') of the same values. */
class KojiTimeTest {
    @Test
    void wholeSecondsHaveNoFraction() {
        assertThat(KojiTime.format(OffsetDateTime.of(2024, 1, 4, 20, 2, 18, 0, ZoneOffset.UTC)))
                .isEqualTo("2024-01-04 20:02:18+00:00");
    }

    @Test
    void microsecondsArePaddedToSixDigits() {
        assertThat(KojiTime.format(OffsetDateTime.of(2024, 1, 4, 20, 2, 18, 1_000, ZoneOffset.UTC)))
                .isEqualTo("2024-01-04 20:02:18.000001+00:00");
        assertThat(KojiTime.format(LocalDateTime.of(999, 12, 31, 23, 59, 59, 123_456_789)))
                .isEqualTo("0999-12-31 23:59:59.123456");
    }

    @Test
    void offsetsKeepTheirSign() {
        assertThat(KojiTime.format(OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-5, -30))))
                .isEqualTo("2024-06-01 00:00:00-05:30");
        assertThat(KojiTime.format(Instant.parse("2024-06-01T12:00:00.5Z"))).isEqualTo("2024-06-01 12:00:00.500000+00:00");
    }
}
