package org.kojinext.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {
    private static long[] oneTo(int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }

    @Test
    void nearestRankPercentiles() {
        long[] hundred = oneTo(100);
        assertThat(Latencies.percentile(hundred, 50)).isEqualTo(50);
        assertThat(Latencies.percentile(hundred, 99)).isEqualTo(99);
        assertThat(Latencies.percentile(hundred, 100)).isEqualTo(100);
        assertThat(Latencies.percentile(hundred, 0)).isEqualTo(1);

        // On few samples p99 is the slowest one, never an interpolated value nobody observed.
        long[] ten = oneTo(10);
        assertThat(Latencies.percentile(ten, 99)).isEqualTo(10);
        assertThat(Latencies.percentile(ten, 90)).isEqualTo(9);
        assertThat(Latencies.percentile(ten, 91)).isEqualTo(10);
        assertThat(Latencies.percentile(new long[] {7}, 99)).isEqualTo(7);

        assertThatThrownBy(() -> Latencies.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Latencies.percentile(hundred, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryMergesClientsInMilliseconds() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        // 2000 samples across two clients, more than the initial buffer, out of order.
        for (int i = 1000; i >= 1; i--) {
            a.add(i * 1_000_000L);
            b.add((1000 + i) * 1_000_000L);
        }
        Latencies.Summary s = Latencies.summarize(List.of(a, b));
        assertThat(s.count()).isEqualTo(2000);
        assertThat(s.meanMs()).isCloseTo(1000.5, within(1e-9));
        assertThat(s.p50Ms()).isEqualTo(1000.0);
        assertThat(s.p99Ms()).isEqualTo(1980.0);
        assertThat(s.maxMs()).isEqualTo(2000.0);
    }

    @Test
    void emptySummaryIsNaNNotZero() {
        Latencies.Summary s = Latencies.summarize(List.of(new Latencies()));
        assertThat(s.count()).isZero();
        assertThat(s.meanMs()).isNaN();
        assertThat(s.p99Ms()).isNaN();
    }
}
