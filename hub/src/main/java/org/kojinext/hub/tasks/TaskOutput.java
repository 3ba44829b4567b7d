package org.kojinext.hub.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kojinext.protocol.KojiFault;

/**
 * Files a task left in its work directory, DATA-DIR/work/tasks/(id % 10000)/id/, as Koji's
 * pathinfo.task lays them out. Only the default volume exists. Names from clients are never
 * trusted: a path must stay inside the task's directory after symlinks are resolved.
 */
public final class TaskOutput {
    /** Koji's volume name for the one volume there is. */
    public static final String DEFAULT_VOLUME = "DEFAULT";
    /** A download returns at most this much at once, however large the size asked for. */
    private static final int MAX_CHUNK = 16 * 1024 * 1024;

    private final Path workDir;

    /** @param topdir the default volume's root (storage.topdir), where task uploads land */
    public TaskOutput(Path topdir) {
        this.workDir = topdir.resolve("work");
    }

    public Path taskDir(int taskId) {
        return workDir.resolve("tasks").resolve(Integer.toString(taskId % 10000)).resolve(Integer.toString(taskId));
    }

    /** Koji's list_task_output: relative file names, or stat maps, per volume when asked. */
    public Object list(int taskId, boolean stat, boolean allVolumes) {
        Path dir = taskDir(taskId);
        Map<String, Object> byName = new LinkedHashMap<>();
        List<Object> names = new ArrayList<>();
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path p : files) {
                String rel = dir.relativize(p).toString();
                Object entry = stat ? stat(p) : null;
                if (allVolumes) {
                    byName.put(rel, stat ? Map.of(DEFAULT_VOLUME, entry) : List.of(DEFAULT_VOLUME));
                } else if (stat) {
                    byName.put(rel, entry);
                } else {
                    names.add(rel);
                }
            }
        }
        return stat || allVolumes ? byName : names;
    }

    private static Map<String, Object> stat(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("st_size", Long.toString(a.size()));
            m.put("st_atime", a.lastAccessTime().toMillis() / 1000.0);
            m.put("st_mtime", a.lastModifiedTime().toMillis() / 1000.0);
            // Java exposes no ctime; creation time is the nearest it has.
            m.put("st_ctime", a.creationTime().toMillis() / 1000.0);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Koji's downloadTaskOutput: size bytes (all for -1, capped) from offset; a negative offset
     * counts from the end. Returns raw bytes, which the wire sends as base64.
     */
    public byte[] read(int taskId, String fileName, long offset, int size) {
        Path file = resolve(taskId, fileName);
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long length = ch.size();
            long start = offset > 0 ? Math.min(offset, length) : offset < 0 ? Math.max(0, length + offset) : 0;
            long available = length - start;
            int n = (int) Math.min(size < 0 ? available : Math.min(size, available), MAX_CHUNK);
            ch.position(start);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading until the chunk is full or the file ends
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        } catch (IOException e) {
            throw KojiFault.generic("no file \"" + fileName + "\" output by task " + taskId);
        }
    }

    /** The file inside the task's directory, or Koji's errors for a bad or missing name. */
    Path resolve(int taskId, String fileName) {
        if (fileName.contains("..")) {
            throw KojiFault.generic("Invalid file name: " + fileName);
        }
        if (fileName.indexOf('\0') >= 0) {
            throw KojiFault.generic("Invalid file name: " + fileName);
        }
        Path dir = taskDir(taskId);
        Path rel = Path.of(fileName);
        Path candidate = dir.resolve(rel).normalize();
        KojiFault missing = KojiFault.generic("no file \"" + fileName + "\" output by task " + taskId);
        if (rel.isAbsolute() || !candidate.startsWith(dir)) {
            throw KojiFault.generic("Invalid file name: " + fileName);
        }
        try {
            Path realDir = dir.toRealPath();
            Path real = candidate.toRealPath();
            if (!real.startsWith(realDir)) {
                throw KojiFault.generic("Invalid file name: " + fileName);
            }
            if (!Files.isRegularFile(real)) {
                throw missing;
            }
            return real;
        } catch (IOException e) {
            throw missing;
        }
    }
}
