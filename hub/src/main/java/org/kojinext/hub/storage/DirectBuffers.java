package org.kojinext.hub.storage;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A small pool of direct buffers for file writes. Requests run on virtual threads, so the JDK's
 * per-thread cache of temporary direct buffers never warms; reusing these keeps uploads from
 * allocating (and zeroing, and later freeing) direct memory for every chunk.
 */
final class DirectBuffers {
    static final int SIZE = 256 * 1024;
    private static final int KEPT = 64;
    private static final ConcurrentLinkedQueue<ByteBuffer> FREE = new ConcurrentLinkedQueue<>();

    private DirectBuffers() {
    }

    static ByteBuffer take() {
        ByteBuffer b = FREE.poll();
        return b != null ? b : ByteBuffer.allocateDirect(SIZE);
    }

    static void give(ByteBuffer b) {
        // Bounded, so a burst of concurrent uploads does not keep its peak of direct memory.
        if (FREE.size() < KEPT) {
            FREE.offer(b);
        }
    }
}
