package org.kojinext.bench;

import java.util.Arrays;

/**
 * Request latencies of one client, in nanoseconds. Every sample is kept rather than bucketed:
 * a cell is a few hundred thousand requests at most, and exact percentiles need no tuning.
 *
 * <p>Not thread-safe: each client records into its own and they are merged afterwards.
 */
public final class Latencies {
    private long[] samples = new long[1024];
    private int size;

    public void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public int size() {
        return size;
    }

    public static Summary summarize(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies p : parts) {
            total += p.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (Latencies p : parts) {
            System.arraycopy(p.samples, 0, all, at, p.size);
            at += p.size;
        }
        return Summary.of(all);
    }

    /** Mean and percentiles in milliseconds; NaN when there were no samples. */
    public record Summary(int count, double meanMs, double p50Ms, double p99Ms, double maxMs) {
        static Summary of(long[] nanos) {
            if (nanos.length == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            double sum = 0;
            for (long n : sorted) {
                sum += n;
            }
            return new Summary(sorted.length, ms(sum / sorted.length), ms(percentile(sorted, 50)),
                    ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
        }

        private static double ms(double nanos) {
            return nanos / 1_000_000.0;
        }
    }

    /**
     * The nearest-rank percentile: the smallest sample that at least {@code p} percent of the
     * samples do not exceed. It is always a latency that was actually observed, which keeps p99
     * honest on small samples such as a multicall cell's few hundred requests.
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0 || p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p + " of " + sorted.length + " samples");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
