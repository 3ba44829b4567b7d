package org.kojinext.hub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.kojinext.hub.storage.FsVolume;
import org.kojinext.hub.storage.Volume;
import org.kojinext.hub.storage.Volumes;

/**
 * The default volume on a directory, with a disk that is full for the paths a test chooses:
 * writes there fail as a full filesystem makes them fail, with ENOSPC's message.
 */
public final class FillingVolume implements Volume {
    private final FsVolume disk;
    private volatile Predicate<String> full = p -> false;

    private FillingVolume(FsVolume disk) {
        this.disk = disk;
    }

    public static FillingVolume on(Path topdir) {
        return new FillingVolume(new FsVolume(Volumes.DEFAULT, topdir));
    }

    /** From now on, writes to paths matching this fail. */
    public void fullFor(Predicate<String> paths) {
        this.full = paths;
    }

    @Override
    public String name() {
        return disk.name();
    }

    @Override
    public String resolve(String trustedPath) {
        return disk.resolve(trustedPath);
    }

    @Override
    public Optional<Stat> stat(String path) throws IOException {
        return disk.stat(path);
    }

    @Override
    public InputStream openRead(String path, long offset) throws IOException {
        return disk.openRead(path, offset);
    }

    @Override
    public Writer openWriter(String path) throws IOException {
        Writer w = disk.openWriter(path);
        Predicate<String> now = full;
        return new Writer() {
            @Override
            public long size() throws IOException {
                return w.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                w.truncate(size);
            }

            @Override
            public void write(long offset, byte[] data, int off, int len) throws IOException {
                if (now.test(path)) {
                    throw new IOException("No space left on device");
                }
                w.write(offset, data, off, len);
            }

            @Override
            public InputStream readFrom(long offset) throws IOException {
                return w.readFrom(offset);
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    @Override
    public void move(String from, String to) throws IOException {
        disk.move(from, to);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return disk.list(dir);
    }

    @Override
    public void delete(String path) throws IOException {
        disk.delete(path);
    }
}
