package org.kojinext.hub.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * A volume that is a directory on a local or shared file system. Reads may pass symlinks that
 * stay inside the volume (Koji's repos/&lt;tag&gt;/latest is one); writes, moves and deletes pass
 * none at all, so a link planted in a work directory cannot redirect them.
 */
public final class FsVolume implements Volume {
    private final String name;
    private final Path root;
    private final Path realRoot;

    public FsVolume(String name, Path root) {
        this.name = name;
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create volume " + name + " at " + this.root, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The directory the volume lives in. */
    public Path root() {
        return realRoot;
    }

    @Override
    public String resolve(String trustedPath) {
        return RelPath.normalize(trustedPath);
    }

    @Override
    public Optional<Stat> stat(String path) throws IOException {
        Path p = readable(path);
        if (p == null) {
            return Optional.empty();
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return Optional.of(new Stat(a.isRegularFile(), a.isDirectory(), a.size(), a.lastModifiedTime().toInstant()));
    }

    @Override
    public InputStream openRead(String path, long offset) throws IOException {
        Path p = readable(path);
        if (p == null || !Files.isRegularFile(p)) {
            throw new NoSuchFileException(path);
        }
        FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
        ch.position(offset);
        return Channels.newInputStream(ch);
    }

    @Override
    public Writer openWriter(String path) throws IOException {
        Path p = writable(path);
        Files.createDirectories(p.getParent());
        FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new LockedException(path);
        }
        try {
            return new FsWriter(ch, WriteMarks.renew(p));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void move(String from, String to) throws IOException {
        Path src = writable(from);
        Path dst = writable(to);
        Files.createDirectories(dst.getParent());
        Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path p = readable(dir);
        List<String> out = new ArrayList<>();
        if (p == null || !Files.isDirectory(p)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
            for (Path e : entries) {
                out.add(e.getFileName().toString());
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void delete(String path) throws IOException {
        Path p = writable(path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walkFileTree does not follow links by default: a link inside is removed, not its target.
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The local file for a path that is read; null when missing or when links lead outside. */
    private Path readable(String path) throws IOException {
        Path p = root.resolve(RelPath.normalize(path));
        if (!Files.exists(p)) {
            return null;
        }
        Path real = p.toRealPath();
        return real.startsWith(realRoot) ? real : null;
    }

    /** The local file for a path that is changed; refused when any part of it is a symlink. */
    private Path writable(String path) throws IOException {
        String rel = RelPath.normalize(path);
        if (rel.isEmpty()) {
            throw new IllegalArgumentException("the volume root cannot be written");
        }
        Path p = realRoot;
        for (String part : rel.split("/")) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                throw new SymlinkException(rel);
            }
        }
        return p;
    }

    /** A write was asked through a symlink. */
    public static final class SymlinkException extends IOException {
        SymlinkException(String path) {
            super("path passes through a symbolic link: " + path);
        }
    }

    private static final CompletableFuture<?> DONE = CompletableFuture.completedFuture(null);
    /** The digests of bodies being written, beside the writes. */
    private static final Executor DIGESTING = Executors.newVirtualThreadPerTaskExecutor();

    private static final class FsWriter implements Writer {
        private final FileChannel ch;
        private final WriteMarks.Marks marks;

        FsWriter(FileChannel ch, WriteMarks.Marks marks) {
            this.ch = ch;
            this.marks = marks;
        }

        @Override
        public String mark() {
            return marks.current();
        }

        @Override
        public String previousMark() {
            return marks.previous();
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            if (size < ch.size()) {
                ch.truncate(size);
            } else if (size > ch.size()) {
                ch.write(ByteBuffer.allocate(1), size - 1);
            }
        }

        @Override
        public void write(long offset, byte[] data, int off, int len) throws IOException {
            // A heap buffer would make the JDK allocate a temporary direct buffer of the chunk's
            // size, cached per thread: with a virtual thread per request that is a fresh MiB of
            // direct memory per chunk. Pooled direct buffers make the copy cheap instead.
            ByteBuffer direct = DirectBuffers.take();
            try {
                long pos = offset;
                int done = 0;
                while (done < len) {
                    int n = Math.min(direct.capacity(), len - done);
                    direct.clear();
                    direct.put(data, off + done, n).flip();
                    while (direct.hasRemaining()) {
                        pos += ch.write(direct, pos);
                    }
                    done += n;
                }
            } finally {
                DirectBuffers.give(direct);
            }
        }

        @Override
        public void writeFrom(long offset, InputStream in, long length, Verify seen) throws IOException {
            // The body arrives in pieces of a few KiB; gathering them into a buffer makes one write
            // call per buffer instead of one per piece. Two buffers take turns, so that while one
            // is written the digest takes in the other, on a thread of its own, in order.
            // No larger than the body: a log's few lines need no quarter MiB.
            int size = (int) Math.min(DirectBuffers.SIZE, Math.max(length, 1));
            byte[][] stage = {new byte[size], new byte[size]};
            CompletableFuture<?>[] digested = {DONE, DONE};
            CompletableFuture<?> last = DONE;
            ByteBuffer direct = DirectBuffers.take();
            try {
                long pos = offset;
                long done = 0;
                int cur = 0;
                while (done < length) {
                    digested[cur].join();
                    byte[] buf = stage[cur];
                    int filled = 0;
                    int want = (int) Math.min(buf.length, length - done);
                    while (filled < want) {
                        int n = in.read(buf, filled, want - filled);
                        if (n < 0) {
                            put(direct, buf, filled, pos);
                            throw new EOFException("upload body ended after " + (done + filled) + " of " + length
                                    + " bytes");
                        }
                        filled += n;
                    }
                    if (seen != null) {
                        int len = filled;
                        last = last.thenRunAsync(() -> seen.update(buf, 0, len), DIGESTING);
                        digested[cur] = last;
                    }
                    pos += put(direct, buf, filled, pos);
                    done += filled;
                    cur ^= 1;
                }
            } finally {
                DirectBuffers.give(direct);
                last.join();
            }
        }

        /** Writes len bytes of buf at the position through the direct buffer; says how much that was. */
        private int put(ByteBuffer direct, byte[] buf, int len, long pos) throws IOException {
            direct.clear().put(buf, 0, len);
            return flush(direct, pos);
        }

        /** Writes what the buffer holds at the position, leaves it empty, and says how much that was. */
        private int flush(ByteBuffer direct, long pos) throws IOException {
            direct.flip();
            int n = direct.remaining();
            long at = pos;
            while (direct.hasRemaining()) {
                at += ch.write(direct, at);
            }
            direct.clear();
            return n;
        }

        @Override
        public InputStream readFrom(long offset) throws IOException {
            // A view over the held channel: closing it must not close the writer.
            return new InputStream() {
                private long pos = offset;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = ch.read(ByteBuffer.wrap(b, off, len), pos);
                    if (n > 0) {
                        pos += n;
                    }
                    return n;
                }
            };
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
