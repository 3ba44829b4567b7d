package org.kojinext.bench;

import org.kojinext.protocol.Encoding;

/**
 * The outcome of one cell: one call kind over one encoding from a number of clients.
 *
 * @param windowNanos length of the measured window
 * @param latency latencies of the requests that completed successfully inside the window
 * @param errors failed requests, warmup included
 * @param firstError what the first failure was, or null
 * @param attempts how many times the cell was measured; only the least disturbed is kept
 */
public record CellResult(ApiCall call, Encoding encoding, int clients, long windowNanos,
        Latencies.Summary latency, long errors, String firstError, CpuMeter.Usage cpu, int attempts) {

    public long requests() {
        return latency.count();
    }

    public double requestsPerSecond() {
        return requests() / (windowNanos / 1e9);
    }

    public double callsPerSecond() {
        return requestsPerSecond() * call.callsPerRequest();
    }

    /**
     * Of two measurements of the same cell, the one other processes disturbed least; failures
     * are never dropped with the discarded one.
     */
    public CellResult leastDisturbed(CellResult other) {
        CellResult keep = other.cpu.other() < cpu.other() ? other : this;
        CellResult drop = keep == this ? other : this;
        return new CellResult(call, encoding, clients, keep.windowNanos, keep.latency, errors + other.errors,
                drop.firstError != null && keep.firstError == null ? drop.firstError : keep.firstError,
                keep.cpu, attempts + other.attempts);
    }
}
