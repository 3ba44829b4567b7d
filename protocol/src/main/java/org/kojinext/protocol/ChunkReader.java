package org.kojinext.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

/**
 * Reads an upload's chunks ahead of the sender, on a thread of its own, and digests them: the
 * whole file's SHA-256 on the reading thread, which gives each chunk the digest of the file up to
 * its end, and, when the hub answers with each chunk's own SHA-256, that one on a second thread
 * (or on demand). While one chunk is on the wire the next ones are already read and hashed, so
 * the sender only waits for the hub.
 */
final class ChunkReader implements AutoCloseable {
    /** How many chunks may wait, read and hashed, for the sender. */
    private static final int AHEAD = 2;

    /**
     * A chunk of the file; the SHA-256 of the file from its start to the chunk's end (null when
     * the whole file's digest did not stand there, as for bytes sent again after a resume); and
     * the chunk's own SHA-256, taken ahead or when first asked for.
     */
    record Chunk(long offset, byte[] data, String prefix, FutureTask<String> own, boolean ownTaken) {
        String ownDigest() {
            // Runs here unless the digest thread has taken it already; then waits for that.
            own.run();
            try {
                return own.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot digest a chunk", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while digesting a chunk", e);
            }
        }
    }

    /** What the reader hands over: a chunk, the end, or the reason it stopped. */
    private sealed interface Item permits Next, End, Failed {
    }

    private record Next(Chunk chunk) implements Item {
    }

    private record End() implements Item {
    }

    private record Failed(IOException error) implements Item {
    }

    private final BlockingQueue<Item> ready = new ArrayBlockingQueue<>(AHEAD);
    /**
     * Buffers of chunks the hub has answered, for the next ones: a chunk of several MiB is a
     * humongous object to G1, and allocating one per chunk starts a GC cycle every few hundred MiB.
     */
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(AHEAD + 2);
    private final Thread thread;
    private final ExecutorService digester = Executors.newSingleThreadExecutor(r ->
            Thread.ofPlatform().daemon().name("upload-digest").unstarted(r));
    private volatile boolean ownAhead;
    private boolean ended;

    /**
     * Starts reading at from; chunks of the given size until total, and at least one (an empty
     * file is one empty chunk). With ownAhead each chunk's own SHA-256 is taken as it is read.
     */
    ChunkReader(FileChannel file, long from, long total, int chunkSize, FileDigest whole, boolean ownAhead) {
        this.ownAhead = ownAhead;
        this.thread = Thread.ofPlatform().daemon().name("upload-reader").start(() -> {
            Item last;
            try {
                long offset = from;
                do {
                    int length = (int) Math.min(chunkSize, Math.max(total - offset, 0));
                    byte[] data = read(file, offset, length);
                    whole.chunk(offset, data, length);
                    ready.put(new Next(chunk(offset, data, whole.through(offset + length))));
                    offset += length;
                } while (offset < total);
                last = new End();
            } catch (IOException e) {
                last = new Failed(e);
            } catch (InterruptedException e) {
                // closed by the sender: nobody waits for more
                return;
            }
            try {
                ready.put(last);
            } catch (InterruptedException e) {
                // closed meanwhile
            }
        });
    }

    /** From now on each chunk's own SHA-256 is taken ahead: the hub answers with those. */
    void ownAhead() {
        ownAhead = true;
    }

    /**
     * The sender is done with the chunk (its answer is checked): its buffer may take another.
     * Not while its own digest may still be reading it on the digest thread.
     */
    void done(Chunk c) {
        if (!c.ownTaken() || c.own().isDone()) {
            spare.offer(c.data());
        }
    }

    /** The next chunk, or null after the last one. */
    Chunk next() throws IOException, InterruptedException {
        if (ended) {
            return null;
        }
        Item item = ready.take();
        return switch (item) {
            case Next n -> n.chunk();
            case End e -> {
                ended = true;
                yield null;
            }
            case Failed f -> {
                ended = true;
                throw f.error();
            }
        };
    }

    private Chunk chunk(long offset, byte[] data, String prefix) {
        FutureTask<String> own = new FutureTask<>(() -> Sha256.hex(data));
        boolean taken = ownAhead;
        if (taken) {
            digester.execute(own);
        }
        return new Chunk(offset, data, prefix, own, taken);
    }

    private byte[] read(FileChannel file, long offset, int length) throws IOException {
        byte[] reused = spare.poll();
        byte[] data = reused != null && reused.length == length ? reused : new byte[length];
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            if (file.read(buf, offset + buf.position()) < 0) {
                throw new IOException("file shrank below " + (offset + buf.position()) + " bytes while being uploaded");
            }
        }
        return data;
    }

    /** Stops reading ahead; the thread ends at once if it waits to hand a chunk over. */
    @Override
    public void close() {
        thread.interrupt();
        digester.shutdownNow();
    }
}
